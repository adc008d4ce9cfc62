"""A consultation from start to finish in a real browser: a citizen comments on article 3 of 平原镇's
demo draft, 平原镇's staff approve and decide it, the reviewer publishes the outcome, and the citizen
reads the statistics and the reason, and gets the outcome by e-mail. The citizen's phone, e-mail
address and name end up on no public page, feed, sitemap or search result."""

from __future__ import annotations

import re
import time
from urllib.parse import urldefrag

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from ..test_opinions import tasks_in_process  # noqa: F401 (fixture)
from .screens import PHONE as PHONE_SCREEN
from .screens import (
    admin_login,
    collect_console,
    csp_violations,
    fill_captcha,
    has_horizontal_scroll,
    open_page,
    screenshot,
    wait_for_minimum_fill_time,
)

SLUG = "market-rules-consultation"
CONSULTATION = f"/zwgk/pingyuan/{SLUG}/"
OUTCOME = CONSULTATION + "outcome/"
TITLE = "平原镇集镇农贸市场管理办法（征求意见稿）"

OPINION = "开市时间定在早上6时太晚，赶早市的农户5点多就到了，建议提前到5时半。"
REASON = "早上6时前集镇周边道路尚未完成清扫，提前开市影响保洁和交通安全，暂不调整。"
SUMMARY = "本次征求意见共收到意见 1 条，针对第三条开市时间。经研究，暂不调整开市时间，理由见下。"
# The citizen's personal data: none of it may reach a public page.
PHONE = "13987651234"
EMAIL = "nongmin-private@example.net"
NAME = "岩温隐名"
SECRETS = (PHONE, EMAIL, NAME)


def record_documents(page: Page) -> list[str]:
    """Every HTML page (GET) the browser loads from now on, as a live list of URLs."""
    urls: list[str] = []

    def on_response(response) -> None:
        if response.request.resource_type == "document" and response.request.method == "GET":
            urls.append(urldefrag(response.url).url)

    page.on("response", on_response)
    return urls


def switch_captcha_on() -> None:
    """平原镇 switched the image captcha on (as an editor would, ticking 启用验证码): the browser
    check below then covers the captcha image under the site's Content-Security-Policy."""
    from participation.models import ConsultationPage

    consultation = ConsultationPage.objects.get(slug=SLUG, locale__language_code="zh-hans")
    consultation.captcha_required = True
    consultation.save_revision().publish()


def consultation_times_out() -> None:
    """The consultation closes. Staff do not close a consultation by hand: its closing time does,
    through the beat task. So the unit moves the closing time to the past (a page edit, saved here
    as a published revision, which the Dai and Jingpo copies follow) and the test runs the beat
    task's service function instead of waiting for the clock."""
    from datetime import timedelta

    from django.utils import timezone

    from participation.models import ConsultationPage, ConsultationState
    from participation.outcome import update_states

    consultation = ConsultationPage.objects.get(slug=SLUG, locale__language_code="zh-hans")
    consultation.closes_at = timezone.now() - timedelta(minutes=1)
    consultation.save_revision().publish()
    update_states()
    states = set(
        ConsultationPage.objects.filter(translation_key=consultation.translation_key).values_list(
            "state", flat=True
        )
    )
    assert states == {ConsultationState.CLOSED}


