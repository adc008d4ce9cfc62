"""The county administrator's oversight dashboard and 平原镇's 今日待办 panel, in Chromium: every
unit with its score and trend chart (an SVG image drawn on the server), the portal's single-veto
panel in words, and the unit's own findings on its editor's dashboard."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from .screens import admin_login, collect_console, csp_violations, screenshot


def loaded_images(page: Page, selector: str) -> list[int]:
    """The natural widths of the images (0: not loaded)."""
    return page.locator(selector).evaluate_all("images => images.map(image => image.naturalWidth)")


def test_county_dashboard_and_the_units_panel_render_with_their_charts(
    live_server, demo_logins, page: Page, browser
):
    from oversight import services
    from sites.indicators import Finding, Indicator
    from sites.models import Unit

    pingyuan = Unit.objects.get(slug="pingyuan")
    stale = Indicator(
        key="disclosure.stale_columns",
        label="栏目超期未更新",
        find=lambda today: [
            Finding(pingyuan.pk, f"column:{n}", f"演示栏目{n}", "/admin/pages/", detail="最近更新 2026-01-01")
            for n in range(2 if today.day % 2 else 5)
        ],
    )
    today = timezone.localdate()
    for back in range(6, -1, -1):
        services.recompute(today - timedelta(days=back), [stale, *services.registered_indicators()])

    console = collect_console(page)
    admin_login(page, live_server.url, "county_admin", demo_logins["county_admin"])
    page.goto(f"{live_server.url}/admin/oversight/")
    expect(page.locator("#veto-heading")).to_contain_text("门户网站单项否决项")
    rows = page.locator("table.oversight-table tbody tr")
    expect(rows).to_have_count(Unit.objects.count())
    expect(page.locator("table.oversight-table")).to_contain_text("平原镇")
    page.wait_for_load_state("networkidle")
    page.locator(".oversight-trend").last.scroll_into_view_if_needed()
    # Not wait_for_function: a string evaluated in the page is what the admin's CSP forbids.
    for image in page.locator("img.oversight-trend").all():
        expect(image).to_have_js_property("complete", True)
    assert all(width > 0 for width in loaded_images(page, "img.oversight-trend"))
    screenshot(page, "oversight-county-dashboard")

    # The notice drafted from the ranking: the office sets its 文号 and takes the Word file.
    page.get_by_role("link", name="起草通报").click()
    notice = page.locator("article.oversight-notice")
    expect(notice).to_contain_text("全县政务公开工作检查情况的通报")
    expect(notice).to_contain_text("四、存在的主要问题")
    page.get_by_label("发文字号").fill("盈政办通〔2026〕12号")
    page.get_by_role("button", name="更新草稿").click()
    expect(notice.locator(".oversight-notice__number")).to_have_text("盈政办通〔2026〕12号")
    screenshot(page, "oversight-notice")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 Word 文档（DOCX）").click()
    assert download.value.suggested_filename.endswith("检查情况的通报.docx")

    # The deadline registry with each task's per-unit status, and one task's units.
    page.goto(f"{live_server.url}/admin/oversight/deadlines/")
    expect(page.locator("table.listing")).to_contain_text("完成时限")
    screenshot(page, "oversight-deadlines")
    page.locator("table.listing tbody a").first.click()
    expect(page.locator("main")).to_contain_text("平原镇")
    screenshot(page, "oversight-deadline-units")
    assert csp_violations(console) == []

    editor = browser.new_page(viewport={"width": 1280, "height": 900})
    admin_login(editor, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    panel = editor.locator(".oversight-todo")
    expect(panel).to_contain_text("今日待办")
    expect(panel).to_contain_text("演示栏目0")
    expect(panel).not_to_contain_text("县市场监督管理局")
    for image in editor.locator("img.oversight-trend").all():
        expect(image).to_have_js_property("complete", True)
    assert all(width > 0 for width in loaded_images(editor, ".oversight-todo img.oversight-trend"))
    screenshot(editor, "oversight-pingyuan-dashboard")
    editor.close()
