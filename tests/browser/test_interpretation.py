"""The demo interpretation of the seed document in a real browser: it links its policy, the policy
lists it, and the language switcher reaches its sample Dai and Jingpo pages and comes back, with
Tai Le drawn in the self-hosted Noto Sans Tai Le. Also the county administrator's overdue list."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .screens import admin_login, collect_console, csp_violations, screenshot

TAI_LE = re.compile("[\u1950-\u197f]")
FONT = "Noto Sans Tai Le"
DEMO_PATH = "/zwgk/xzfb/interpretations/openness-plan-2020-questions-and-answers/"
SEED_TITLE = "盈江县人民政府办公室关于印发全面推进基层政务公开标准化规范化工作实施方案的通知"
DEMO_TITLE = "《盈江县全面推进基层政务公开标准化规范化工作实施方案》问答解读（演示）"


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


@pytest.mark.browser
def test_demo_interpretation_links_its_policy_and_switches_to_dai_and_jingpo(
    live_server, demo_logins, page: Page
):
    console = collect_console(page)
    page.goto(f"{live_server.url}/zwgk/xzfb/interpretations/")
    page.get_by_role("link", name=DEMO_TITLE).click()
    expect(page).to_have_url(f"{live_server.url}{DEMO_PATH}")
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_TITLE)
    expect(page.get_by_role("heading", name=re.compile("为什么要制定这个实施方案"))).to_be_visible()
    screenshot(page, "interpretation-01-demo-qa")

    # Interpretation → policy → back through the policy's own list of interpretations.
    page.locator(".interpreted-policies").get_by_role("link", name=SEED_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    interpretations = page.locator(".policy-interpretations")
    expect(interpretations.get_by_role("heading", name="政策解读")).to_be_visible()
    screenshot(page, "interpretation-02-policy-lists-interpretation")
    interpretations.get_by_role("link", name=DEMO_TITLE).click()
    expect(page).to_have_url(f"{live_server.url}{DEMO_PATH}")

    switch_to(page, "傣文")
    expect(page).to_have_url(f"{live_server.url}/tdd{DEMO_PATH}")
    expect(page.locator("html")).to_have_attribute("lang", "tdd")
    expect(page.get_by_role("heading", level=1)).to_have_text(TAI_LE)
    expect(page.locator("main")).to_contain_text("示例文字，不是译文")
    expect(page.locator(".language-notice")).to_have_count(0)
    state = tai_le_font_state(page)
    assert state["statuses"] and set(state["statuses"]) == {"loaded"}, state
    assert state["usable"], state
    screenshot(page, "interpretation-03-dai-sample")

    switch_to(page, "景颇文")
    expect(page).to_have_url(f"{live_server.url}/kac{DEMO_PATH}")
    expect(page.locator("html")).to_have_attribute("lang", "kac")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jinghpaw")
    expect(page.locator("main")).to_contain_text("示例文字，不是译文")
    screenshot(page, "interpretation-04-jingpo-sample")

    switch_to(page, "简体中文")
    expect(page).to_have_url(f"{live_server.url}{DEMO_PATH}")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_TITLE)

    blocked = csp_violations(console)
    assert not blocked, "Content-Security-Policy blocked something:\n" + "\n".join(blocked)


@pytest.mark.browser
def test_county_admin_sees_the_overdue_policy_with_how_its_due_date_was_computed(
    live_server, demo_logins, page: Page
):
    admin_login(page, live_server.url, "county_admin", demo_logins["county_admin"])
    page.goto(f"{live_server.url}/admin/interpretation/county/")
    overdue = page.locator(".interpretation-duties--overdue")
    row = overdue.get_by_role("row").filter(has_text="县市场监督管理局关于规范农贸市场经营秩序的若干规定")
    expect(row).to_contain_text("已逾期")
    row.get_by_text("计算方法").click()
    expect(row).to_contain_text("截止日")
    screenshot(page, "interpretation-05-county-overdue")
