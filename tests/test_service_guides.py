"""Service guides (services/): a guide missing a census element cannot go on towards publication,
while its draft can be saved; the public pages show what a guide holds; the 简版 and QR code."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.cache import cache
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.demo import services as demo
from services.flowchart import flowchart_svg
from services.models import (
    IncompleteGuideError,
    LegalBasis,
    LifeEvent,
    ServiceGuidePage,
    ServiceItem,
    ServiceKind,
    Theme,
)

from .conftest import unit_member

BUSINESS_LICENCE = demo.GUIDES[0]  # 个体工商户登记（新办）, 县市场监督管理局
TEMPORARY_AID = next(spec for spec in demo.GUIDES if spec.item == "临时救助申请")  # 平原镇


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def publish(spec) -> ServiceGuidePage:
    page = demo.add_guide(spec)
    assert page is not None and page.live
    return page


def column(slug: str = "pingyuan"):
    from sites.models import Unit

    return demo.guide_column(Unit.objects.get(slug=slug))


def item(slug: str = "pingyuan", name: str = "临时救助申请") -> ServiceItem:
    from sites.models import Unit

    return ServiceItem.objects.get_or_create(
        unit=Unit.objects.get(slug=slug),
        name=name,
        defaults={"kind": ServiceKind.BENEFIT, "theme": Theme.SOCIAL_AID},
    )[0]


def rows(*forms: dict) -> dict:
    return inline_formset(list(forms))


def guide_form(title: str, slug: str, *, service_item="", complete: bool = True, **extra) -> dict:
    """The admin editor's form of a guide; `complete=False` leaves out 依据, 地点 and 流程."""
    data = {
        "title": title,
        "slug": slug,
        "service_item": service_item,
        "handling_item": "single",
        "summary": "",
        "conditions": "具有本镇户籍\n基本生活暂时出现严重困难",
        "location": "平原镇便民服务中心" if complete else "",
        "hours": "工作日 9:00—12:00",
        "statutory_limit": "",
        "promised_limit": "15",
        "visits": "1",
        "fee_amount": "",
        "fee_basis": "",
        "consult_phone": "0692-0000001",
        "complaint_phone": "",
        "online_url": "",
        "notes": "",
        "basis": rows({"law": "《社会救助暂行办法》", "article": "第四十七条", "text": ""})
        if complete
        else rows(),
        "materials": rows(
            {
                "name": "临时救助申请书",
                "copy_kind": "original",
                "copies": "1",
                "medium": "paper",
                "requirement": "",
                "blank_form": "",
                "sample_form": "",
            }
        ),
        "steps": rows({"name": "申请", "description": "", "time_needed": "当场"}) if complete else rows(),
        "faqs": rows(),
        "comments": rows(),
        **extra,
    }
    return nested_form_data(data)


def messages_of(response) -> str:
    return unescape(response.content.decode())


ADD_URL = "/admin/pages/add/services/serviceguidepage/{}/"


@pytest.mark.django_db
def test_submitting_an_incomplete_guide_is_refused_naming_each_missing_element(small_county, client):
    parent = column()
    client.force_login(unit_member("editor"))
    data = guide_form(
        "临时救助申请", "linshi", service_item=item().pk, complete=False, **{"action-submit": "1"}
    )
    response = client.post(ADD_URL.format(parent.pk), data)
    body = messages_of(response)
    assert response.status_code == 200
    assert "办事指南缺少以下要素，不能提交审核或发布：设定依据、办理地点、办理流程。" in body
    # Nothing was created, nothing went to review.
    assert not ServiceGuidePage.objects.filter(slug="linshi").exists()


@pytest.mark.django_db
def test_an_incomplete_draft_is_saved_and_refused_only_when_sent_on(small_county, client):
    parent = column()
    client.force_login(unit_member("editor"))
    draft = guide_form("临时救助申请", "linshi", service_item=item().pk, complete=False)
    assert client.post(ADD_URL.format(parent.pk), draft).status_code == 302
    page = ServiceGuidePage.objects.get(slug="linshi", locale__language_code="zh-hans")
    assert not page.live
    assert page.missing_elements() == ["设定依据", "办理地点", "办理流程"]
    edit = f"/admin/pages/{page.pk}/edit/"
    missing_name = guide_form("临时救助申请", "linshi", complete=False, **{"action-submit": "1"})
    body = messages_of(client.post(edit, missing_name))
    assert "事项名称、设定依据、办理地点、办理流程" in body
    assert page.current_workflow_state is None
    # Completed, it goes to review.
    complete = guide_form("临时救助申请", "linshi", service_item=item().pk, **{"action-submit": "1"})
    assert client.post(edit, complete).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state is not None


