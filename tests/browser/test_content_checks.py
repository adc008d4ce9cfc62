"""内容检查 in the admin: 平原镇's 低保 公示 list goes into review; in 保密审查 the reviewer is told
what the check found, opens it, accepts the public service number as no personal data with a
reason; the editor masks the rest in one step, and the approval publishes the masked list."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .screens import admin_login, collect_console, csp_violations, screenshot

SLUG = "demo-2026-minimum-living-allowance"


def test_reviewer_accepts_editor_masks_and_the_list_goes_out_masked(
    live_server, demo_logins, page: Page, browser
):
    from django.contrib.auth import get_user_model

    from disclosure.models import GovernmentDocumentPage

    document = GovernmentDocumentPage.objects.get(slug=SLUG, locale__language_code="zh-hans")
    editor = get_user_model().objects.get(username="pingyuan_editor")
    document.save_revision(user=editor)
    document.get_workflow().start(document, editor)

    console = collect_console(page)
    admin_login(page, live_server.url, "pingyuan_reviewer", demo_logins["pingyuan_reviewer"])
    page.goto(f"{live_server.url}/admin/pages/{document.pk}/edit/")
    expect(page.locator(".messages")).to_contain_text("内容检查：身份证号码 1 处；手机号码 1 处")
    page.get_by_role("link", name="查看内容检查").click()
    findings = page.locator("table.listing")
    expect(findings).to_contain_text("138****8000")
    expect(findings).to_contain_text("53*************")
    expect(findings).not_to_contain_text("13800138000")
    screenshot(page, "content-check-findings")

    row = findings.locator("tr", has_text="138****8000")
    row.get_by_role("button", name="确认为误报").click()
    expect(page.locator("#accept-error")).to_contain_text("请填写确认为误报的理由。")
    row = page.locator("table.listing tr", has_text="138****8000")
    row.locator("textarea").fill("13800138000 为运营商公开客服电话，不是个人信息")
    row.get_by_role("button", name="确认为误报").click()
    expect(page.locator(".messages")).to_contain_text("已确认为误报")
    screenshot(page, "content-check-accepted")
    expect(page.locator("table.listing")).not_to_contain_text("138****8000")

    editor_page = browser.new_page(viewport={"width": 1280, "height": 900})
    admin_login(editor_page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    editor_page.goto(f"{live_server.url}/admin/review/content-check/{document.pk}/")
    editor_page.get_by_role("button", name="一键脱敏正文中的个人信息").click()
    expect(editor_page.locator(".messages")).to_contain_text("已对 1 处个人信息脱敏")
    expect(editor_page.get_by_text("未发现问题")).to_be_visible()
    screenshot(editor_page, "content-check-masked")
    editor_page.close()

    # Both steps approved by the reviewer (the admin's approval buttons are tested in
    # test_review_in_admin.py); the finished workflow publishes the latest, masked revision.
    reviewer = get_user_model().objects.get(username="pingyuan_reviewer")
    for _step in range(2):
        GovernmentDocumentPage.objects.get(pk=document.pk).current_workflow_task_state.approve(user=reviewer)
    document.refresh_from_db()
    assert document.live and not document.workflow_in_progress
    page.goto(f"{live_server.url}{document.url}")
    body = page.locator(".document-body")
    expect(body).to_contain_text("53*************")
    expect(body).to_contain_text("13800138000")
    blocked = [line for line in csp_violations(console) if "/admin/review/" in line]
    assert not blocked, blocked
