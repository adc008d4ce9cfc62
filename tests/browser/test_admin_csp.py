"""The Wagtail admin under its own Content-Security-Policy (cms/csp.py). Wagtail 8's page editor
and explorer still run inline scripts (seen here with ADMIN_CSP_ENFORCE on: Chromium blocks them
on the edit and explorer pages), so the policy is report-only by default: a unit's editor logs in,
writes a document with rich text and a table, and nothing is blocked, while every violation is
reported to /csp-report/ and logged."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from .screens import admin_login, collect_console, csp_violations, write_body


def test_the_admin_works_under_its_report_only_policy_and_reports_violations(
    live_server, demo_logins, page: Page, caplog
):
    from tests.test_documents import statutory

    column = statutory("pingyuan")
    console = collect_console(page)
    admin_login(page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    response = page.goto(f"{live_server.url}/admin/")
    policy = response.headers["content-security-policy-report-only"]
    assert "script-src 'self'" in policy and "report-uri /csp-report/" in policy
    assert "content-security-policy" not in response.headers
    page.goto(f"{live_server.url}/admin/pages/add/disclosure/governmentdocumentpage/{column.id}/")
    page.fill("#id_title", "内容安全策略下的编辑测试")
    body = write_body(page, "正文可以输入。")
    expect(body.locator(".handsontable").first).to_be_visible()
    # Choosers open in modals loaded by script.
    page.goto(f"{live_server.url}/admin/images/")
    page.goto(f"{live_server.url}/admin/documents/")
    page.goto(f"{live_server.url}/admin/pages/{column.id}/")
    expect(page.locator("main")).to_be_visible()
    # Chromium notes report-only violations on the console too ("The policy is report-only").
    blocked = [message for message in csp_violations(console) if "report-only" not in message.lower()]
    assert not blocked, "Content-Security-Policy blocked something in the admin:\n" + "\n".join(blocked)
    assert not [message for message in console if message.startswith("pageerror")], console
    # Chromium sends the reports in the background.
    deadline = time.monotonic() + 10
    while not any("CSP violation" in record.getMessage() for record in caplog.records):
        assert time.monotonic() < deadline, "no violation report reached /csp-report/"
        time.sleep(0.1)
