"""A reader switches between Chinese, Dai and Jingpo in a real browser, and Tai Le text renders.

Uses the demo's sample Dai and Jingpo home pages (portal/demo/translations.py). Chromium here has
no Tai Le font of its own: glyphs on screen come from the self-hosted Noto Sans Tai Le or not at all.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .screens import (
    PHONE,
    admin_login,
    collect_console,
    csp_violations,
    has_horizontal_scroll,
    open_page,
    screenshot,
)

TAI_LE = re.compile("[\u1950-\u197f]")
FONT = "Noto Sans Tai Le"


def switch_to(page: Page, language: str) -> None:
    """Click the language switcher's entry for `language` (its name in Chinese, e.g. 傣文)."""
    page.get_by_role("navigation", name="语言").get_by_role("link", name=re.compile(language)).click()


def tai_le_font_state(page: Page) -> dict:
    """Whether the page's Tai Le text is drawn with the self-hosted font, after fonts have settled."""
    return page.evaluate(
        """async (family) => {
            await document.fonts.ready;
            const faces = [...document.fonts].filter((face) => face.family.replace(/"/g, "") === family);
            return {
                statuses: faces.map((face) => face.status),
                usable: document.fonts.check(`16px "${family}"`, "\\u1950\\u1951\\u1952"),
            };
        }""",
        FONT,
    )


def glyph_widths(page: Page, text: str) -> list[float]:
    """Widths of each character of `text` as drawn in the page's font stack. Missing glyphs are
    all drawn as the same box, so different letters with identical widths betray them."""
    return page.evaluate(
        """(text) => {
            const context = document.createElement("canvas").getContext("2d");
            context.font = "32px " + getComputedStyle(document.body).fontFamily;
            return [...text].map((letter) => context.measureText(letter).width);
        }""",
        text,
    )


@pytest.mark.browser
def test_reader_switches_to_dai_and_jingpo_and_back(live_server, demo_logins, page: Page):
    console = collect_console(page)
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")

    switch_to(page, "傣文")
    expect(page).to_have_url(f"{live_server.url}/tdd/")
    expect(page.locator("html")).to_have_attribute("lang", "tdd")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(TAI_LE)
    expect(page.locator(".language-notice")).to_have_count(0)
    state = tai_le_font_state(page)
    assert state["statuses"] and set(state["statuses"]) == {"loaded"}, state
    assert state["usable"], state
    widths = glyph_widths(page, "ᥐᥑᥒᥓᥔᥕᥖ")
    assert len(set(widths)) > 1, f"Tai Le letters all drawn the same width, i.e. as boxes: {widths}"
    screenshot(page, "languages-01-dai-home")

    switch_to(page, "景颇文")
    expect(page).to_have_url(f"{live_server.url}/kac/")
    expect(page.locator("html")).to_have_attribute("lang", "kac")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jinghpaw")
    screenshot(page, "languages-02-jingpo-home")

    switch_to(page, "简体中文")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("盈江县人民政府")

    blocked = csp_violations(console)
    assert not blocked, "Content-Security-Policy blocked something:\n" + "\n".join(blocked)


@pytest.mark.browser
def test_untranslated_page_says_so_and_leads_back_to_chinese(live_server, demo_logins, page: Page, browser):
    page.goto(f"{live_server.url}/zwgk/pingyuan/")
    dai = page.get_by_role("navigation", name="语言").get_by_role("link", name=re.compile("傣文"))
    expect(dai).to_contain_text("本页暂无此语言版本")
    dai.click()
    expect(page).to_have_url(f"{live_server.url}/tdd/zwgk/pingyuan/")
    expect(page.locator("html")).to_have_attribute("lang", "tdd")
    expect(page.locator("main")).to_have_attribute("lang", "zh-Hans")
    notice = page.get_by_role("note").filter(has_text="本页暂无傣文版本")
    expect(notice).to_be_visible()
    screenshot(page, "languages-03-dai-untranslated-section")
    notice.get_by_role("link", name="打开中文页面").click()
    expect(page).to_have_url(f"{live_server.url}/zwgk/pingyuan/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("平原镇信息公开")

    page.goto(f"{live_server.url}/kac/zwgk/pingyuan/")
    expect(page.get_by_role("note")).to_contain_text("本页暂无景颇文版本")

    # On a phone the language bar wraps instead of pushing the page sideways.
    with open_page(browser, PHONE) as phone:
        phone.goto(f"{live_server.url}/zwgk/pingyuan/")
        expect(phone.get_by_role("navigation", name="语言")).to_be_visible()
        assert not has_horizontal_scroll(phone)
        screenshot(phone, "languages-05-switcher-phone")


@pytest.mark.browser
def test_admin_shows_dai_titles_in_tai_le(live_server, demo_logins, page: Page):
    from wagtail.models import Page as WagtailPage

    dai_home = WagtailPage.objects.get(depth=2, locale__language_code="tdd")
    admin_login(page, live_server.url, "admin", demo_logins["admin"])
    # The explorer of the Dai tree's home page, whose title is the Dai sample.
    page.goto(f"{live_server.url}/admin/pages/{dai_home.id}/")
    expect(page.locator("h1").filter(has_text=TAI_LE).first).to_be_visible()
    state = tai_le_font_state(page)
    assert state["statuses"] and set(state["statuses"]) == {"loaded"}, state
    screenshot(page, "languages-04-admin-dai-home")
