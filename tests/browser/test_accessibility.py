"""The pages citizens use pass axe-core's WCAG 2.x A/AA checks (GB/T 37668-2019 level 2) with no
serious or critical violation, in the normal look and in elder mode (适老化), and elder mode is
switched by a link in the top bar."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from .a11y import axe_violations, describe
from .screens import collect_console, csp_violations, new_context

SEARCH_QUERY = "补贴"
ELDER_CLASS = re.compile(r"(^|\s)elder-mode(\s|$)")


def citizen_pages() -> dict[str, str]:
    """The pages of issue 15's list, by name: path on the live server."""
    from disclosure.models import GovernmentDocumentPage
    from participation.models import ConsultationPage

    document = GovernmentDocumentPage.objects.get(
        slug="demo-2026-farmland-subsidy-notice", locale__language_code="zh-hans"
    )
    closed = ConsultationPage.objects.get(slug="price-display-consultation", locale__language_code="zh-hans")
    return {
        "首页": "/",
        "政务公开": "/zwgk/",
        "平原镇信息公开": "/zwgk/pingyuan/",
        "栏目": document.get_parent().url,
        "文件": document.url,
        "征求意见": "/zwgk/pingyuan/market-rules-consultation/",
        "采纳情况": f"{closed.url}outcome/",
        "网民留言": "/zwgk/pingyuan/messages/",
        "搜索": f"/search/?q={quote(SEARCH_QUERY)}",
        "依申请公开": "/zwgk/pingyuan/ysqgk/",
        "互动交流": "/hudong/",
        "我为政府网站找错": "/zhaocuo/",
    }


# What GB/T 37668-2019 asks that axe reports as "moderate" or not at all: one h1, headings that do
# not skip a level (a reader's outline), a language on the page, and a text alternative or label
# on every image and form control.
STRUCTURE = """() => {
  const problems = [];
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter((h) => h.checkVisibility());
  const first = headings.filter((h) => h.tagName === "H1").length;
  if (first !== 1) problems.push(`${first} 个一级标题`);
  let previous = 0;
  for (const heading of headings) {
    const level = Number(heading.tagName[1]);
    if (previous && level > previous + 1) {
      problems.push(`标题跳级 h${previous} → h${level}：${heading.textContent.trim().slice(0, 30)}`);
    }
    previous = level;
  }
  if (!document.documentElement.lang) problems.push("页面没有 lang");
  for (const image of document.images) {
    if (!image.hasAttribute("alt")) problems.push(`图片没有替代文字：${image.src}`);
  }
  for (const control of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const named = control.labels.length || control.getAttribute("aria-label") || control.getAttribute("aria-labelledby");
    if (!named) problems.push(`表单控件没有标签：${control.name}`);
  }
  return problems;
}"""


def check_pages(page: Page, base: str) -> dict[str, str]:
    """Each citizen page's serious and critical axe violations and structure problems (STRUCTURE),
    described; an empty dict if none."""
    failures = {}
    for name, path in citizen_pages().items():
        response = page.goto(base + path)
        assert response is not None and response.ok, (
            f"{name} ({path}) answered {response and response.status}"
        )
        problems = [describe(violations)] if (violations := axe_violations(page)) else []
        problems += page.evaluate(STRUCTURE)
        if problems:
            failures[f"{name} {path}"] = "\n".join(problems)
    return failures


def report(failures: dict[str, str]) -> str:
    return "\n\n".join(f"== {where}\n{text}" for where, text in failures.items())


@pytest.mark.browser
def test_citizen_pages_have_no_serious_accessibility_violations(live_server, demo_logins, page: Page):
    console = collect_console(page)
    failures = check_pages(page, live_server.url)
    assert not failures, "axe-core found serious or critical violations:\n" + report(failures)
    # axe runs through the DevTools protocol, so the page's CSP stays as strict as ever.
    assert not csp_violations(console), csp_violations(console)


@pytest.mark.browser
def test_citizen_pages_in_elder_mode_have_no_serious_accessibility_violations(
    live_server, demo_logins, page: Page
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="长辈版（大字、高对比）").click()
    expect(page.locator("body")).to_have_class(ELDER_CLASS)
    failures = check_pages(page, live_server.url)
    assert not failures, "axe-core found serious or critical violations in elder mode:\n" + report(failures)


@pytest.mark.browser
def test_the_check_fails_on_an_image_without_a_text_alternative(browser: Browser):
    # The same page with and without alt: the helper must see the difference, or a green run
    # above would prove nothing.
    context = new_context(browser)
    page = context.new_page()
    page.set_content(
        '<!DOCTYPE html><html lang="zh-CN"><head><title>测试</title></head><body><main><h1>测试</h1></main></body></html>'
    )
    assert axe_violations(page) == []
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"seal.png\">')")
    violations = axe_violations(page)
    assert [violation["id"] for violation in violations] == ["image-alt"], describe(violations)
    assert "seal.png" in describe(violations)
    context.close()


@pytest.mark.browser
def test_the_structure_check_sees_a_skipped_heading_and_an_unlabelled_field(browser: Browser):
    context = new_context(browser)
    page = context.new_page()
    page.set_content(
        '<!DOCTYPE html><html lang="zh-CN"><head><title>测试</title></head><body><main><h1>测试</h1>'
        '<h2>栏目</h2><label for="q">关键词</label><input id="q" name="q"></main></body></html>'
    )
    assert page.evaluate(STRUCTURE) == []
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<h4>小标题</h4><input name=\"phone\">')"
    )
    assert page.evaluate(STRUCTURE) == ["标题跳级 h2 → h4：小标题", "表单控件没有标签：phone"]
    context.close()


@pytest.mark.browser
def test_elder_mode_link_sets_and_clears_its_cookie_and_returns_to_the_page(
    live_server, demo_logins, page: Page
):
    base = live_server.url
    console = collect_console(page)
    page.goto(base + "/zwgk/pingyuan/")
    assert "elder-mode" not in (page.locator("body").get_attribute("class") or "")

    page.locator(".language-bar").get_by_role("link", name="长辈版（大字、高对比）").click()
    expect(page).to_have_url(base + "/zwgk/pingyuan/")
    expect(page.locator("body")).to_have_class(ELDER_CLASS)
    assert [cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "elder_mode"] == ["1"]
    # The larger type is really applied (elder.css), not just a class on the body.
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 20

    # It stays on for the next page.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政务公开", exact=True).click()
    expect(page.locator("body")).to_have_class(ELDER_CLASS)

    page.get_by_role("link", name="退出长辈版").click()
    expect(page).to_have_url(base + "/zwgk/")
    assert "elder-mode" not in (page.locator("body").get_attribute("class") or "")
    assert not [cookie for cookie in page.context.cookies() if cookie["name"] == "elder_mode"]
    assert not csp_violations(console), csp_violations(console)


@pytest.mark.browser
def test_every_link_and_control_shows_where_the_keyboard_is(live_server, demo_logins, page: Page):
    """Tabbing through the page reaches the skip link first and every focused element is outlined."""
    page.goto(live_server.url + "/zwgk/pingyuan/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    for _ in range(12):
        outline = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth), document.activeElement.outerHTML.slice(0, 80)]; })()"
        )
        assert outline[0] != "none" and outline[1] >= 2, f"no visible focus outline on {outline[2]}"
        page.keyboard.press("Tab")
