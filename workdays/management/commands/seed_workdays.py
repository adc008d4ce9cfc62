from django.core.management.base import BaseCommand
from django.db import transaction

from workdays.seeding import seed_from_package


class Command(BaseCommand):
    help = "从 chinesecalendar 软件包导入尚未录入年份的法定节假日和调休上班日（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="同时按软件包更正由它导入的年份中已有的日期；管理员录入的年份不受影响。",
        )

    def handle(self, *args, refresh: bool = False, **options):
        with transaction.atomic():
            report = seed_from_package(refresh=refresh)
        self.stdout.write(report.summary())
