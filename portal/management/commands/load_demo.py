import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import load_demo
from sites.unit_file import UnitFileError, read_unit_file

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".demo-credentials"


class Command(BaseCommand):
    help = "载入盈江县演示数据：单位、演示账号、实施方案原文和示例栏目内容。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--units-file",
            default=str(Path(settings.BASE_DIR) / "sites" / "data" / "yingjiang_units.csv"),
            help="单位数据文件（CSV）",
        )
        parser.add_argument("--quiet-progress", action="store_true", help="不逐个打印单位进度")

    def handle(self, *args, units_file: str, quiet_progress: bool, **options):
        try:
            records = read_unit_file(units_file)
        except UnitFileError as exc:
            raise CommandError(str(exc)) from exc
        progress = (lambda message: None) if quiet_progress else self.stdout.write
        report, new_logins = load_demo(records, progress=progress)
        self.stdout.write(report.summary())

        if new_logins:
            lines = [f"{username}  {password}" for username, password in new_logins]
            # Passwords are shown once; a copy stays beside the project, readable by its owner only.
            saved = dict(_read_credentials())
            saved.update(new_logins)
            CREDENTIALS_FILE.write_text(
                "".join(f"{username}  {password}\n" for username, password in saved.items()),
                encoding="utf-8",
            )
            os.chmod(CREDENTIALS_FILE, 0o600)
            self.stdout.write(
                self.style.SUCCESS("已创建演示账号（密码只显示这一次，副本保存在 .demo-credentials）：")
            )
            for line in lines:
                self.stdout.write(f"  {line}")
        elif CREDENTIALS_FILE.exists():
            self.stdout.write("演示账号（用户名 密码），来自 .demo-credentials：")
            self.stdout.write(CREDENTIALS_FILE.read_text(encoding="utf-8").rstrip())
        else:
            self.stdout.write("演示账号已存在；可用 `manage.py changepassword admin` 重设密码。")
        self.stdout.write(
            "admin 为系统管理员；county_admin 为县级管理员；其余为平原镇、县市场监督管理局的编辑和审核。"
        )
        self.stdout.write(
            "首次登录管理后台时，须用手机身份验证器扫描页面上的二维码（或输入密钥）绑定动态口令，"
            "以后每次登录输入密码后再输入 6 位动态口令。"
        )


def _read_credentials() -> list[tuple[str, str]]:
    if not CREDENTIALS_FILE.exists():
        return []
    pairs = []
    for line in CREDENTIALS_FILE.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            pairs.append((parts[0], parts[1]))
    return pairs