@pytest.mark.django_db
def test_a_reviewer_cannot_approve_a_draft_made_incomplete_during_review(small_county, client):
    from django.urls import reverse

    parent = column()
    client.force_login(unit_member("editor"))
    complete = guide_form("临时救助申请", "linshi", service_item=item().pk, **{"action-submit": "1"})
    assert client.post(ADD_URL.format(parent.pk), complete).status_code == 302
    page = ServiceGuidePage.objects.get(slug="linshi", locale__language_code="zh-hans")
    # While it waits (locked to the reviewers), one reviewer saves a draft without its steps and place.
    client.force_login(unit_member("reviewer"))
    incomplete = guide_form("临时救助申请", "linshi", service_item=item().pk, complete=False)
    assert client.post(f"/admin/pages/{page.pk}/edit/", incomplete).status_code == 302
    task_state = page.current_workflow_task_state
    client.force_login(unit_member("reviewer"))
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    # Refused as the review refuses a reviewer's own work (review.models.ReviewTask.on_action), not
    # a server error from publish() at the end of the workflow.
    response = client.post(approve, {"comment": ""})
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's answer to a refusal
    page.refresh_from_db()
    assert not page.live and page.current_workflow_task_state.pk == task_state.pk


@pytest.mark.django_db
def test_not_even_a_superuser_can_publish_an_incomplete_guide_either(small_county, client):
    parent = column()
    from django.contrib.auth import get_user_model

    # A superuser, whom the review rule lets publish directly (review/wagtail_hooks.py).
    client.force_login(get_user_model().objects.create_superuser("root-services", password="x"))
    data = guide_form(
        "临时救助申请", "linshi", service_item=item().pk, complete=False, **{"action-publish": "1"}
    )
    body = messages_of(client.post(ADD_URL.format(parent.pk), data))
    assert "设定依据、办理地点、办理流程" in body
    assert not ServiceGuidePage.objects.filter(slug="linshi", live=True).exists()


@pytest.mark.django_db
def test_publish_itself_refuses_an_incomplete_revision(small_county):
    """Whatever path publishes (review approval, 紧急发布, a script), `publish` checks again."""
    page = demo.guide_page(TEMPORARY_AID, item())
    page.basis = []
    page.hours = ""
    page.live = False
    column().add_child(instance=page)
    with pytest.raises(IncompleteGuideError) as refusal:
        page.save_revision().publish()
    assert "设定依据、办理时间" in " ".join(refusal.value.messages)
    assert not ServiceGuidePage.objects.get(pk=page.pk).live


@pytest.mark.django_db
def test_a_guide_may_only_name_its_own_units_item(small_county, client):
    parent = column()
    client.force_login(unit_member("editor"))
    other = item("scjg", "个体工商户登记")
    data = guide_form("冒用", "maoyong", service_item=other.pk)
    response = client.post(ADD_URL.format(parent.pk), data)
    assert response.status_code == 200
    assert not ServiceGuidePage.objects.filter(slug="maoyong").exists()


@pytest.mark.django_db
def test_the_guide_page_shows_every_element_with_flowchart_and_qr(small_county, client):
    page = publish(TEMPORARY_AID)
    body = messages_of(client.get(page.url))
    for text in [
        "临时救助申请",
        "《社会救助暂行办法》",
        "第四十七条",
        "临时救助申请书",
        "入户调查",
        "15个工作日",
    ]:
        assert text in body, text
    for label in [
        "设定依据",
        "申请条件",
        "申请材料",
        "办理地点",
        "办理时间",
        "咨询电话",
        "办理流程",
        "监督投诉电话",
    ]:
        assert label in body, label
    assert 'role="img"' in body and "<title id=" in body and "<desc id=" in body
    assert "不收费" in body
    qr = client.get(f"{page.url}qr/")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    brief = messages_of(client.get(f"{page.url}jianban/"))
    assert "办事指南（简版）" in brief and "/qr/" in brief and "paper-a4.css" in brief
    assert "paper-a3.css" in messages_of(client.get(f"{page.url}jianban/?size=a3"))


