from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "从 manage.py backup 生成的备份文件恢复数据库和全部上传文件。目标数据库须为空，除非加 --force。"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="备份文件（.tar.gz）。")
        parser.add_argument(
            "--force", action="store_true", help="目标数据库已有数据时仍然恢复（覆盖其中的全部数据）。"
        )

    def handle(self, *args, archive: Path, force: bool = False, **options):
        try:
            report = restore_backup(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"恢复完成：数据库（{report.database_format}），文件 {report.files} 个。")
