"""我为政府网站找错: a citizen's report is routed to the county office with a deadline of working
days, its staff are mailed, the citizen follows it with the tracking code, and only the county
office's staff and the county administrators see and answer it in the admin."""

from __future__ import annotations

import datetime
import re
import time
from html import unescape

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from errorreports.models import ErrorReport
from participation import abuse
from security.models import AuditEntry
from sites.models import Unit
from workdays.services import add_working_days

from .conftest import unit_member

REPORT_URL = "/zhaocuo/"
LOOKUP_URL = "/zhaocuo/lookup/"
SECRET_NAME = "找错人王小明"
SECRET_CONTACT = "13912345678"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def captcha_answer(client) -> dict:
    """Open the form as a citizen does, and read the captcha it issued (as the person would)."""
    client.get(REPORT_URL)
    store = CaptchaStore.objects.latest("id")
    return {"captcha_0": store.hashkey, "captcha_1": store.response}


def report_data(client, **overrides) -> dict:
    data = {
        "category": "link",
        "page_url": "http://testserver/zwgk/pingyuan/",
        "description": "“机构概况”链接打不开，显示页面不存在。",
        "name": SECRET_NAME,
        "contact": SECRET_CONTACT,
        "website": "",
        "started": abuse.form_token(now=time.time() - 10),
        **captcha_answer(client),
    }
    data.update(overrides)
    return data


def prefilled(response) -> str:
    """The page address field's value as the form shows it."""
    field = re.search(r'<input[^>]*name="page_url"[^>]*>', response.content.decode()).group(0)
    value = re.search(r'value="([^"]*)"', field)
    return unescape(value.group(1)) if value else ""


def file_report(client, **overrides):
    return client.post(REPORT_URL, report_data(client, **overrides))


@pytest.mark.django_db
def test_report_is_routed_to_the_county_office_with_a_deadline_and_mailed(
    small_county, client, django_capture_on_commit_callbacks
):
    office_editor = unit_member("editor", "xzfb")
    office_editor.email = "office@example.org"
    office_editor.save()
    other = unit_member("editor", "pingyuan")
    other.email = "pingyuan@example.org"
    other.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = file_report(client)
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.unit == Unit.objects.get(slug="xzfb")
    assert report.tracking_code.startswith("Z-")
    expected_due = add_working_days(timezone.localdate(), 5).due
    assert report.due_date == expected_due
    receipt = client.get(response["Location"]).content.decode()
    assert report.tracking_code in receipt and "答复期限" in receipt
    [sent] = mail.outbox
    assert sent.to == ["office@example.org"]
    assert report.tracking_code in sent.body and f"/admin/errorreports/{report.pk}/" in sent.body
    # The mail carries no personal data: the handlers read it in the admin.
    assert SECRET_NAME not in sent.body and SECRET_CONTACT not in sent.body


@pytest.mark.django_db
def test_without_a_county_office_the_county_administrators_handle_it(
    small_county, client, django_capture_on_commit_callbacks
):
    Unit.objects.filter(slug="xzfb").update(is_active=False)
    admin = unit_member("county_admin")
    admin.email = "county@example.org"
    admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert file_report(client).status_code == 302
    assert ErrorReport.objects.get().unit is None
    assert [message.to for message in mail.outbox] == [["county@example.org"]]
    client.force_login(admin)
    assert ErrorReport.objects.get().tracking_code in client.get("/admin/errorreports/").content.decode()


@pytest.mark.django_db
def test_page_url_is_prefilled_from_the_link_or_the_referer_and_only_from_this_site(small_county, client):
    assert prefilled(client.get(REPORT_URL, {"url": "/zwgk/pingyuan/"})) == "/zwgk/pingyuan/"
    referred = client.get(REPORT_URL, HTTP_REFERER="http://testserver/zwgk/scjg/")
    assert prefilled(referred) == "http://testserver/zwgk/scjg/"
    for foreign in ("https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"):
        assert prefilled(client.get(REPORT_URL, {"url": foreign})) == ""
        assert prefilled(client.get(REPORT_URL, HTTP_REFERER=foreign)) == ""