@pytest.mark.browser
@pytest.mark.usefixtures("tasks_in_process")
def test_citizen_comments_staff_decide_and_the_outcome_is_published(
    live_server, demo_logins, page: Page, browser: Browser
):
    from opinions.models import Opinion

    cache.clear()  # rate-limit counters
    switch_captcha_on()
    base = live_server.url
    console = collect_console(page)
    visited = record_documents(page)

    # --- the citizen comments on article 3 ---
    response = page.goto(base + CONSULTATION)
    assert response is not None and response.ok
    assert "content-security-policy" in response.headers, "public pages must be served with a CSP"
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".state-tag")).to_have_text("征求中")
    expect(page.locator(".draft-article")).to_have_count(8)
    screenshot(page, "consultation-01-draft")

    article = page.locator(".draft-article", has_text="第三条")
    article.get_by_role("link", name="对第三条提出意见").click()
    shown_at = time.monotonic()
    expect(page).to_have_url(re.compile(r"\?article=\d+#opinion-form$"))
    expect(page.locator("select[name=article] option:checked")).to_contain_text("第三条")
    captcha = page.locator("img.captcha")
    expect(captcha).to_be_visible()
    # Served by the site itself, so the strict CSP lets it load.
    page.wait_for_function(
        "() => { const image = document.querySelector('img.captcha');"
        " return image.complete && image.naturalWidth > 0; }"
    )

    page.get_by_label("意见内容").fill(OPINION)
    page.get_by_label("反对").check()
    page.get_by_label("姓名", exact=True).fill(NAME)
    page.get_by_label("电话", exact=True).fill(PHONE)
    page.get_by_label("电子邮箱", exact=True).fill(EMAIL)
    fill_captcha(page)
    page.get_by_label("我已阅读并同意隐私声明").check()
    page.locator("#opinion-form").scroll_into_view_if_needed()
    screenshot(page, "consultation-02-opinion-form")
    wait_for_minimum_fill_time(shown_at)
    page.get_by_role("button", name="提交意见").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("意见已提交")
    code = page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"Y-[0-9A-Z]{4}-[0-9A-Z]{4}", code), code
    expect(page.locator(".receipt")).to_contain_text("查询码已同时发送到您留下的电子邮箱")
    screenshot(page, "consultation-03-receipt")
    opinion = Opinion.objects.get(tracking_code=code)
    assert opinion.article_label == "第三条" and opinion.unit.slug == "pingyuan"
    # Pre-moderated: not public yet.
    page.goto(base + CONSULTATION)
    expect(page.locator(".consultation__opinions")).not_to_contain_text(OPINION)

    # --- 平原镇's editor approves it and decides 不采纳 with a reason ---
    with open_page(browser) as editor:
        admin_login(editor, base, "pingyuan_editor", demo_logins["pingyuan_editor"])
        editor.get_by_role("navigation", name="主菜单").get_by_role("link", name="意见处理").click()
        expect(editor.get_by_role("heading", level=1)).to_contain_text("意见")
        expect(editor.locator("main")).not_to_contain_text("关于规范集贸市场价格公示的通知")  # 县市场监管局's
        editor.get_by_role("link", name=code).click()
        editor.locator("select[name=moderation]").select_option(label="公开")
        editor.locator("select[name=decision]").select_option(label="不采纳")
        editor.get_by_role("button", name="保存", exact=True).click()
        # No reason: refused in Chinese, the choices already made stay on the form.
        expect(editor.locator("main")).to_contain_text("除“采纳”外，必须说明理由。")
        expect(editor.locator("select[name=decision] option:checked")).to_have_text("不采纳")
        expect(editor.locator("select[name=moderation] option:checked")).to_have_text("公开")
        screenshot(editor, "consultation-04-admin-reason-required")
        editor.locator("textarea[name=reason]").fill(REASON)
        editor.get_by_role("button", name="保存", exact=True).click()
        row = editor.locator("tr", has_text=code)
        expect(row).to_contain_text("不采纳")
        expect(row).to_contain_text("公开")
        screenshot(editor, "consultation-05-admin-opinions")

        # Approved opinions are public at once; the decision waits for the outcome.
        page.goto(base + CONSULTATION)
        expect(page.locator(".consultation__opinions")).to_contain_text(OPINION)
        expect(page.locator(".consultation__opinions")).not_to_contain_text(REASON)

        consultation_times_out()

        # The editor writes the summary; publishing is the reviewer's step.
        editor.get_by_role("navigation", name="主菜单").get_by_role("link", name="公众参与").click()
        every = editor.locator("section", has=editor.get_by_role("heading", name="全部征求意见"))
        every.locator("tr", has_text=TITLE).get_by_role("link", name="采纳情况", exact=True).click()
        expect(editor.get_by_role("heading", level=1)).to_contain_text("意见采纳情况")
        editor.get_by_label("总体情况说明").fill(SUMMARY)
        editor.get_by_role("button", name="保存说明").click()
        expect(editor.locator(".messages")).to_contain_text("总体情况说明已保存")
        expect(editor.locator("main")).to_contain_text("公布采纳情况由本单位审核人员操作。")
        expect(editor.get_by_role("button", name="公布采纳情况")).to_have_count(0)
        screenshot(editor, "consultation-06-admin-outcome-editor")

    # --- 平原镇's reviewer publishes the outcome ---
    mail.outbox.clear()
    with open_page(browser) as reviewer:
        admin_login(reviewer, base, "pingyuan_reviewer", demo_logins["pingyuan_reviewer"])
        reviewer.get_by_role("navigation", name="主菜单").get_by_role("link", name="公众参与").click()
        due = reviewer.locator("section", has=reviewer.get_by_role("heading", name="采纳情况待公布"))
        due.get_by_role("link", name=TITLE).click()
        expect(reviewer.get_by_label("总体情况说明")).to_have_value(SUMMARY)
        reviewer.get_by_role("button", name="公布采纳情况").click()
        expect(reviewer.locator(".messages")).to_contain_text("意见采纳情况已公布")
        expect(reviewer.locator("main")).to_contain_text("采纳情况已于")
        screenshot(reviewer, "consultation-07-admin-outcome-published")

    # The citizen is told by e-mail, with the code and the reason.
    [notice] = [message for message in mail.outbox if code in message.subject]
    assert notice.to == [EMAIL]
    assert "不采纳" in notice.body and REASON in notice.body

    # --- the citizen reads the outcome ---
    page.goto(base + CONSULTATION)
    expect(page.locator(".state-tag")).to_have_text("已公布采纳情况")
    page.get_by_role("link", name="查看意见采纳情况").click()
    expect(page).to_have_url(base + OUTCOME)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"关于《{TITLE}》征求意见采纳情况")
    expect(page.locator(".outcome__summary")).to_contain_text(SUMMARY)
    expect(page.locator(".outcome__summary")).to_contain_text("共收到有效意见 1 条")

    def count(caption: str, label: str):
        table = page.locator("table", has=page.locator("caption", has_text=caption))
        return table.locator("tr", has=page.locator("th", has_text=re.compile(f"^{label}$"))).locator("td")

    expect(count("按渠道", "网上提交")).to_have_text("1")
    expect(count("按态度", "反对")).to_have_text("1")
    expect(count("按处理结果", "不采纳")).to_have_text("1")
    expect(count("按处理结果", "采纳")).to_have_text("0")
    not_adopted = page.locator(".outcome__not-adopted")
    expect(not_adopted).to_contain_text("第三条")
    expect(not_adopted).to_contain_text(OPINION)
    expect(not_adopted).to_contain_text(REASON)
    expect(page.locator(".outcome__adopted")).to_contain_text("无。")
    screenshot(page, "consultation-08-outcome")
    with open_page(browser, PHONE_SCREEN) as phone:
        phone.goto(base + OUTCOME)
        expect(phone.locator(".outcome__not-adopted")).to_contain_text(REASON)
        assert not has_horizontal_scroll(phone), "the outcome page scrolls sideways on a phone"
        screenshot(phone, "consultation-08-outcome-phone")

    # And finds their own opinion with the code and the phone number.
    page.goto(base + "/opinions/lookup/")
    page.get_by_label("查询码").fill(code.lower())
    page.get_by_label("提交时留下的电话或电子邮箱").fill(PHONE)
    page.get_by_role("button", name="查询").click()
    result = page.locator(".lookup-result")
    expect(result).to_contain_text("不采纳")
    expect(result).to_contain_text(REASON)
    assert not any(secret in page.content() for secret in SECRETS)
    screenshot(page, "consultation-09-lookup")

    blocked = csp_violations(console)
    assert not blocked, "Content-Security-Policy blocked something:\n" + "\n".join(blocked)

    # --- no personal data on any public page, feed, sitemap or search result ---
    section = "/zwgk/pingyuan/"
    surfaces = {
        *visited,
        *(
            base + path
            for path in (
                "/",
                "/zwgk/",
                section,
                section + "rss/",
                section + "atom/",
                section + "statutory/rss/",
                section + "messages/",
                CONSULTATION,
                OUTCOME,
                "/tdd" + CONSULTATION,
                "/tdd" + OUTCOME,
                "/kac" + CONSULTATION,
                "/kac" + OUTCOME,
                "/sitemap.xml",
                "/search/?q=开市时间",
                "/search/?q=农贸市场",
                "/opinions/lookup/",
            )
        ),
    }
    assert any(url.endswith(OUTCOME) for url in visited) and len(visited) >= 5, visited
    checker = browser.new_context()  # a stranger: no session, no cookies
    try:
        for url in sorted(surfaces):
            response = checker.request.get(url)
            assert response.ok, (url, response.status)
            body = response.text()
            for secret in SECRETS:
                assert secret not in body, f"{secret} appears on {url}"
        # The control: the opinion itself is public where it should be.
        assert OPINION in checker.request.get(base + OUTCOME).text()
        assert OPINION in checker.request.get(base + "/tdd" + OUTCOME).text()
    finally:
        checker.close()


