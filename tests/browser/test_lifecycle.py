"""平原镇 in a real browser: the yearly re-evaluation of its non-public documents, the Art. 26 timer
and its published cleanup results."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .screens import admin_login, screenshot

KEPT = "平原镇关于内部人事事项的请示（演示，不公开）"
DISCLOSED = "平原镇关于某村土地承包经营权流转事项的答复（依申请公开，演示）"
DISCLOSED_SLUG = "demo-2026-land-transfer-reply"


def decide(page: Page, title: str, decision: str, reason: str) -> None:
    row = page.locator("tr", has_text=title)
    row.get_by_label(decision).check()
    row.locator("textarea").fill(reason)
    row.get_by_role("button", name="记录复核结论").click()


def test_pingyuan_re_evaluates_its_non_public_documents(live_server, demo_logins, page: Page):
    from django.utils import timezone

    from disclosure.models import GovernmentDocumentPage
    from sites.models import Unit

    admin_login(page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    page.get_by_role("button", name="审查与复核").click()
    page.get_by_role("link", name="公开属性年度复核").click()
    year = timezone.localdate().year
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"平原镇 · {year} 年度公开属性复核")
    expect(page.locator("body")).not_to_contain_text("县市场监督管理局")

    # No reason: refused in Chinese, the choice already made is kept on the form.
    row = page.locator("tr", has_text=KEPT)
    row.get_by_label("维持原公开属性").check()
    row.get_by_role("button", name="记录复核结论").click()
    expect(page.get_by_role("alert").filter(has_text="请填写复核理由")).to_be_visible()
    expect(page.locator("tr", has_text=KEPT).get_by_label("维持原公开属性")).to_be_checked()

    decide(page, KEPT, "维持原公开属性", "涉及内部人事管理，属于内部事务信息。")
    expect(page.locator(".messages")).to_contain_text("维持原公开属性")
    expect(page.locator("tr", has_text=KEPT)).to_contain_text("涉及内部人事管理")
    decide(page, DISCLOSED, "转为主动公开", "答复涉及的流转已经完成，公开不损害第三方权益。")
    expect(page.locator(".messages")).to_contain_text("已转为主动公开并提交审查")
    screenshot(page, "re-evaluation-pingyuan")

    # The disclosure waits in 平原镇's review; the public does not get it yet.
    document = GovernmentDocumentPage.objects.get(slug=DISCLOSED_SLUG)
    assert document.workflow_in_progress
    assert page.request.get(f"{live_server.url}{document.url}").status == 404
    reviewer = Unit.objects.get(slug="pingyuan").reviewers_group.user_set.get()
    for _step in range(2):
        document.current_workflow_task.on_action(document.current_workflow_task_state, reviewer, "approve")
        document.refresh_from_db()
    citizen = page.context.browser.new_page()
    citizen.goto(f"{live_server.url}{document.url}")
    expect(citizen.locator(".document-meta")).to_contain_text("此件公开发布")
    citizen.close()


def test_pingyuan_sees_its_timer_and_publishes_cleanup_results(live_server, demo_logins, page: Page):
    admin_login(page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    page.goto(f"{live_server.url}/admin/review/deadlines/")
    expect(page.locator(".review-timers--overdue")).to_contain_text("逾期未发布")
    expect(page.locator(".review-timers--soon")).to_contain_text("待发布")
    page.locator(".review-timers--overdue summary").first.click()
    expect(page.locator(".review-timers--overdue .deadline__method ol").first).to_contain_text("起算")
    screenshot(page, "deadlines-pingyuan")

    page.goto(f"{live_server.url}/zwgk/pingyuan/statutory/cleanup-2026/")
    expect(page.get_by_role("heading", level=1)).to_have_text("平原镇2026年度文件清理结果")
    expect(page.locator(".doc-table")).to_contain_text("已失效")
    expect(page.locator(".doc-table")).to_contain_text("有效期届满")
    screenshot(page, "cleanup-pingyuan")
