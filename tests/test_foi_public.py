"""依申请公开, the applicant's side: applying online (as 公民 and as 法人), every refusal of bad input
with its Chinese message and the typed values kept, the 查询码 page, the look-up by code and the
last four characters of the ID number or phone, the downloads it grants, the guide's receiving
office and flowchart, and the county's entry linking every unit's form."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale

from foi.models import ApplicantKind, Application, Channel, ReplyFile, State
from foi.pages import ApplicationPage, CountyApplicationPage
from participation import abuse
from sites.models import Unit

from .test_faults import rate_limits_without_tolerance  # noqa: F401 (fixture)

SECRET_NAME = "隐名申请人王五"
RESIDENT_ID = "533122199003071236"
PHONE = "13812345670"
EMAIL = "applicant-private@example.net"
DESCRIPTION = "请公开2025年平原镇农村危房改造补助对象名单及补助标准。"
CREDIT_CODE = "91533122MA6N00001U"
PDF = b"%PDF-1.4\n% a scanned ID card\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 32


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_url(slug: str = "pingyuan", prefix: str = "") -> str:
    return f"{prefix}/zwgk/{slug}/ysqgk/"


def citizen(**overrides) -> dict:
    data = {
        "applicant_kind": "citizen",
        "name": SECRET_NAME,
        "id_kind": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": PHONE,
        "email": EMAIL,
        "address": "盈江县平原镇允燕路18号",
        "postcode": "679300",
        "description": DESCRIPTION,
        "document_title": "危房改造补助名单",
        "delivery_method": "email",
        "carrier": "electronic",
        "consent": "on",
        "website": "",
        "started": abuse.form_token(now=time.time() - 10),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def organisation(**overrides) -> dict:
    data = citizen(
        applicant_kind="organisation",
        organisation_kind="commercial",
        name="盈江县某某商贸有限公司",
        legal_representative="赵六",
        contact_person="钱七",
        id_kind="credit_code",
        id_number=CREDIT_CODE.lower(),
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def apply(client, data, slug: str = "pingyuan"):
    return client.post(form_url(slug), data)


def lookup(client, code: str, last_four: str):
    return client.post("/foi/lookup/", {"code": code, "last_four": last_four})


# --- applying ----------------------------------------------------------------------------------


def test_the_form_is_provisioned_in_every_unit_section_and_language(client, small_county):
    for slug in ("pingyuan", "scjg", "xzfb"):
        for prefix in ("", "/tdd", "/kac"):
            response = client.get(form_url(slug, prefix))
            assert response.status_code == 200, (slug, prefix)
    html = client.get(form_url()).content.decode()
    assert "受理机关：平原镇" in html and 'enctype="multipart/form-data"' in html
    for label in (
        "申请人类型",
        "法人或其他组织",
        "商业企业",
        "证件类型",
        "所需信息的内容描述",
        "获取信息的方式",
    ):
        assert label in html
    assert ApplicationPage.objects.filter(slug="ysqgk").count() == 9
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_citizen_applies_online_and_gets_the_tracking_code_once(client, small_county):
    response = apply(client, citizen())
    assert response.status_code == 302
    assert response["Location"].endswith("/zwgk/pingyuan/ysqgk/submitted/")
    application = Application.objects.get()
    assert application.unit.slug == "pingyuan"
    assert application.applicant_kind == ApplicantKind.CITIZEN and application.channel == Channel.ONLINE
    assert application.name == SECRET_NAME and application.id_number == RESIDENT_ID
    assert application.state == State.RECEIVED and application.tracking_code.startswith("F-")

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200 and application.tracking_code in html
    assert "答复期限" in html and "计算方法" in html and "接收回执" in html
    notice = application.notices.get(kind="receipt")
    assert f"/foi/lookup/{application.pk}/notices/{notice.pk}/pdf/" in html
    assert "no-store" in receipt["Cache-Control"]
    for secret in (RESIDENT_ID, PHONE, EMAIL):
        assert secret not in html
    # Shown once: the next visit gets the form again.
    again = client.get(response["Location"])
    assert again.status_code == 302 and again["Location"].endswith("/zwgk/pingyuan/ysqgk/")


def test_organisation_applies_with_its_credit_code(client, small_county):
    response = apply(client, organisation(), slug="scjg")
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.unit.slug == "scjg"
    assert application.applicant_kind == ApplicantKind.ORGANISATION
    assert application.organisation_kind == "commercial"
    assert application.legal_representative == "赵六"
    assert application.id_kind == "credit_code" and application.id_number == CREDIT_CODE


REFUSALS = [
    pytest.param(citizen(id_number="533122199003071235"), "校验位错误：第 18 位应为 6", id="resident-id-check-digit"),
    pytest.param(citizen(id_number="53312219901307123X"), "出生日期", id="resident-id-birth-date"),
    pytest.param(citizen(description=""), "请填写所需信息的内容描述", id="empty-description"),
    pytest.param(citizen(postcode="67930"), "邮政编码应为 6 位数字", id="bad-postcode"),
    pytest.param(citizen(phone=""), "请填写联系电话", id="no-phone"),
    pytest.param(citizen(consent=None), "请阅读并同意隐私声明", id="no-consent"),
    pytest.param(citizen(delivery_method="post", address=""), "选择邮寄的，请填写通信地址", id="post-no-address"),
    pytest.param(citizen(id_kind="credit_code", id_number=CREDIT_CODE), "公民的证件类型不能是统一社会信用代码", id="citizen-credit-code"),
    pytest.param(organisation(id_number="91533122MA6N00001A"), "统一社会信用代码校验位错误", id="credit-code-check-character"),
    pytest.param(organisation(legal_representative=""), "请填写法定代表人或负责人", id="no-legal-representative"),
    pytest.param(organisation(organisation_kind=""), "法人或其他组织请选择组织类型", id="no-organisation-kind"),
    pytest.param(organisation(id_kind="resident_id", id_number=RESIDENT_ID), "法人或其他组织的证件类型", id="organisation-resident-id"),
]  # fmt: skip


@pytest.mark.parametrize("data, message", REFUSALS)
def test_bad_input_is_refused_in_chinese_and_every_typed_value_is_kept(client, small_county, data, message):
    response = apply(client, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "提交未成功" in html
    for kept in (
        data["name"],
        data["phone"],
        data["address"],
        data["document_title"],
        data.get("description"),
    ):
        if kept:
            assert kept in html, kept
    assert 'value="' + data["id_number"] + '"' in html
    assert not Application.objects.exists()


FILE_REFUSALS = [
    pytest.param(SimpleUploadedFile("id-card.pdf", EXE), "内容不是 PDF、JPG 或 PNG 文件", id="exe-renamed-to-pdf"),
    pytest.param(SimpleUploadedFile("id-card.png", PDF), "内容不是 PDF、JPG 或 PNG 文件", id="pdf-named-png"),
    pytest.param(SimpleUploadedFile("setup.exe", EXE), "“setup.exe”的类型不被允许", id="exe"),
    pytest.param(SimpleUploadedFile("id-card.pdf", PDF + b"x" * 2048), "不能超过", id="over-the-limit"),
]  # fmt: skip


@pytest.mark.parametrize("upload, message", FILE_REFUSALS)
def test_an_id_copy_of_a_forbidden_type_or_size_is_refused(client, small_county, settings, upload, message):
    settings.FOI_UPLOAD_MAX_BYTES = 2048
    response = apply(client, citizen(id_copy=upload))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "请重新选择文件" in html
    assert DESCRIPTION in html and SECRET_NAME in html
    assert not Application.objects.exists()


def test_an_id_copy_is_kept_as_a_private_file_named_without_the_applicant(client, small_county):
    response = apply(client, citizen(id_copy=SimpleUploadedFile("王五身份证.png", PNG)))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.id_copy.name.endswith(".png")
    assert "王五" not in application.id_copy.name
    with application.id_copy.open("rb") as stored:
        assert stored.read() == PNG


def test_the_form_is_rate_limited_by_address(client, small_county, settings):
    settings.PARTICIPATION_RATE_PER_IP = "1/h"
    assert apply(client, citizen()).status_code == 302
    refused = apply(client, citizen(description="第二份申请的内容。"))
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "提交过于频繁" in html and "第二份申请的内容。" in html
    assert Application.objects.count() == 1


def test_a_failing_rate_limit_store_answers_503_and_keeps_the_text(
    client,
    small_county,
    rate_limits_without_tolerance,  # noqa: F811
):
    response = apply(client, citizen())
    assert response.status_code == 503
    html = response.content.decode()
    assert "系统暂时繁忙，您的内容尚未提交" in html and DESCRIPTION in html
    assert not Application.objects.exists()


def test_the_honeypot_and_a_too_fast_form_are_refused(client, small_county):
    assert "不应填写的内容" in apply(client, citizen(website="http://spam.example")).content.decode()
    assert "提交过快" in apply(client, citizen(started=abuse.form_token())).content.decode()
    assert not Application.objects.exists()


# --- the look-up and the downloads -------------------------------------------------------------


@pytest.fixture
def applied(client, small_county) -> Application:
    assert apply(client, citizen()).status_code == 302
    client.cookies.clear()  # the look-up below starts from a browser that did not apply
    return Application.objects.get()


@pytest.mark.parametrize("last_four", [RESIDENT_ID[-4:], PHONE[-4:]], ids=["id-number", "phone"])
def test_lookup_by_code_and_the_last_four_of_the_id_number_or_phone(client, applied, last_four):
    typed_code = applied.tracking_code.lower().replace("-", " ")
    response = lookup(client, typed_code, last_four)
    assert response.status_code == 200
    html = response.content.decode()
    assert applied.tracking_code in html and "已接收，待审查" in html
    assert "答复期限" in html and "计算方法" in html and "接收登记" in html
    assert DESCRIPTION in html and "平原镇" in html
    for secret in (RESIDENT_ID, PHONE, EMAIL, SECRET_NAME):
        assert secret not in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_wrong_last_four_finds_nothing(client, applied):
    response = lookup(client, applied.tracking_code, "0000")
    assert response.status_code == 404
    html = response.content.decode()
    assert "没有找到对应的申请" in html and DESCRIPTION not in html
    assert lookup(client, "F-AAAA-BBBB", RESIDENT_ID[-4:]).status_code == 404
    empty = lookup(client, "", "12")
    assert empty.status_code == 400 and "请输入查询码" in empty.content.decode()


def test_lookup_is_rate_limited(client, applied, settings):
    settings.PARTICIPATION_RATE_PER_IP = "1/h"
    lookup(client, applied.tracking_code, "0000")
    limited = lookup(client, applied.tracking_code, RESIDENT_ID[-4:])
    assert limited.status_code == 429 and "查询过于频繁" in limited.content.decode()


def test_downloads_need_a_lookup_in_this_session(client, applied):
    notice = applied.notices.get(kind="receipt")
    receipt_url = f"/foi/lookup/{applied.pk}/notices/{notice.pk}/pdf/"
    assert client.get(receipt_url).status_code == 404
    # A wrong last four grants nothing either.
    lookup(client, applied.tracking_code, "0000")
    assert client.get(receipt_url).status_code == 404

    html = lookup(client, applied.tracking_code, RESIDENT_ID[-4:]).content.decode()
    assert receipt_url in html
    response = client.get(receipt_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert client.get(f"/foi/lookup/{applied.pk}/notices/{notice.pk}/exe/").status_code == 404


def test_reply_files_are_served_only_after_the_reply_and_the_lookup(client, applied):
    reply_file = ReplyFile.objects.create(
        application=applied, title="补助名单", file=ContentFile(b"%PDF-1.4 list", name="list.pdf")
    )
    url = f"/foi/lookup/{applied.pk}/files/{reply_file.pk}/"
    lookup(client, applied.tracking_code, PHONE[-4:])
    assert client.get(url).status_code == 404  # not replied yet
    Application.objects.filter(pk=applied.pk).update(
        state=State.REPLIED,
        reply_type="disclosed",
        legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    )
    html = lookup(client, applied.tracking_code, PHONE[-4:]).content.decode()
    assert "已答复" in html and "补助名单" in html and "第三十六条" in html
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 list"
    assert "no-store" in response["Cache-Control"]
    other = client.__class__()
    assert other.get(url).status_code == 404


# --- the guide and the county entry ------------------------------------------------------------


def test_the_guide_shows_the_receiving_office_and_an_accessible_flowchart(client, small_county):
    Unit.objects.filter(slug="pingyuan").update(
        address="盈江县平原镇允燕路1号",
        office_hours="工作日 8:30-12:00，14:30-18:00",
        postcode="679300",
        phone="0692-8888001",
        fax="0692-8888002",
        email="pingyuan-gk@example.gov.cn",
    )
    response = client.get("/zwgk/pingyuan/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    for detail in (
        "依申请公开受理机构",
        "盈江县平原镇允燕路1号",
        "工作日 8:30-12:00，14:30-18:00",
        "679300",
        "0692-8888001",
        "0692-8888002",
        "pingyuan-gk@example.gov.cn",
        'href="/zwgk/pingyuan/ysqgk/"',
    ):
        assert detail in html, detail
    assert '<svg class="foi-flow"' in html and 'role="img"' in html
    assert 'aria-labelledby="foi-flow-title foi-flow-desc"' in html
    assert '<title id="foi-flow-title">' in html and '<desc id="foi-flow-desc">' in html
    assert '<ol class="foi-procedure__steps">' in html and "7 个工作日内一次性告知补正" in html
    assert "foi/foi.css" in html
    assert "style=" not in html
    # Another column is left as it was.
    assert "依申请公开受理机构" not in client.get("/zwgk/pingyuan/rules/").content.decode()
    # The Dai copy of the guide links the Dai copy of the form.
    assert 'href="/tdd/zwgk/pingyuan/ysqgk/"' in client.get("/tdd/zwgk/pingyuan/guide/").content.decode()


def test_the_county_entry_links_every_units_form(client, small_county):
    assert CountyApplicationPage.objects.filter(locale=Locale.get_default()).count() == 1
    assert 'href="/zwgk/ysqgk/"' in client.get("/zwgk/").content.decode()
    assert 'href="/tdd/zwgk/ysqgk/"' in client.get("/tdd/zwgk/").content.decode()
    response = client.get("/zwgk/ysqgk/")
    assert response.status_code == 200
    html = response.content.decode()
    for slug, name in (
        ("xzfb", "盈江县人民政府办公室"),
        ("pingyuan", "平原镇"),
        ("scjg", "县市场监督管理局"),
    ):
        assert f'href="/zwgk/{slug}/ysqgk/"' in html and name in html
        assert f'<option value="{slug}">' in html
    assert html.index("盈江县人民政府办公室") < html.index("县市场监督管理局") < html.index("平原镇")
    picked = client.get("/zwgk/ysqgk/", {"unit": "scjg"})
    assert picked.status_code == 302 and picked["Location"] == "/zwgk/scjg/ysqgk/"
    assert client.get("/zwgk/ysqgk/", {"unit": "nowhere"}).status_code == 200
    assert 'href="/kac/zwgk/pingyuan/ysqgk/"' in client.get("/kac/zwgk/ysqgk/").content.decode()

    unit = Unit.objects.get(slug="scjg")
    unit.is_active = False
    unit.save()
    html = client.get("/zwgk/ysqgk/").content.decode()
    assert "/zwgk/scjg/ysqgk/" not in html and "/zwgk/pingyuan/ysqgk/" in html
    assert client.get("/zwgk/scjg/ysqgk/").status_code == 404


def test_provisioning_again_adds_no_second_form_or_entry(small_county, small_county_records):
    from wagtail.models import Page

    from sites.provisioning import provision_units

    pages = Page.objects.count()
    report = provision_units(small_county_records)
    assert report.changed == 0
    assert Page.objects.count() == pages
    assert CountyApplicationPage.objects.count() == 3  # one per language tree
    assert ApplicationPage.objects.count() == 9
