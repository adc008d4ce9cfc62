from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = "备份数据库和全部上传文件（含不公开文件）到一个 .tar.gz 文件，并只保留最近的若干份。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", type=Path, default=None, help="备份存放目录（默认为 BACKUP_DIR 设置）。"
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="保留最近几份备份（默认为 BACKUP_KEEP 设置；0 表示全部保留）。",
        )

    def handle(self, *args, output_dir=None, keep=None, **options):
        directory = output_dir or Path(settings.BACKUP_DIR)
        try:
            archive = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        removed = prune_backups(directory, settings.BACKUP_KEEP if keep is None else keep)
        self.stdout.write(f"备份完成：{archive}")
        for path in removed:
            self.stdout.write(f"已删除过期备份：{path}")