@pytest.mark.browser
@pytest.mark.usefixtures("tasks_in_process")
def test_citizen_writes_to_the_board_gets_the_answer_by_email_and_looks_it_up(
    live_server, demo_logins, page: Page, browser: Browser
):
    cache.clear()  # rate-limit counters
    base = live_server.url
    board = base + "/zwgk/pingyuan/messages/"
    subject = "老街排水沟堵塞"
    content = "平原镇老街排水沟堵了，下雨就漫到路上，请派人疏通。"
    answer = "已安排环卫人员于本周五前疏通老街排水沟，感谢您的反映。"
    console = collect_console(page)
    visited = record_documents(page)

    page.goto(board)
    expect(page.get_by_role("heading", level=1)).to_have_text("网民留言")
    shown_at = time.monotonic()
    page.get_by_label("留言标题").fill(subject)
    page.get_by_label("留言内容").fill(content)
    page.get_by_label("姓名", exact=True).fill(NAME)
    page.get_by_label("电话", exact=True).fill(PHONE)
    page.get_by_label("电子邮箱", exact=True).fill(EMAIL)
    page.get_by_label("我已阅读并同意隐私声明").check()
    wait_for_minimum_fill_time(shown_at)
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("留言已提交")
    code = page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"L-[0-9A-Z]{4}-[0-9A-Z]{4}", code), code
    screenshot(page, "board-01-written")

    mail.outbox.clear()
    with open_page(browser) as editor:
        admin_login(editor, base, "pingyuan_editor", demo_logins["pingyuan_editor"])
        editor.get_by_role("navigation", name="主菜单").get_by_role("link", name="网民留言").click()
        editor.get_by_role("link", name=subject).click()
        editor.locator("select[name=moderation]").select_option(label="公开")
        editor.locator("textarea[name=reply]").fill(answer)
        editor.get_by_role("button", name="保存", exact=True).click()
        expect(editor.locator("tr", has_text=subject)).to_contain_text("已答复")
        screenshot(editor, "board-02-admin-answered")

    # The answer reaches the citizen by e-mail, with the code and where to read it.
    [sent] = [message for message in mail.outbox if code in message.subject]
    assert sent.to == [EMAIL] and answer in sent.body and "/zwgk/pingyuan/messages/lookup/" in sent.body

    page.goto(board)
    expect(page.locator(".board-message", has_text=subject)).to_contain_text(answer)
    page.get_by_role("link", name="凭查询码查询我的留言和答复").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("查询留言办理情况")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("提交时留下的电话或电子邮箱").fill(EMAIL)
    page.get_by_role("button", name="查询").click()
    result = page.locator(".lookup-result")
    expect(result).to_contain_text(subject)
    expect(result).to_contain_text("已在留言板公开")
    expect(result).to_contain_text(answer)
    assert not any(secret in page.content() for secret in SECRETS)
    screenshot(page, "board-03-lookup")

    blocked = csp_violations(console)
    assert not blocked, "Content-Security-Policy blocked something:\n" + "\n".join(blocked)
    checker = browser.new_context()
    try:
        for url in sorted({*visited, board, base + "/tdd/zwgk/pingyuan/messages/", base + "/sitemap.xml"}):
            response = checker.request.get(url)
            assert response.ok, (url, response.status)
            assert not any(secret in response.text() for secret in SECRETS), url
    finally:
        checker.close()