@pytest.mark.django_db
def test_bad_input_is_refused_in_chinese_keeping_what_was_typed(small_county, client):
    typed = "首页的联系电话写错了一位数字。"
    response = file_report(client, page_url="https://evil.example.com/page", description=typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "只能报告本网站页面的问题" in html and typed in html
    response = file_report(client, category="", description="")
    html = response.content.decode()
    assert "请选择错误类型。" in html and "请描述发现的问题。" in html
    response = file_report(client, captcha_1="WRONG", description=typed)
    html = response.content.decode()
    assert "验证码不正确，请重新输入。" in html and typed in html
    assert not ErrorReport.objects.exists()


@pytest.mark.django_db
def test_submissions_are_rate_limited_per_address(small_county, client, settings):
    settings.PARTICIPATION_RATE_PER_IP = "1/h"
    assert file_report(client).status_code == 302
    response = file_report(client, description="第二条")
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert ErrorReport.objects.count() == 1


@pytest.mark.django_db
def test_lookup_shows_status_reply_and_dates_but_nothing_personal(small_county, client):
    file_report(client)
    report = ErrorReport.objects.get()
    html = client.post(LOOKUP_URL, {"code": report.tracking_code.lower().replace("-", " ")}).content.decode()
    assert "办理中" in html and report.due_date.strftime("%Y-%m-%d") in html
    report.reply, report.replied_at = "链接已修复，感谢指正。", timezone.now()
    report.save()
    response = client.post(LOOKUP_URL, {"code": report.tracking_code})
    html = response.content.decode()
    assert response.status_code == 200
    assert "已答复" in html and "链接已修复，感谢指正。" in html
    for secret in (SECRET_NAME, SECRET_CONTACT, report.description):
        assert secret not in html
    missing = client.post(LOOKUP_URL, {"code": "Z-2222-2222"})
    assert missing.status_code == 404 and "没有找到对应的找错记录" in missing.content.decode()


@pytest.mark.django_db
def test_county_office_staff_answer_in_the_admin_and_the_answer_is_recorded(small_county, client):
    file_report(client)
    report = ErrorReport.objects.get()
    staff = unit_member("reviewer", "xzfb")
    client.force_login(staff)
    listing = client.get("/admin/errorreports/").content.decode()
    assert report.tracking_code in listing and report.due_date.strftime("%Y-%m-%d") in listing
    page = client.get(f"/admin/errorreports/{report.pk}/").content.decode()
    assert SECRET_NAME in page and SECRET_CONTACT in page
    assert AuditEntry.objects.filter(action="personal_data_viewed", target=report.tracking_code).exists()
    empty = client.post(f"/admin/errorreports/{report.pk}/", {"reply": ""})
    assert empty.status_code == 400 and "请填写答复内容。" in empty.content.decode()
    response = client.post(f"/admin/errorreports/{report.pk}/", {"reply": "已修复该链接。"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.reply == "已修复该链接。" and report.replied_by == staff and report.replied_at
    assert AuditEntry.objects.filter(action="errorreport_answered", target=report.tracking_code).exists()


@pytest.mark.django_db
def test_overdue_reports_are_flagged_for_the_handlers(small_county, client):
    file_report(client)
    report = ErrorReport.objects.get()
    ErrorReport.objects.filter(pk=report.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(unit_member("county_admin"))
    listing = client.get("/admin/errorreports/").content.decode()
    assert "已逾期" in listing and "其中已逾期 1 件" in listing


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, unit_slug, allowed",
    [
        ("editor", "xzfb", True),
        ("reviewer", "xzfb", True),
        ("county_admin", None, True),
        ("editor", "pingyuan", False),
        ("reviewer", "scjg", False),
    ],
)
def test_only_the_county_office_and_county_administrators_see_the_reports(
    small_county, client, role, unit_slug, allowed
):
    file_report(client)
    report = ErrorReport.objects.get()
    client.force_login(unit_member(role, unit_slug) if unit_slug else unit_member(role))
    statuses = {
        "list": client.get("/admin/errorreports/").status_code,
        "answer_page": client.get(f"/admin/errorreports/{report.pk}/").status_code,
        "answer": client.post(f"/admin/errorreports/{report.pk}/", {"reply": "越权答复"}).status_code,
    }
    report.refresh_from_db()
    if allowed:
        assert statuses == {"list": 200, "answer_page": 200, "answer": 302} and report.reply == "越权答复"
    else:
        assert statuses == {"list": 404, "answer_page": 404, "answer": 404} and report.reply == ""
        assert "网站找错" not in client.get("/admin/").content.decode()
