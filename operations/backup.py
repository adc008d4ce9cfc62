"""Backups of the whole site: the database and every stored file, in one archive.

An archive (`ogcms-backup-YYYYmmdd-HHMMSS.tar.gz`) holds:
- `manifest.json`: when, which database engine and dump format, and for every member its size and
  SHA-256, so a restore refuses a damaged or incomplete archive before it changes anything;
- `database.dump`: on PostgreSQL, `pg_dump --format=custom`. It keeps what a JSON `dumpdata`
  loses or gets wrong: sequences, constraints and indexes exactly as migrated, the search
  tables, and it is consistent (one snapshot) while the site keeps running. Restored with
  `pg_restore`, it is also far faster than `loaddata` on Wagtail's page tree;
- `database.sqlite3` on the embedded SQLite database: a consistent copy through SQLite's online
  backup API (the file itself is the most faithful dump there is);
- `files/<storage>/…`: every file of every file-system storage in STORAGES except the static
  files (which `collectstatic` rebuilds): media, and private storages other apps define.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ARCHIVE_PREFIX = "ogcms-backup-"
SKIPPED_STORAGES = frozenset({"staticfiles"})


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Chinese."""


def file_storages() -> dict[str, Path]:
    """Alias -> folder of each file-system storage the settings define (static files excepted)."""
    folders: dict[str, Path] = {}
    for alias in settings.STORAGES:
        if alias in SKIPPED_STORAGES:
            continue
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            folders[alias] = Path(storage.location)
            # A storage that keeps some of its files in a folder of their own (the default one keeps
            # everything but images outside any web-served folder: cms/storage.py) names it `private`.
            private = getattr(storage, "private", None)
            if isinstance(private, FileSystemStorage):
                folders[f"{alias}-private"] = Path(private.location)
    return folders


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_environment(database: dict) -> tuple[list[str], dict[str, str]]:
    arguments = []
    if database.get("HOST"):
        arguments += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", str(database["USER"])]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 执行失败：{result.stderr.strip()[:2000]}")


def dump_database(folder: Path, alias: str = "default") -> tuple[str, str]:
    """Writes the database dump into `folder`; returns (member name, format)."""
    connection = connections[alias]
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        arguments, env = _pg_environment(database)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *arguments,
                "--file",
                str(target),
                database["NAME"],
            ],
            env,
        )
        return target.name, "pg_dump-custom"
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(str(database["NAME"]))
        copy = sqlite3.connect(str(target))
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
        return target.name, "sqlite3"
    raise BackupError(f"不支持备份 {connection.vendor} 数据库。")


def create_backup(directory: Path, alias: str = "default") -> Path:
    """Writes one archive into `directory` and returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    name = f"{ARCHIVE_PREFIX}{timezone.localtime(created):%Y%m%d-%H%M%S}.tar.gz"
    archive_path = directory / name
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        scratch = Path(scratch)
        database_member, database_format = dump_database(scratch, alias)
        members = {database_member: scratch / database_member}
        for storage, folder in file_storages().items():
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    members[f"files/{storage}/{path.relative_to(folder).as_posix()}"] = path
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": created.isoformat(),
            "database": {
                "vendor": connections[alias].vendor,
                "format": database_format,
                "member": database_member,
            },
            "storages": sorted(file_storages()),
            "members": {
                member: {"size": path.stat().st_size, "sha256": sha256(path)}
                for member, path in members.items()
            },
        }
        partial = archive_path.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(created.timestamp())
            archive.addfile(info, io.BytesIO(data))
            for member, path in members.items():
                archive.add(path, arcname=member, recursive=False)
        # Only a complete archive gets its final name: a crash leaves no half backup to restore.
        partial.rename(archive_path)
    return archive_path


def prune_backups(directory: Path, keep: int) -> list[Path]:
    """Deletes all but the `keep` newest archives in `directory`; returns the deleted ones."""
    archives = sorted(directory.glob(f"{ARCHIVE_PREFIX}*.tar.gz"))
    old = archives[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


@dataclass
class RestoreReport:
    database_format: str
    files: int


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"备份文件中有不安全的路径：{name}")
    return path


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError("这不是本系统的备份文件（缺少或无法读取 manifest.json）。") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("备份文件的格式版本不受支持。")
    return manifest


def verify_and_extract(archive_path: Path, folder: Path) -> dict:
    """Unpacks the archive into `folder` and checks every member against the manifest."""
    if not archive_path.is_file():
        raise BackupError(f"找不到备份文件：{archive_path}")
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            manifest = read_manifest(archive)
            for info in archive.getmembers():
                if info.name == MANIFEST:
                    continue
                _safe_member(info.name)
                if info.name not in manifest["members"] or not info.isfile():
                    raise BackupError(f"备份文件中有清单未列出的内容：{info.name}")
            archive.extractall(folder, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"备份文件已损坏，无法读取：{error}") from error
    for member, expected in manifest["members"].items():
        path = folder / _safe_member(member)
        if (
            not path.is_file()
            or path.stat().st_size != expected["size"]
            or sha256(path) != expected["sha256"]
        ):
            raise BackupError(f"备份文件已损坏：{member} 与清单中的校验值不符。")
    return manifest


def database_is_empty(alias: str = "default") -> bool:
    with connections[alias].cursor() as cursor:
        return not connections[alias].introspection.table_names(cursor)


def restore_database(dump: Path, database_format: str, alias: str = "default") -> None:
    connection = connections[alias]
    database = connection.settings_dict
    if database_format == "pg_dump-custom":
        if connection.vendor != "postgresql":
            raise BackupError("该备份来自 PostgreSQL 数据库，只能恢复到 PostgreSQL。")
        connection.close()
        arguments, env = _pg_environment(database)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *arguments,
                "--dbname",
                database["NAME"],
                str(dump),
            ],
            env,
        )
        return
    if database_format == "sqlite3":
        if connection.vendor != "sqlite":
            raise BackupError("该备份来自 SQLite 数据库，只能恢复到 SQLite。")
        connection.close()
        source = sqlite3.connect(str(dump))
        target = sqlite3.connect(str(database["NAME"]))
        with target:
            source.backup(target)
        target.close()
        source.close()
        return
    raise BackupError(f"不认识的数据库备份格式：{database_format}")


def restore_backup(archive_path: Path, *, force: bool = False, alias: str = "default") -> RestoreReport:
    """Restores the database and the files of an archive made by `create_backup`.

    Refuses a non-empty database unless `force` (which replaces its contents), and checks the
    whole archive before touching anything."""
    if not force and not database_is_empty(alias):
        raise BackupError("目标数据库不是空的。恢复会覆盖其中的全部数据；确需覆盖，请加 --force 参数。")
    folders = file_storages()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        manifest = verify_and_extract(archive_path, scratch)
        missing = set(manifest["storages"]) - set(folders)
        if missing:
            raise BackupError(f"当前配置中没有备份里的文件存储：{'、'.join(sorted(missing))}")
        database = manifest["database"]
        restore_database(scratch / database["member"], database["format"], alias)
        count = 0
        for storage in manifest["storages"]:
            source = scratch / "files" / storage
            if not source.is_dir():
                continue
            target = folders[storage]
            target.mkdir(parents=True, exist_ok=True)
            for path in source.rglob("*"):
                if path.is_file():
                    destination = target / path.relative_to(source)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, destination)
                    count += 1
    return RestoreReport(database_format=database["format"], files=count)
