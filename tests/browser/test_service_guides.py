"""Service guides in a real browser: an editor cannot send an incomplete guide on and is told which
element is missing; a citizen browses 企业开办 → a guide → its 简版 and QR code; the hall's kiosk
goes back to its start after the idle time. axe finds nothing serious on the guide or the kiosk."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .a11y import axe_violations, describe
from .screens import admin_login, collect_console, csp_violations, screenshot

GUIDE_TITLE = "个体工商户登记（新办）（演示）"


def qr_is_drawn(page: Page, selector: str) -> bool:
    """Whether the QR image loads and has a size; waits for it, as it may start loading only once
    scrolled into view. A broken image never gets a width, so the wait fails on it."""
    page.wait_for_function(
        "(selector) => { const img = document.querySelector(selector); return !!img && img.complete && img.naturalWidth > 0; }",
        arg=selector,
    )
    return True


@pytest.mark.browser
def test_editor_is_told_which_census_elements_are_missing(live_server, demo_logins, page: Page):
    from portal.demo import services as demo
    from services.models import ServiceGuidePage, ServiceItem
    from sites.models import Unit

    unit = Unit.objects.get(slug="pingyuan")
    column = demo.guide_column(unit)
    spec = next(spec for spec in demo.GUIDES if spec.item == "临时救助申请")
    draft = demo.guide_page(spec, ServiceItem.objects.get(unit=unit, name="临时救助申请"))
    draft.title, draft.slug, draft.live = "临时救助申请（未写完的草稿）", "linshi-draft", False
    draft.location, draft.consult_phone = "", ""
    draft.steps = []
    column.add_child(instance=draft)
    draft.save_revision()

    admin_login(page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name=re.compile("提交给平原镇审查流程")).click()
    messages = page.locator(".messages")
    expect(messages).to_contain_text(
        "办事指南缺少以下要素，不能提交审核或发布：办理地点、咨询电话、办理流程。"
    )
    screenshot(page, "service-guides-01-incomplete-guide-refused")
    assert ServiceGuidePage.objects.get(pk=draft.pk).current_workflow_state is None


@pytest.mark.browser
def test_citizen_browses_business_start_to_a_guide_its_brief_and_qr(live_server, demo_logins, page: Page):
    console = collect_console(page)
    page.goto(f"{live_server.url}/banshi/")
    page.get_by_role("link", name="企业开办").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("企业开办")
    screenshot(page, "service-guides-02-life-event")
    page.get_by_role("link", name=GUIDE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GUIDE_TITLE)
    for heading in ("设定依据", "申请条件", "申请材料", "办理流程", "常见问题"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("办理流程图"))).to_be_visible()
    page.locator(".guide-qr img").scroll_into_view_if_needed()
    assert qr_is_drawn(page, ".guide-qr img")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "service-guides-03-guide")

    page.get_by_role("link", name="简版（可打印）").click()
    expect(page).to_have_url(re.compile(r"/jianban/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(GUIDE_TITLE)
    expect(page.get_by_text("办事指南（简版）")).to_be_visible()
    assert qr_is_drawn(page, ".brief-qr img")
    page.emulate_media(media="print")
    screenshot(page, "service-guides-04-brief-print")
    page.emulate_media(media="screen")

    qr_url = page.locator(".brief-qr img").get_attribute("src")
    response = page.request.get(f"{live_server.url}{qr_url}")
    assert response.ok and response.headers["content-type"] == "image/svg+xml"
    assert "<svg" in response.text()
    assert csp_violations(console) == []


@pytest.mark.browser
def test_kiosk_goes_back_to_its_start_after_the_idle_time(live_server, demo_logins, page: Page, settings):
    settings.SERVICES_KIOSK_IDLE_SECONDS = 2
    console = collect_console(page)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{live_server.url}/banshi/kiosk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("您要办什么事？")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "service-guides-06-kiosk-start")
    page.get_by_role("link", name="企业开办").click()
    expect(page).to_have_url(re.compile(r"/banshi/kiosk/events/qiyekaiban/$"))
    page.get_by_role("link", name=GUIDE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GUIDE_TITLE)
    # Touch targets are large enough for a finger.
    boxes = [page.locator(".kiosk-print .tile").nth(i).bounding_box() for i in range(2)]
    assert all(box and box["height"] >= 64 for box in boxes)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "service-guides-07-kiosk-guide")
    # Nobody touches the screen: it goes back to the start by itself.
    page.mouse.move(0, 0)
    expect(page).to_have_url(f"{live_server.url}/banshi/kiosk/", timeout=8000)
    expect(page.get_by_role("heading", level=1)).to_have_text("您要办什么事？")
    screenshot(page, "service-guides-08-kiosk-back-at-start")
    assert csp_violations(console) == []


def test_service_pages_are_valid_html(demo, client, tmp_path):
    """The Nu HTML checker (tests/browser/test_html_validity.py) on every kind of service page."""
    from services.models import LifeEvent, ServiceGuidePage

    from .test_html_validity import vnu_errors

    guide = ServiceGuidePage.objects.get(slug="getigongshanghu-sheli", locale__language_code="zh-hans")
    event = LifeEvent.objects.get(slug="qiyekaiban")
    paths = [
        "/banshi/",
        f"/banshi/events/{event.slug}/",
        "/banshi/units/scjg/",
        "/banshi/themes/business/",
        guide.url,
        f"{guide.url}jianban/",
        f"{guide.url}jianban/?size=a3&kiosk=1",
        "/banshi/kiosk/",
        f"/banshi/kiosk/events/{event.slug}/",
        f"/banshi/kiosk/guides/{guide.pk}/",
    ]
    documents = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        documents[path] = response.content.decode()
    assert vnu_errors(documents, tmp_path) == {}


@pytest.mark.browser
def test_county_office_compiles_the_handbook_and_watches_the_worker_build_it(
    live_server, demo_logins, page: Page, start_celery_worker
):
    from services.models import Handbook
    from tests.conftest import stop_process

    worker = start_celery_worker()
    admin_login(page, live_server.url, "county_admin", demo_logins["county_admin"])
    page.goto(f"{live_server.url}/admin/handbooks/new/")
    page.fill("#id_title", "盈江县企业开办办事一本通（浏览器测试）")
    page.select_option("#id_scope", "life_events")
    page.get_by_label("企业开办").check()
    with page.expect_navigation():
        page.locator("#id_title").press("Enter")
    handbook = Handbook.objects.get(title="盈江县企业开办办事一本通（浏览器测试）")
    page.goto(f"{live_server.url}/admin/handbook-progress/{handbook.pk}/")
    # The page refreshes itself while the worker lays the guides out.
    expect(page.locator("[data-state]")).to_have_text("已生成", timeout=120_000)
    expect(page.get_by_text("已排版 5 / 5 份指南")).to_be_visible()
    screenshot(page, "service-guides-09-handbook-built")
    response = page.request.get(f"{live_server.url}/banshi/yibentong/{handbook.pk}.pdf")
    assert response.ok and response.body().startswith(b"%PDF")
    # Stopped here, not after the test: its connection must be gone before the tables are flushed.
    page.goto("about:blank")
    stop_process(worker)
