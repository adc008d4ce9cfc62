"""平原镇's editor writes a document (text and a table) in the admin and submits it; 平原镇's
reviewer takes it through 保密审查 and 发布审查; the public then reads it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .screens import admin_login, approve_both_review_steps, collect_console, screenshot, write_body

TITLE = "平原镇关于做好冬季森林防火工作的通知（浏览器测试）"


def test_editor_submits_and_reviewer_approves_both_steps(live_server, demo_logins, page: Page, browser):
    from disclosure.models import GovernmentDocumentPage
    from tests.test_documents import statutory

    column = statutory("pingyuan")
    console = collect_console(page)
    admin_login(page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    page.goto(f"{live_server.url}/admin/pages/add/disclosure/governmentdocumentpage/{column.id}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_written_date", "2026-11-20")
    page.select_option("#id_disclosure_attribute", "public")
    body = write_body(page, "各村（居）委员会：请做好冬季森林防火工作。")
    body.locator("select").first.select_option(index=1)  # the first row is the header
    body.locator(".handsontable td").first.dblclick()
    page.keyboard.type("巡查点")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="提交给平原镇审查流程").click()
    expect(page.locator(".messages")).to_contain_text("已创建并提交审核")

    document = GovernmentDocumentPage.objects.get(title=TITLE, locale=column.locale)
    assert document.current_workflow_task.name == "保密审查（平原镇）" and not document.live

    reviewer = browser.new_page(viewport={"width": 1280, "height": 900})
    admin_login(reviewer, live_server.url, "pingyuan_reviewer", demo_logins["pingyuan_reviewer"])
    approve_both_review_steps(reviewer, live_server.url, document.pk)
    screenshot(reviewer, "review-approved")
    reviewer.close()

    document.refresh_from_db()
    assert document.live and not document.workflow_in_progress
    page.goto(f"{live_server.url}{document.url}")
    expect(page.locator(".document-body")).to_contain_text("请做好冬季森林防火工作")
    expect(page.locator(".document-body table")).to_contain_text("巡查点")
    screenshot(page, "review-published-document")
    assert not [message for message in console if message.startswith("pageerror")], console