@pytest.mark.django_db
def test_flowchart_names_each_step_in_text_and_in_its_description(small_county):
    page = publish(TEMPORARY_AID)
    svg = str(flowchart_svg(page))
    names = [step.name for step in page.steps.all()]
    assert all(f"{number}. {name}" in svg for number, name in enumerate(names, start=1))
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert all(name in description for name in names)
    assert "style=" not in svg and "<script" not in svg


@pytest.mark.django_db
def test_browse_by_unit_theme_and_life_event(small_county, client):
    demo.load_services_demo()
    event = LifeEvent.objects.get(slug="qiyekaiban")
    index = messages_of(client.get("/banshi/"))
    assert "企业开办" in index and "县市场监督管理局" in index and "平原镇" in index
    # A life event without any public guide yet (出生 in the demo) shows no empty tile.
    assert (
        "/banshi/events/chusheng/" not in index
        and "/banshi/events/chusheng/" not in client.get("/banshi/kiosk/").content.decode()
    )
    by_event = messages_of(client.get(f"/banshi/events/{event.slug}/"))
    assert "个体工商户登记（新办）（演示）" in by_event and "食品经营许可" in by_event
    assert "临时救助" not in by_event
    by_unit = messages_of(client.get("/banshi/units/pingyuan/"))
    assert "临时救助申请（演示）" in by_unit and "个体工商户" not in by_unit
    by_theme = messages_of(client.get("/banshi/themes/social_aid/"))
    assert "最低生活保障申请" in by_theme and "食品经营许可" not in by_theme
    assert client.get("/banshi/themes/no-such-theme/").status_code == 404


@pytest.mark.django_db
def test_a_draft_or_withdrawn_guide_is_on_no_public_surface(small_county, client):
    page = publish(TEMPORARY_AID)
    event = LifeEvent.objects.create(name="困难救助", slug="kunnan")
    event.items.add(page.service_item)
    surfaces = [
        page.url,
        f"{page.url}jianban/",
        "/banshi/units/pingyuan/",
        "/banshi/themes/social_aid/",
        "/banshi/events/kunnan/",
        "/banshi/kiosk/units/pingyuan/",
        "/banshi/kiosk/events/kunnan/",
        f"/banshi/kiosk/guides/{page.pk}/",
        column().url,
        "/sitemap.xml",
    ]
    shown = {
        url
        for url in surfaces
        if page.title in messages_of(client.get(url)) or page.url in messages_of(client.get(url))
    }
    assert shown == set(surfaces)
    assert "/banshi/units/pingyuan/" in messages_of(client.get("/banshi/kiosk/")).replace("kiosk/", "")
    page.unpublish()
    cache.clear()
    for url in surfaces:
        response = client.get(url)
        body = messages_of(response)
        assert page.title not in body and f'href="{page.url}' not in body, (url, response.status_code)
    assert "/banshi/units/pingyuan/" not in messages_of(client.get("/banshi/"))
    assert client.get(f"/banshi/kiosk/guides/{page.pk}/").status_code == 404
    assert client.get(f"{page.url}qr/").status_code == 404


@pytest.mark.django_db
def test_the_kiosk_needs_no_typing_and_carries_its_idle_time(small_county, client, settings):
    settings.SERVICES_KIOSK_IDLE_SECONDS = 7
    demo.load_services_demo()
    body = messages_of(client.get("/banshi/kiosk/"))
    assert 'data-idle-seconds="7"' in body and 'data-home-url="/banshi/kiosk/"' in body
    assert "<input" not in body and "<form" not in body
    assert "services/kiosk.js" in body and "<script>" not in body and "style=" not in body


@pytest.mark.django_db
def test_a_column_lists_its_live_guides(small_county, client):
    page = publish(TEMPORARY_AID)
    assert page.title in messages_of(client.get(column().url))


@pytest.mark.django_db
def test_basis_rows_are_required_to_name_a_law(small_county):
    page = demo.guide_page(TEMPORARY_AID, item())
    page.basis = [LegalBasis(law="  ", article="第一条")]
    assert "设定依据" in page.missing_elements()
    assert Page.objects.filter(slug=page.slug).count() == 0


