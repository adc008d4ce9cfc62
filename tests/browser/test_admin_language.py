"""The admin speaks Chinese on every screen a unit editor uses daily: the dashboard, the explorer,
the page editor with its menus, side panels, block chooser, table options and autosave notice, the
workflow dialogs, and the search box. Wagtail's own zh-hans catalogue leaves gaps; the project's
catalogue (locale_overrides/) fills them, and this test reads the screens as the editor sees them
(visible text, and the placeholder, title and aria-label a screen reader announces)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .screens import admin_login, screenshot

# Latin letters that are not English the editor would have to read: file formats, the site's own
# URL parts, and the demo's login names and e-mail addresses.
ALLOWED = {
    "PDF",
    "OFD",
    "DOC",
    "DOCX",
    "XLS",
    "XLSX",
    "RSS",
    "Atom",
    "URL",
    "ID",
    "http",
    "https",
    "localhost",
    "zwgk",
    "pingyuan",
    "editor",
    "reviewer",
    "example",
    "com",
    "net",
    "org",
    "cn",
    "gov",
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
# Not words: tracking codes (F-2EAQ-QQHC) and markup shown as a code sample.
NOT_WORDS = re.compile(r"\b[A-Z]-[0-9A-Z]{4}-[0-9A-Z]{4}\b|</?[a-z]+>")

VISIBLE_TEXT = """() => {
  const texts = [];
  const seen = (element) => element.checkVisibility({checkVisibilityCSS: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !element || element.closest("script, style, template, noscript")) continue;
    if (seen(element)) texts.push(text);
  }
  for (const element of document.querySelectorAll("[placeholder], [title], [aria-label]")) {
    if (!seen(element)) continue;
    for (const name of ["placeholder", "title", "aria-label"]) {
      const value = element.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
  }
  return texts;
}"""


def english_on(page: Page, screen: str) -> list[str]:
    """The texts of the screen that hold an English word, each as `screen: text`."""
    found = []
    for text in page.evaluate(VISIBLE_TEXT):
        if text.startswith(("http://", "https://", "/")):
            continue
        words = [word for word in WORD.findall(NOT_WORDS.sub(" ", text)) if word not in ALLOWED]
        if words:
            found.append(f"{screen}: {text[:120]}")
    return found


def pingyuan_pages() -> tuple[int, int, int]:
    """平原镇's section, its statutory column and one of its published documents, by id."""
    from disclosure.models import GovernmentDocumentPage
    from sites.models import UnitSectionPage
    from tests.test_documents import statutory

    section = UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code="zh-hans")
    column = statutory("pingyuan")
    document = GovernmentDocumentPage.objects.child_of(column).live().first()
    return section.pk, column.pk, document.pk


@pytest.mark.browser
def test_a_unit_editors_daily_screens_show_no_english(live_server, demo_logins, page: Page, browser):
    base = live_server.url
    section_id, column_id, document_id = pingyuan_pages()
    found: list[str] = []
    admin_login(page, base, "pingyuan_editor", demo_logins["pingyuan_editor"])

    # The dashboard, with the sidebar open.
    page.goto(f"{base}/admin/")
    found += english_on(page, "dashboard")

    # The explorer: the section, a column, the page explorer menu.
    for name, url in (("section", f"/admin/pages/{section_id}/"), ("column", f"/admin/pages/{column_id}/")):
        page.goto(base + url)
        found += english_on(page, name)
    page.get_by_role("navigation", name="主菜单").get_by_role("button", name="页面").click()
    expect(page.locator(".c-page-explorer")).to_be_visible()
    found += english_on(page, "page explorer menu")
    page.keyboard.press("Escape")

    # The search box and its results.
    page.goto(f"{base}/admin/pages/search/?q=通知")
    found += english_on(page, "search")

    # The page editor: the form, the action menu, the side panels, the block chooser, a table.
    page.goto(f"{base}/admin/pages/{document_id}/edit/")
    found += english_on(page, "editor")
    page.get_by_role("button", name="更多动作").click()
    found += english_on(page, "editor action menu")
    page.keyboard.press("Escape")
    for panel in page.locator("[data-side-panel-toggle]").all():
        panel.click()
        found += english_on(page, f"editor side panel {panel.get_attribute('aria-label')}")
    body = page.locator("[data-contentpath=body]").first
    body.locator("button.c-sf-add-button").last.click()
    found += english_on(page, "block chooser")
    page.get_by_role("option", name="表格").click()
    expect(body.locator(".ht_master").last).to_be_visible()
    found += english_on(page, "table block")

    # Autosave: a change to the title is saved as a draft, and the notice says so.
    # Wagtail watches the form for changes only once its editor has settled; a change typed before
    # that goes unnoticed, so the test types again until the indicator reports a save.
    indicator = page.locator("#w-autosave-indicator")
    for _attempt in range(4):
        page.locator("#id_title").press("End")
        page.keyboard.type("改")
        try:
            expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved", timeout=8_000)
            break
        except AssertionError:
            continue
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved")
    found += english_on(page, "autosave")
    screenshot(page, "admin-language-editor")

    # The workflow: submitting for review, then the workflow's progress dialog.
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name=re.compile("提交给平原镇审查流程")).click()
    expect(page.locator(".messages")).to_contain_text("提交")
    found += english_on(page, "after submitting")
    page.goto(f"{base}/admin/pages/{document_id}/edit/")
    page.locator("[data-side-panel-toggle=status]").click()
    page.locator("[data-side-panel=status]").get_by_role("button", name="查看详情").click()
    expect(page.locator("[role=dialog]:visible")).to_be_visible()
    found += english_on(page, "workflow dialog")
    screenshot(page, "admin-language-workflow")

    assert found == [], "English on a unit editor's screens:\n" + "\n".join(found)
