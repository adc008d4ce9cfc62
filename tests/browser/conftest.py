"""Fixtures for real-browser tests: one Chromium per session, one fresh context per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .screens import launch_chromium, new_context, running_playwright


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Starting Chromium takes about a second; sharing it keeps the tests quick while
    # each test still gets its own context (cookies, storage) from `page`.
    with running_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-sized (1280x900) zh-CN page in a context of its own."""
    context = new_context(browser)
    yield context.new_page()
    context.close()


class DemoSnapshot:
    """The demo county, loaded once per session and put back before each browser test.

    Loading the demo takes much longer than copying its rows, so on PostgreSQL the first test
    loads it and copies every table into a schema of its own; later tests empty the tables and
    copy the rows back, which gives each test the very rows (ids included) a fresh load would
    give. Elsewhere (SQLite) every test loads the demo as before.
    """

    SCHEMA = "browser_demo_snapshot"

    def __init__(self) -> None:
        self.logins: dict[str, str] | None = None
        self.tables: list[str] = []

    @staticmethod
    def _tables() -> list[str]:
        from django.db import connection

        return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))

    def take(self, logins: dict[str, str]) -> None:
        from django.db import connection, transaction

        tables = self._tables()
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.SCHEMA}")
            filled = []
            for table in tables:
                cursor.execute(
                    f"CREATE UNLOGGED TABLE {self.SCHEMA}.{quote(table)} AS SELECT * FROM {quote(table)}"
                )
                if cursor.rowcount:
                    filled.append(table)
        self.tables, self.filled, self.logins = tables, filled, dict(logins)

    def restore(self) -> dict[str, str]:
        from django.db import connection, transaction
        from wagtail.models import Site

        quote = connection.ops.quote_name
        assert self._tables() == self.tables, "the database's tables changed since the snapshot"
        with transaction.atomic(), connection.cursor() as cursor:
            # Foreign keys are deferred to the commit, so the order of the copies does not matter.
            cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in self.tables))
            for table in self.filled:
                cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {self.SCHEMA}.{quote(table)}")
        # Wagtail caches the sites' root paths in the Django cache; the last test may have changed them.
        Site.clear_site_root_paths_cache()
        return dict(self.logins)


DEMO_SNAPSHOT = DemoSnapshot()


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Once the demo snapshot exists, skip the serialized rollback's reload of the migrations' rows
    before a demo test: `demo_logins` empties every table and copies back the snapshot, which
    holds those rows too. (The flush after the test is unchanged.)"""
    if fixturedef.argname != "_django_db_helper" or "demo_logins" not in request.fixturenames:
        return (yield)
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if DEMO_SNAPSHOT.logins is None or connection.vendor != "postgresql" or contents is None:
        return (yield)
    del connection._test_serialized_contents
    try:
        return (yield)
    finally:
        connection._test_serialized_contents = contents


@pytest.fixture
def demo_logins(transactional_db, django_db_serialized_rollback, small_county_records) -> dict[str, str]:
    """The three-unit demo county, loaded the way `manage.py load_demo` does; returns username → password.

    The live server runs in another thread, so the data must be committed: hence
    `transactional_db`. Its flush would also remove the root page, root collection and
    default locale that Wagtail's migrations create, which provisioning builds on;
    serialized rollback puts them back for the next transactional test. On PostgreSQL the
    demo is loaded by the first test only and copied back for the others (DemoSnapshot).
    """
    from django.db import connection

    from portal.demo import load_demo

    if connection.vendor == "postgresql" and DEMO_SNAPSHOT.logins is not None:
        return DEMO_SNAPSHOT.restore()
    _report, new_logins = load_demo(small_county_records, progress=lambda message: None)
    if connection.vendor == "postgresql":
        DEMO_SNAPSHOT.take(dict(new_logins))
    return dict(new_logins)
