"""The portal home page in a real browser, on a desktop screen and on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from .screens import collect_console, csp_violations, has_horizontal_scroll, open_page, screenshot

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
def test_home_page_on_desktop_and_phone(live_server, demo_logins, browser: Browser):
    for name, viewport in (("home-1366", DESKTOP), ("home-390", PHONE)):
        with open_page(browser, viewport) as page:
            console = collect_console(page)
            response = page.goto(f"{live_server.url}/")
            assert response is not None and response.ok
            for heading in ("要闻动态", "通知公告", "政策文件", "政策解读", "互动交流", "专题专栏"):
                expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
            news = page.locator(".home-block--news .home-list__item")
            expect(news.first).to_be_visible()
            assert news.count() >= 3
            screenshot(page, name)
            assert not has_horizontal_scroll(page), name
            assert csp_violations(console) == []

    # From the home page a citizen reaches a unit's news and an open consultation.
    with open_page(browser, PHONE) as page:
        page.goto(f"{live_server.url}/")
        first = page.locator(".home-block--news .home-list__title").first
        title = first.inner_text()
        first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator(".publication-meta time")).to_have_text(
            re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
        )
        assert not has_horizontal_scroll(page)
        page.goto(f"{live_server.url}/")
        page.locator(".home-block--interaction .home-list__title").first.click()
        expect(page.locator("body")).to_contain_text("截止")
