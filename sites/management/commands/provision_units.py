from django.core.management.base import BaseCommand, CommandError

from sites.provisioning import provision_units
from sites.unit_file import UnitFileError, read_unit_file


class Command(BaseCommand):
    help = "按单位数据文件（CSV）创建或更新单位、专栏页面、文件库和编辑/审核组。可重复运行，不删除任何内容。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="单位数据文件，如 sites/data/yingjiang_units.csv")

    def handle(self, *args, file: str, **options):
        try:
            records = read_unit_file(file)
            report = provision_units(records, progress=self.stdout.write)
        except UnitFileError as exc:
            raise CommandError(f"{exc}\n未写入任何数据。") from exc
        self.stdout.write(self.style.SUCCESS(report.summary()))
