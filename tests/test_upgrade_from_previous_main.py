"""A database made by the previous main, with its demo data, migrates to this code with nothing lost.

The dumps in tests/data/previous_main/ were made by commit 3838c2e (`migrate` + `load_demo`; see
the README there). Each test restores one into a throwaway database of its own (not the
pytest-django test database), counts rows with raw SQL, runs this code's `manage.py migrate` in a
subprocess, counts again, and then has tests/upgrade_check.py look at the result through the new
models: every content type in use resolves, every page loads as its specific model, and the
public pages, feeds and consultation outcomes are served with their titles.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
DUMPS = ROOT / "tests" / "data" / "previous_main"

# What the previous main held that must come through, by name.
NAMED_COUNTS = {
    "pages": "wagtailcore_page",
    "revisions": "wagtailcore_revision",
    "page log entries": "wagtailcore_pagelogentry",
    "model log entries": "wagtailcore_modellogentry",
    "workflow states": "wagtailcore_workflowstate",
    "task states": "wagtailcore_taskstate",
    "group page permissions": "wagtailcore_grouppagepermission",
    "translation sources": "wagtail_localize_translationsource",
    "translations": "wagtail_localize_translation",
    "opinions": "opinions_opinion",
    "opinion groups": "opinions_opiniongroup",
    "board messages": "participation_message",
    "consultations": "participation_consultationpage",
    "consultation outcomes": "participation_consultationoutcome",
    "catalogue items": "catalogue_catalogueitem",
    "units": "sites_unit",
    "documents": "wagtaildocs_document",
    "images": "wagtailimages_image",
}
# Tables a migration may legitimately add rows to (new models, their permissions); every other
# table of the previous main must keep exactly its rows.
# auth_group: security's post_migrate adds the 审计员 (auditors) group.
MAY_GROW = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}
# Old table name -> new one, for a refactor that renames a table on purpose.
RENAMED_TABLES: dict[str, str] = {}
# Table -> a query counting the rows that a migration removes on purpose.
WITHDRAWN_ROWS = {
    # review 0003: unit staff no longer hold the page publish permission (review cannot be skipped).
    "wagtailcore_grouppagepermission": (
        "SELECT COUNT(*) FROM wagtailcore_grouppagepermission g"
        " JOIN auth_permission p ON p.id = g.permission_id"
        " WHERE p.codename = 'publish_page' AND g.group_id IN"
        " (SELECT reviewers_group_id FROM sites_unit UNION SELECT editors_group_id FROM sites_unit)"
    ),
}


# --- databases -----------------------------------------------------------------------------


class SQLiteDatabase:
    def __init__(self, directory: Path):
        self.path = directory / "previous_main.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def restore(self) -> None:
        with gzip.open(DUMPS / "demo.sqlite3.gz") as dump, open(self.path, "wb") as target:
            shutil.copyfileobj(dump, target)

    def query(self, sql: str) -> list[tuple]:
        with closing(sqlite3.connect(self.path)) as connection:
            return connection.execute(sql).fetchall()

    def tables(self) -> list[str]:
        rows = self.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return sorted(name for (name,) in rows)

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)


class PostgresDatabase:
    def __init__(self, server_url: str):
        import psycopg

        self.psycopg = psycopg
        self.server_url = server_url
        self.name = f"upg_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        parts = urlsplit(server_url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def restore(self) -> None:
        subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url, "-f", "-"],
            input=gzip.decompress((DUMPS / "demo.postgres.sql.gz").read_bytes()),
            stdout=subprocess.DEVNULL,
            check=True,
        )

    def query(self, sql: str) -> list[tuple]:
        with self.psycopg.connect(self.url) as connection:
            return connection.execute(sql).fetchall()

    def tables(self) -> list[str]:
        rows = self.query(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        return sorted(name for (name,) in rows)

    def drop(self) -> None:
        with self.psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def postgres_server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL does not name a PostgreSQL server (CI sets postgres://...)")
    if shutil.which("psql") is None:
        pytest.skip("psql is needed to restore the PostgreSQL dump")
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def previous_main(request, tmp_path):
    database = (
        SQLiteDatabase(tmp_path) if request.param == "sqlite" else PostgresDatabase(postgres_server_url())
    )
    try:
        database.restore()
        yield database
    finally:
        database.drop()


# --- what the database holds ---------------------------------------------------------------


def row_counts(database, tables) -> dict[str, int]:
    """All counts from one query: {table: rows}."""
    tables = list(tables)
    select = " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM \"{table}\"" for table in tables)
    return dict(database.query(select)) if tables else {}


def snapshot(database) -> dict:
    tables = database.tables()
    counts = row_counts(database, set(NAMED_COUNTS.values()))
    named = {label: counts[table] for label, table in NAMED_COUNTS.items()}
    pages = [
        {"id": page_id, "content_type_id": ct_id, "app_label": app_label, "model": model}
        for page_id, ct_id, app_label, model in database.query(
            "SELECT p.id, p.content_type_id, c.app_label, c.model FROM wagtailcore_page p"
            " JOIN django_content_type c ON c.id = p.content_type_id ORDER BY p.id"
        )
    ]
    outcome_pages = [
        page_id
        for (page_id,) in database.query(
            "SELECT consultation_id FROM participation_consultationoutcome WHERE published_at IS NOT NULL"
        )
    ]
    return {"tables": tables, "named": named, "pages": pages, "outcome_pages": outcome_pages}


def run_code_under_test(
    database, media_root: Path, args: list[str], stdin: str | None = None
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings",
        "DATABASE_URL": database.url,
        "DATABASE_CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(media_root),
        "PYTHONPATH": str(ROOT),
    }
    # Celery tasks run in-process and the cache stays in memory: nothing is shared with others.
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr[-4000:]}"
    return result


# --- the test --------------------------------------------------------------------------------


def test_previous_main_database_migrates_with_nothing_lost(previous_main, tmp_path):
    media_root = tmp_path / "media"
    before = snapshot(previous_main)
    assert before["named"]["pages"] > 1000, "the dump should hold the full Yingjiang demo"
    old_counts = row_counts(previous_main, before["tables"])
    withdrawn = {table: previous_main.query(sql)[0][0] for table, sql in WITHDRAWN_ROWS.items()}
    assert withdrawn["wagtailcore_grouppagepermission"] > 0, "the demo's reviewers held publish"
    for table, rows in withdrawn.items():
        old_counts[table] -= rows
        for label, named_table in NAMED_COUNTS.items():
            if named_table == table:
                before["named"][label] -= rows

    run_code_under_test(previous_main, media_root, ["manage.py", "migrate", "--noinput"])

    after = snapshot(previous_main)
    assert after["named"] == before["named"]
    # Pages keep their ids and content type rows (a moved model's content type is renamed in
    # place, not replaced); upgrade_check.py checks what those rows now name.
    old_types = {page["id"]: page["content_type_id"] for page in before["pages"]}
    new_types = {page["id"]: page["content_type_id"] for page in after["pages"]}
    changed_pages = {pk: (ct, new_types.get(pk)) for pk, ct in old_types.items() if new_types.get(pk) != ct}
    assert changed_pages == {}, f"pages whose content type row changed or that are gone: {changed_pages}"
    assert new_types.keys() == old_types.keys()

    new_names = {table: RENAMED_TABLES.get(table, table) for table in old_counts}
    missing = [table for table, new_name in new_names.items() if new_name not in after["tables"]]
    assert missing == [], f"tables of the previous main are gone: {missing}"
    new_counts = row_counts(previous_main, new_names.values())
    changed = {}
    for table, count in old_counts.items():
        now = new_counts[new_names[table]]
        if now != count and not (table in MAY_GROW and now > count):
            changed[table] = (count, now)
    assert changed == {}, f"row counts changed (before, after): {changed}"

    result = run_code_under_test(
        previous_main,
        media_root,
        ["-m", "tests.upgrade_check"],
        stdin=json.dumps({"pages": before["pages"], "outcome_pages": before["outcome_pages"]}),
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["problems"] == [], "\n".join(report["problems"])
    assert report["served"] > 500