@pytest.mark.django_db
def test_a_unit_editor_cannot_file_an_item_under_another_unit(small_county, client):
    from sites.models import Unit

    client.force_login(unit_member("editor"))
    other = Unit.objects.get(slug="scjg")
    data = {"unit": other.pk, "name": "冒名事项", "code": "", "kind": "licensing", "theme": "other"}
    response = client.post("/admin/service-items/new/", {**data, "audience": "person", "sort_order": "0"})
    assert response.status_code == 200
    assert "所选单位不存在或不属于您的单位。" in messages_of(response)
    assert not ServiceItem.objects.filter(name="冒名事项").exists()
    own = {**data, "unit": Unit.objects.get(slug="pingyuan").pk, "audience": "person", "sort_order": "0"}
    assert client.post("/admin/service-items/new/", own).status_code == 302
    assert ServiceItem.objects.get(name="冒名事项").unit.slug == "pingyuan"


@pytest.mark.django_db
def test_the_brief_opened_from_the_kiosk_returns_to_the_kiosk(small_county, client, settings):
    settings.SERVICES_KIOSK_IDLE_SECONDS = 5
    page = publish(TEMPORARY_AID)
    kiosk = messages_of(client.get(f"/banshi/kiosk/guides/{page.pk}/"))
    assert f"{page.url}jianban/?size=a3&kiosk=1" in kiosk
    brief = messages_of(client.get(f"{page.url}jianban/?size=a3&kiosk=1"))
    assert 'data-idle-seconds="5"' in brief and "services/kiosk.js" in brief and "paper-a3.css" in brief
    assert "services/kiosk.js" not in messages_of(client.get(f"{page.url}jianban/"))


@pytest.mark.django_db
def test_a_charged_service_must_state_its_fee_before_it_goes_on(small_county, client):
    parent = column()
    client.force_login(unit_member("editor"))
    charged = guide_form("临时救助申请", "linshi", service_item=item().pk, charged="on")
    assert client.post(ADD_URL.format(parent.pk), charged).status_code == 302  # a draft may say nothing yet
    page = ServiceGuidePage.objects.get(slug="linshi", locale__language_code="zh-hans")
    submitted = guide_form(
        "临时救助申请", "linshi", service_item=item().pk, charged="on", **{"action-submit": "1"}
    )
    body = messages_of(client.post(f"/admin/pages/{page.pk}/edit/", submitted))
    assert "收费的事项须写明收费标准和收费依据" in body
    page.refresh_from_db()
    assert page.current_workflow_state is None


@pytest.mark.django_db
def test_each_missing_single_field_element_is_marked_at_its_field(small_county, client):
    parent = column()
    client.force_login(unit_member("editor"))
    data = guide_form("临时救助申请", "linshi", service_item=item().pk, hours="", **{"action-submit": "1"})
    response = client.post(ADD_URL.format(parent.pk), data)
    form = response.context["form"]
    assert form.errors["hours"] == ["提交审核或发布前必须填写此项。"]
    assert "办理时间" in " ".join(form.non_field_errors())


@pytest.mark.django_db
def test_life_events_are_curated_by_the_county_office_only(small_county, client):
    business = item("scjg", "个体工商户登记")
    data = {"name": "企业开办", "slug": "qiyekaiban", "description": "", "audience": "company"}
    data |= {"items": [business.pk], "sort_order": "0"}
    client.force_login(unit_member("editor"))  # 平原镇
    refused = client.post("/admin/life-events/new/", data)
    assert refused.status_code in (302, 403, 404) and not LifeEvent.objects.exists()
    client.force_login(unit_member("editor", "xzfb"))
    assert client.post("/admin/life-events/new/", data).status_code == 302
    assert list(LifeEvent.objects.get(slug="qiyekaiban").items.all()) == [business]


@pytest.mark.django_db
def test_the_dai_and_jingpo_copies_follow_their_chinese_guide(small_county, client):
    page = publish(TEMPORARY_AID)
    dai = ServiceGuidePage.objects.get(translation_key=page.translation_key, locale__language_code="tdd")
    assert page.title in messages_of(client.get("/tdd/banshi/units/pingyuan/"))
    assert client.get(dai.url).status_code == 200
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    cache.clear()
    assert page.title not in messages_of(client.get("/tdd/banshi/units/pingyuan/"))
    # The copy asks for the source's password or is missing: its content is not shown.
    copy = client.get(dai.url)
    assert copy.status_code in (200, 404) and "临时救助申请书" not in messages_of(copy)
