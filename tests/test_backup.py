"""`manage.py backup` and `manage.py restore`: a backup restored into an empty database and an empty
media folder serves the same pages and files; a damaged archive or a non-empty database is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.conftest import ROOT, worker_database_environment
from tests.test_attachments import attach, upload
from tests.test_documents import new_document
from tests.test_services import needs_postgres

# Runs in a fresh process against the restored database and media: what the public would get.
SERVE_SCRIPT = """
import hashlib, json, os
import django
django.setup()
from django.test import Client
client = Client()
result = {}
for url in json.loads(os.environ['URLS']):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    result[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
print(json.dumps(result))
"""


def served(client: Client, urls: list[str]) -> dict[str, list]:
    import hashlib

    result = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        result[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
    return result


@pytest.fixture
def empty_database():
    """A second, empty PostgreSQL database on the same server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = worker_database_environment()["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
    yield url
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_serves_the_same_pages_and_files(
    small_county_records, settings, tmp_path, empty_database
):
    from sites.provisioning import provision_units

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media-private"
    provision_units(small_county_records)
    page = new_document("pingyuan", title="备份恢复测试文件")
    document = upload("pingyuan", "备份恢复附件")
    page = attach(page, document)
    urls = ["/", page.get_parent().get_parent().url, page.url, document.url]
    before = served(Client(), urls)
    assert all(status == 200 for status, _digest in before.values()), before

    call_command("backup", output_dir=tmp_path / "backups", keep=0)
    [archive] = (tmp_path / "backups").glob("ogcms-backup-*.tar.gz")
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["database"]["format"] == "pg_dump-custom"
    # Documents live outside the web-served media folder, and are backed up from there.
    assert f"files/default-private/{document.file.name}" in manifest["members"]

    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-media-private"
    restored = {
        "DATABASE_URL": empty_database,
        "MEDIA_ROOT": str(restored_media),
        "PRIVATE_MEDIA_ROOT": str(restored_private),
        "ALLOWED_HOSTS": "testserver",
    }
    result = manage("restore", str(archive), env=restored)
    assert result.returncode == 0, result.stderr
    assert (restored_private / document.file.name).read_bytes() == document.file.open("rb").read()

    result = subprocess.run(
        [sys.executable, "-c", SERVE_SCRIPT],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings", **restored, "URLS": json.dumps(urls)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == before

    # The restored database is no longer empty: a second restore must be asked for explicitly.
    again = manage("restore", str(archive), env=restored)
    assert again.returncode != 0
    assert "目标数据库不是空的" in again.stderr
    assert manage("restore", str(archive), "--force", env=restored).returncode == 0


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_damaged_archive_is_refused_before_anything_changes(tmp_path, settings, empty_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "note.txt").write_text("原件")
    call_command("backup", output_dir=tmp_path / "backups", keep=0)
    [archive] = (tmp_path / "backups").glob("ogcms-backup-*.tar.gz")
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for info in source.getmembers():
            data = source.extractfile(info).read()
            if info.name == "files/default/note.txt":
                data = "篡改".encode()
                info.size = len(data)
            target.addfile(info, __import__("io").BytesIO(data))
    result = manage(
        "restore", str(damaged), env={"DATABASE_URL": empty_database, "MEDIA_ROOT": str(tmp_path / "r")}
    )
    assert result.returncode != 0
    assert "校验值不符" in result.stderr
    assert not (tmp_path / "r" / "note.txt").exists()


def test_only_the_newest_backups_are_kept(tmp_path):
    from operations.backup import prune_backups

    for day in range(1, 6):
        (tmp_path / f"ogcms-backup-202601{day:02d}-020000.tar.gz").write_bytes(b"")
    removed = prune_backups(tmp_path, keep=3)
    assert [path.name for path in removed] == [
        "ogcms-backup-20260101-020000.tar.gz",
        "ogcms-backup-20260102-020000.tar.gz",
    ]
    assert len(list(tmp_path.glob("*.tar.gz"))) == 3
