"""From the portal's home page, in a real browser, a citizen does each of the four things the county
offers online: comments on an open consultation, writes to 平原镇's message board, opens a unit's
online form for disclosure on application, and reports an error in the site that the county office
then answers. Every step starts from a link on the home page, as a citizen would click it."""

from __future__ import annotations

import re
import time

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from .screens import collect_console, csp_violations, fill_captcha, screenshot, wait_for_minimum_fill_time
from .test_errorreport import answer_in_admin

OPINION = "建议在集镇入口增设公示栏，把管理办法张贴出来，方便不上网的群众了解。"
MESSAGE_SUBJECT = "平原镇集镇路灯不亮"
MESSAGE = "平原镇集镇主街东段的路灯已经一周不亮，晚上出行不便，请尽快维修。"
ERROR = "首页“通知公告”里有一条通知的发布日期与正文落款日期不一致。"
ANSWER = "已核对并更正该通知的发布日期，感谢您的指正。"


def open_home(page: Page, base: str) -> None:
    response = page.goto(base + "/")
    assert response is not None and response.ok


def submit(page: Page, button: str, shown_at: float) -> None:
    """Answer the captcha if the form has one, wait as a person would take, and send."""
    if page.locator("input[name=captcha_1]").count():
        fill_captcha(page)
    wait_for_minimum_fill_time(shown_at)
    page.get_by_role("button", name=button).click()


@pytest.mark.browser
def test_a_citizen_reaches_every_interaction_from_the_home_page(
    live_server, demo_logins, page: Page, browser: Browser
):
    from errorreports.models import ErrorReport
    from opinions.models import Opinion
    from participation.models import Message

    cache.clear()  # rate-limit counters
    base = live_server.url
    console = collect_console(page)

    # --- 1. an open consultation, listed with its closing date, takes an opinion ---
    open_home(page, base)
    interaction = page.locator(".home-block--interaction")
    consultation = interaction.locator(".home-list__item").first
    expect(consultation).to_contain_text("截止")
    title = consultation.locator(".home-list__title").inner_text()
    consultation.locator(".home-list__title").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    shown_at = time.monotonic()
    page.get_by_label("意见内容").fill(OPINION)
    page.get_by_label("中立").check()
    page.get_by_label("姓名", exact=True).fill("岩拉")
    page.get_by_label("电话", exact=True).fill("13600001111")
    page.get_by_label("我已阅读并同意隐私声明").check()
    submit(page, "提交意见", shown_at)
    expect(page.get_by_role("heading", level=1)).to_have_text("意见已提交")
    opinion_code = page.locator(".tracking-code").inner_text().strip()
    opinion = Opinion.objects.get(tracking_code=opinion_code)
    assert opinion.content == OPINION and opinion.consultation.title == title

    # --- 2. 写留言 in the hub: choose 平原镇, land on its board, write ---
    open_home(page, base)
    page.locator(".home-block--interaction").get_by_role("link", name=re.compile("互动交流平台")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("互动交流")
    screenshot(page, "hub")
    write = page.locator("section", has=page.get_by_role("heading", name="写留言", exact=True))
    write.get_by_label("留言单位").select_option(label="平原镇")
    write.get_by_role("button", name="去留言").click()
    expect(page).to_have_url(re.compile(r"/zwgk/pingyuan/[^/]+/#message-form$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("网民留言")
    shown_at = time.monotonic()
    page.get_by_label("留言标题").fill(MESSAGE_SUBJECT)
    page.get_by_label("留言内容").fill(MESSAGE)
    page.get_by_label("电话", exact=True).fill("13700002222")
    page.get_by_label("我已阅读并同意隐私声明").check()
    submit(page, "提交留言", shown_at)
    expect(page.get_by_role("heading", level=1)).to_have_text("留言已提交")
    message_code = page.locator(".tracking-code").inner_text().strip()
    message = Message.objects.get(tracking_code=message_code)
    assert message.unit.slug == "pingyuan" and message.subject == MESSAGE_SUBJECT

    # --- 3. 依申请公开: the county's entry lists the units; 平原镇's online form opens ---
    open_home(page, base)
    page.locator(".home-block--interaction").get_by_role("link", name=re.compile("依申请公开")).click()
    page.get_by_label("选择受理单位").select_option(label="平原镇")
    page.get_by_role("button", name="填写申请").click()
    expect(page).to_have_url(re.compile(r"/zwgk/pingyuan/"))
    expect(page.get_by_role("button", name="提交申请")).to_be_visible()
    expect(page.locator("textarea[name=description]")).to_be_editable()

    # --- 4. the footer's 我为政府网站找错: filed, answered by the county office, read back ---
    open_home(page, base)
    page.locator("footer.site-footer").get_by_role("link", name="我为政府网站找错").click()
    shown_at = time.monotonic()
    expect(page.locator("input[name=page_url]")).to_have_value("/")
    page.check("input[name=category][value=content]")
    page.fill("textarea[name=description]", ERROR)
    page.fill("input[name=contact]", "13900003333")
    submit(page, "提交", shown_at)
    error_code = page.locator(".tracking-code").inner_text().strip()
    assert ErrorReport.objects.get(tracking_code=error_code).unit.slug == "xzfb"
    answer_in_admin(browser, base, error_code, ANSWER, shows=(ERROR, "13900003333"))
    page.goto(base + "/zhaocuo/lookup/")
    page.fill("input[name=code]", error_code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".lookup-result")).to_contain_text(ANSWER)

    assert csp_violations(console) == []
