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


@pytest.fixture
def demo_logins(transactional_db, django_db_serialized_rollback, small_county_records) -> dict[str, str]:
    """The three-unit demo county, loaded the way `manage.py load_demo` does; returns username → password.

    The live server runs in another thread, so the data must be committed: hence
    `transactional_db`. Its flush would also remove the root page, root collection and
    default locale that Wagtail's migrations create, which provisioning builds on;
    serialized rollback puts them back for the next transactional test.
    """
    from portal.demo import load_demo

    _report, new_logins = load_demo(small_county_records, progress=lambda message: None)
    return dict(new_logins)
