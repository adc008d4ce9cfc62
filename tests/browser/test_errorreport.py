"""我为政府网站找错 in a real browser: a citizen follows the footer's link from a column page, files
a report (the page address filled in, the captcha read as a person would) and gets a 查询码; the
county office's staff answer it in the admin; the citizen reads the answer with the code."""

from __future__ import annotations

import re
import time

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from .screens import (
    admin_login,
    collect_console,
    csp_violations,
    fill_captcha,
    open_page,
    screenshot,
    wait_for_minimum_fill_time,
)

STAFF_PASSWORD = "Xzfb-Browser-Pass-2026"
DESCRIPTION = "“政府信息公开指南”栏目里的联系电话少了一位数字。"
ANSWER = "已核实并更正联系电话，感谢您的指正。"


def county_office_editor() -> str:
    """An editor of 县政府办公室 (the demo has none): the county office handles the reports."""
    from django.contrib.auth import get_user_model

    from sites.models import Unit

    user = get_user_model().objects.create_user(
        "xzfb_editor", password=STAFF_PASSWORD, first_name="县政府办编辑"
    )
    user.groups.add(Unit.objects.get(slug="xzfb").editors_group)
    return user.username


def answer_in_admin(browser: Browser, base: str, code: str, answer: str, *, shows: tuple[str, ...]) -> None:
    """The county office's editor opens the report `code` in the admin, sees `shows` (what the
    reporter wrote and their contact) and saves `answer` as the reply."""
    username = county_office_editor()
    with open_page(browser) as staff:
        admin_login(staff, base, username, STAFF_PASSWORD)
        staff.goto(base + "/admin/errorreports/")
        staff.get_by_role("link", name=code).click()
        for text in shows:
            expect(staff.locator("main")).to_contain_text(text)
        staff.fill("textarea[name=reply]", answer)
        staff.get_by_role("button", name="保存答复").click()
        expect(staff.locator("body")).to_contain_text("答复已保存")


@pytest.mark.browser
def test_a_citizen_reports_an_error_from_the_footer_and_reads_the_answer(
    live_server, demo_logins, page: Page, browser: Browser
):
    from errorreports.models import ErrorReport

    cache.clear()  # rate-limit counters
    base = live_server.url
    console = collect_console(page)

    # --- the citizen, on a column page, follows the footer's link ---
    response = page.goto(base + "/zwgk/pingyuan/")
    assert response is not None and response.ok
    footer = page.locator("footer.site-footer")
    expect(footer).to_contain_text("主办单位")
    expect(footer).to_contain_text("网站标识码")
    footer.get_by_role("link", name="我为政府网站找错").click()
    page.wait_for_url(re.compile(r"/zhaocuo/"))
    shown_at = time.monotonic()
    expect(page.locator("input[name=page_url]")).to_have_value("/zwgk/pingyuan/")
    page.check("input[name=category][value=content]")
    page.fill("textarea[name=description]", DESCRIPTION)
    page.fill("input[name=contact]", "13800001111")
    page.fill("input[name=captcha_1]", "WRONG")
    wait_for_minimum_fill_time(shown_at)
    page.get_by_role("button", name="提交").click()
    # Refused in Chinese; what was typed stays.
    expect(page.locator("main")).to_contain_text("验证码不正确")
    expect(page.locator("textarea[name=description]")).to_have_value(DESCRIPTION)
    shown_at = time.monotonic()
    fill_captcha(page)
    wait_for_minimum_fill_time(shown_at)
    page.get_by_role("button", name="提交").click()
    code = page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"Z-[0-9A-Z]{4}-[0-9A-Z]{4}", code), code
    expect(page.locator("main")).to_contain_text("答复期限")
    report = ErrorReport.objects.get(tracking_code=code)
    assert report.unit.slug == "xzfb" and report.page_url == "/zwgk/pingyuan/"

    # --- the county office's editor answers it in the admin, seeing the reporter's contact ---
    answer_in_admin(browser, base, code, ANSWER, shows=(DESCRIPTION, "13800001111"))

    # --- the citizen reads the answer with the code ---
    page.goto(base + "/zhaocuo/lookup/")
    page.fill("input[name=code]", code)
    page.get_by_role("button", name="查询").click()
    result = page.locator(".lookup-result")
    expect(result).to_contain_text("已答复")
    expect(result).to_contain_text(ANSWER)
    expect(page.locator("main")).not_to_contain_text("13800001111")
    screenshot(page, "errorreport")
    assert csp_violations(console) == []
