"""依申请公开 from start to finish in a real browser: a citizen applies to 平原镇 online and gets a
查询码; 平原镇's editor asks for a correction, records it, accepts the application and drafts a
disclosing reply; the reviewer passes the 保密审查; the citizen reads the status by code and
downloads the reply letter as PDF. 县市场监督管理局's staff cannot see the application."""

from __future__ import annotations

import io
import re
import time

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from .screens import (
    admin_login,
    collect_console,
    csp_violations,
    open_page,
    screenshot,
    wait_for_minimum_fill_time,
)

FORM = "/zwgk/pingyuan/ysqgk/"
NAME = "岩温申请人"
RESIDENT_ID = "533122199003071236"
PHONE = "13812345670"
DESCRIPTION = "请公开平原镇2025年农村危房改造补助对象名单及补助标准。"


def submit_action(page: Page, action: str) -> None:
    form = page.locator(f"#action-{action}")
    form.locator("button[type=submit]").click()


@pytest.mark.browser
def test_a_citizen_applies_and_reads_the_reply_and_another_unit_sees_nothing(
    live_server, demo_logins, page: Page, browser: Browser, tmp_path
):
    from pypdf import PdfReader

    from foi.models import Application, State

    cache.clear()  # rate-limit counters
    base = live_server.url
    console = collect_console(page)

    # --- the citizen applies online ---
    response = page.goto(base + FORM)
    assert response is not None and response.ok
    shown_at = time.monotonic()
    page.check("input[name=applicant_kind][value=citizen]")
    page.fill("input[name=name]", NAME)
    page.select_option("select[name=id_kind]", "resident_id")
    page.fill("input[name=id_number]", RESIDENT_ID[:-1] + "9")  # a wrong check digit first
    page.fill("input[name=phone]", PHONE)
    page.fill("textarea[name=description]", DESCRIPTION)
    page.check("input[name=delivery_method][value=pick_up]")
    page.check("input[name=carrier][value=paper]")
    page.check("input[name=consent]")
    wait_for_minimum_fill_time(shown_at)
    page.get_by_role("button", name="提交申请").click()
    # Refused in Chinese, naming the check digit; what was typed stays.
    expect(page.locator("main")).to_contain_text("校验")
    expect(page.locator("textarea[name=description]")).to_have_value(DESCRIPTION)
    expect(page.locator("input[name=name]")).to_have_value(NAME)
    screenshot(page, "foi-01-wrong-check-digit")
    shown_at = time.monotonic()
    page.fill("input[name=id_number]", RESIDENT_ID)
    if not page.locator("input[name=consent]").is_checked():
        page.check("input[name=consent]")
    wait_for_minimum_fill_time(shown_at)
    page.get_by_role("button", name="提交申请").click()
    code = page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"F-[0-9A-Z]{4}-[0-9A-Z]{4}", code), code
    screenshot(page, "foi-02-receipt")
    application = Application.objects.get(tracking_code=code)
    assert application.unit.slug == "pingyuan" and application.state == State.RECEIVED
    admin_page = f"{base}/admin/foi/{application.pk}/"
    today = timezone.localdate().isoformat()

    # --- 平原镇's editor asks for a correction, records it, accepts and drafts the reply ---
    with open_page(browser) as editor:
        admin_login(editor, base, "pingyuan_editor", demo_logins["pingyuan_editor"])
        editor.goto(f"{base}/admin/foi/")
        expect(editor.locator("main")).to_contain_text(NAME)
        # Listings mask the ID number.
        expect(editor.locator("main")).not_to_contain_text(RESIDENT_ID)
        editor.goto(admin_page)
        editor.fill("[name=request_correction-items]", "请说明所需名单属于哪个村民小组。")
        submit_action(editor, "request_correction")
        expect(editor.locator("main")).to_contain_text("待补正")
        editor.fill("[name=record_correction-on]", today)
        submit_action(editor, "record_correction")
        expect(editor.locator("#action-accept")).to_be_visible()
        submit_action(editor, "accept")
        expect(editor.locator("main")).to_contain_text("办理中")
        editor.select_option("[name=draft_reply-reply_type]", "disclosed")
        attachment = tmp_path / "补助名单.pdf"
        attachment.write_bytes(b"%PDF-1.4\n% the list\n")
        editor.set_input_files("[name=draft_reply-files]", str(attachment))
        submit_action(editor, "draft_reply")
        expect(editor.locator("main")).to_contain_text("保密审查中")
        # The drafter cannot pass the review of their own reply.
        expect(editor.locator("#action-approve_reply")).to_have_count(0)
        screenshot(editor, "foi-03-admin-in-review")

    # --- the reviewer passes the 保密审查, which issues the reply letter ---
    with open_page(browser) as reviewer:
        admin_login(reviewer, base, "pingyuan_reviewer", demo_logins["pingyuan_reviewer"])
        reviewer.goto(admin_page)
        submit_action(reviewer, "approve_reply")
        expect(reviewer.locator("main")).to_contain_text("已答复")
        screenshot(reviewer, "foi-04-admin-replied")

    # --- 县市场监督管理局's staff see nothing of it ---
    with open_page(browser) as other:
        admin_login(other, base, "scjg_editor", demo_logins["scjg_editor"])
        other.goto(f"{base}/admin/foi/")
        expect(other.locator("main")).not_to_contain_text(NAME)
        response = other.goto(admin_page)
        assert response is not None and response.status == 404

    # --- the citizen reads the status by code and downloads the reply letter ---
    page.goto(base + "/foi/lookup/")
    page.fill("input[name=code]", code.lower().replace("-", ""))
    page.fill("input[name=last_four]", PHONE[-4:])
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".foi-state")).to_have_text("已答复")
    expect(page.locator("main")).not_to_contain_text(RESIDENT_ID)
    screenshot(page, "foi-05-lookup")
    reply_link = page.locator(".foi-downloads li", has_text="答复书").get_by_role("link", name="PDF")
    with page.expect_download() as download:
        reply_link.click()
    text = "".join(
        part.extract_text() for part in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages
    )
    compact = re.sub(r"\s+", "", text)
    assert "平原镇" in compact and NAME in compact and "予以公开" in compact
    assert "行政复议" in compact and "行政诉讼" in compact

    assert not csp_violations(console), csp_violations(console)
