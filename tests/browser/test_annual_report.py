"""平原镇's editor generates the 2026 OGI annual report in the admin, writes section 五 and
submits it; 平原镇's reviewer takes it through both review steps; the public then reads the three
counted tables on the report page in the 政府信息公开年报 column."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .screens import (
    admin_login,
    approve_both_review_steps,
    collect_console,
    screenshot,
    type_rich_text,
)

YEAR = 2026
SECTION_FIVE = "部分村级公开栏更新不及时，明年将每季度检查一次。"


def test_editor_generates_and_submits_and_reviewer_publishes_the_annual_report(
    live_server, demo_logins, page: Page, browser
):
    from reports.services import find_report
    from reports.tables import SECTION_TITLES, TABLE3_CHECK_NOTE
    from sites.models import Unit

    console = collect_console(page)
    admin_login(page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    page.goto(f"{live_server.url}/admin/annual-reports/")
    page.select_option("#report-year", str(YEAR))
    page.get_by_role("button", name="查看").click()
    rows = page.locator("table.listing tbody tr")
    # The editor sees their own unit only, and no report for 2026 yet.
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("平原镇")
    expect(rows.first).to_contain_text("未生成")
    rows.first.get_by_role("button", name=f"生成 {YEAR} 年度报告").click()
    expect(page.locator(".messages")).to_contain_text("已生成报告草稿")

    report = find_report(Unit.objects.get(slug="pingyuan"), YEAR)
    assert not report.live and report.figures["table3"]["check"]["ok"]
    # The counted tables are shown in the edit form, read-only, beside the parts the unit writes.
    expect(page.locator(".report-table")).to_have_count(3)
    type_rich_text(page, page.locator("[data-contentpath=problems_and_improvements]"), SECTION_FIVE)
    screenshot(page, "annual-report-edit")
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="提交给平原镇审查流程").click()
    expect(page.locator(".messages")).to_contain_text("已经提交进行审核")

    report.refresh_from_db()
    assert report.current_workflow_task.name == "保密审查（平原镇）" and not report.live

    reviewer = browser.new_page(viewport={"width": 1280, "height": 900})
    admin_login(reviewer, live_server.url, "pingyuan_reviewer", demo_logins["pingyuan_reviewer"])
    approve_both_review_steps(reviewer, live_server.url, report.pk)
    reviewer.close()

    report.refresh_from_db()
    assert report.live and not report.workflow_in_progress
    page.goto(f"{live_server.url}{report.url}")
    expect(page.locator("h1")).to_contain_text(f"平原镇{YEAR}年政府信息公开工作年度报告")
    expect(page.locator("table.report-table")).to_have_count(3)
    for key in ("two", "three", "four"):
        expect(page.locator("h2.report__section").filter(has_text=str(SECTION_TITLES[key]))).to_be_visible()
    expect(page.locator("main")).to_contain_text(SECTION_FIVE)
    expect(page.locator("main")).to_contain_text(str(TABLE3_CHECK_NOTE))
    expect(page.get_by_role("link", name="下载表格（XLSX）")).to_be_visible()
    screenshot(page, "annual-report-published")
    # The column lists the new report beside the demo's 2025 one.
    page.goto(f"{live_server.url}{report.get_parent().url}")
    expect(page.locator("main")).to_contain_text(report.title)
    assert not [message for message in console if message.startswith("pageerror")], console
