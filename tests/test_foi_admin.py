"""The 依申请公开 admin: staff registration, the handling page and its steps, the letters and files,
the register export and the dashboard, and that another unit's staff see none of it."""

from __future__ import annotations

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from disclosure.models import GovernmentDocumentPage
from foi import services
from foi.models import Application, Channel, NoticeKind, State
from foi.validators import resident_id_check_digit
from security.models import AuditAction, AuditEntry
from sites.models import Unit
from tests.test_participation import staff

pytestmark = pytest.mark.django_db


def resident_id(first_17: str = "53152319850317002") -> str:
    return first_17 + resident_id_check_digit(first_17)


def with_wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def registration(**overrides) -> dict:
    data = {
        "unit": Unit.objects.get(slug="pingyuan").pk,
        "channel": Channel.ORDINARY_LETTER,
        "received_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "applicant_kind": "citizen",
        "organisation_kind": "",
        "name": "李文华",
        "legal_representative": "",
        "contact_person": "",
        "id_kind": "resident_id",
        "id_number": resident_id(),
        "phone": "13800000001",
        "email": "",
        "address": "盈江县平原镇勐展路 8 号",
        "postcode": "679300",
        "description": "请公开平原镇2025年农村道路修缮项目的预算和验收报告。",
        "document_title": "平原镇2025年农村道路修缮项目预算",
        "document_number": "平政发〔2025〕12号",
        "index_number": "",
        "purpose": "",
        "delivery_method": "post",
        "carrier": "paper",
    }
    data.update(overrides)
    return data


def register(client, **overrides):
    return client.post("/admin/foi/new/", registration(**overrides))


def act(client, application, action: str, **fields):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(f"/admin/foi/{application.pk}/{action}/", data)


def page_text(response) -> str:
    return response.content.decode()


def new_application(unit: str = "pingyuan", name: str = "李文华", user=None, **fields) -> Application:
    """An application registered through the service, as the registration view does."""
    data = registration(unit=Unit.objects.get(slug=unit).pk, name=name, **fields)
    data["unit_id"] = data.pop("unit")
    data["received_on"] = timezone.localdate() - timedelta(days=1)
    return services.submit_application(
        services.ApplicantInput(**data), user=user or staff(f"registrar-{unit}-{name}", unit)
    )


def test_editor_registers_a_letter_application(client, small_county):
    editor = staff("py_editor", "pingyuan")
    client.force_login(editor)
    form = client.get("/admin/foi/new/")
    assert "以本机关与申请人确认之日为收到申请之日" in page_text(form)  # the Art. 31 rule per channel
    response = register(client, id_copy=SimpleUploadedFile("id.pdf", b"%PDF-1.4 id", "application/pdf"))
    application = Application.objects.get(name="李文华")
    assert response.status_code == 302 and response.url == f"/admin/foi/{application.pk}/"
    assert (application.channel, application.registered_by, application.unit.slug) == (
        Channel.ORDINARY_LETTER,
        editor,
        "pingyuan",
    )
    assert application.state == State.RECEIVED and application.id_copy
    assert application.notices.filter(kind=NoticeKind.RECEIPT).exists()
    handling = client.get(response.url)
    assert application.tracking_code in page_text(handling)
    assert AuditEntry.objects.filter(
        action=AuditAction.PERSONAL_DATA_VIEWED, user=editor, target=str(application)
    ).exists()
    id_copy = client.get(f"/admin/foi/{application.pk}/id-copy/")
    assert b"".join(id_copy.streaming_content) == b"%PDF-1.4 id"


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"received_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "received_on",
            "收到申请日期不能晚于今天",
        ),
        ({"id_number": with_wrong_check_digit(resident_id())}, "id_number", "校验"),
        ({"description": "  "}, "description", "内容描述"),
        ({"channel": Channel.ONLINE}, "channel", ""),
        (
            {"id_copy": SimpleUploadedFile("id.exe", b"MZ", "application/octet-stream")},
            "id_copy",
            "身份证明复印件只能上传",
        ),
    ],
)
def test_registration_refuses_bad_input_and_keeps_what_was_typed(
    client, small_county, overrides, field, message
):
    client.force_login(staff("py_editor", "pingyuan"))
    response = register(client, name="王晓梅", address="平原镇勐展路 99 号", **overrides)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    text = page_text(response)
    assert "王晓梅" in text and "平原镇勐展路 99 号" in text
    assert not Application.objects.filter(name="王晓梅").exists()


def test_registration_takes_only_the_users_own_units(client, small_county):
    scjg = Unit.objects.get(slug="scjg")
    client.force_login(staff("py_editor", "pingyuan"))
    response = register(client, unit=scjg.pk, name="赵一")
    assert "unit" in response.context["form"].errors
    assert not Application.objects.filter(name="赵一").exists()
    client.force_login(staff("county", None))
    assert register(client, unit=scjg.pk, name="赵一").status_code == 302
    assert Application.objects.get(name="赵一").unit == scjg


def test_a_letter_application_is_handled_reviewed_and_replied(client, small_county):
    editor = staff("py_editor", "pingyuan")
    reviewer = staff("py_reviewer", "pingyuan", role="reviewer")
    client.force_login(editor)
    register(client)
    application = Application.objects.get(name="李文华")
    today = timezone.localdate().isoformat()

    act(client, application, "request_correction", items="请写明验收报告的年份。", working_days="15")
    application.refresh_from_db()
    assert application.state == State.CORRECTION
    assert application.notices.filter(kind=NoticeKind.CORRECTION).exists()

    act(client, application, "record_correction", on=today, note="来电补正：2025年度。")
    act(client, application, "accept")
    application.refresh_from_db()
    assert application.state == State.IN_PROGRESS
    due = application.due_on

    act(client, application, "extend", working_days="10", approver="杨主任", reason="需调取档案")
    application.refresh_from_db()
    assert application.extension_days == 10 and application.due_on > due
    page = client.get(f"/admin/foi/{application.pk}/")
    assert 'id="action-extend"' not in page_text(page)  # no second extension offered
    second = act(client, application, "extend", working_days="5", approver="杨主任", reason="再延")
    assert second.status_code == 200 and "不能再次延期" in page_text(second)
    assert "再延" in page_text(second)  # what was typed is kept
    application.refresh_from_db()
    assert application.extension_days == 10

    reply_file = SimpleUploadedFile("预算.pdf", b"%PDF-1.4 budget", "application/pdf")
    client.post(
        f"/admin/foi/{application.pk}/draft_reply/",
        {
            "draft_reply-reply_type": "disclosed",
            "draft_reply-legal_basis": "",
            "draft_reply-files": reply_file,
        },
    )
    application.refresh_from_db()
    assert application.state == State.REVIEW
    assert application.legal_basis == "《中华人民共和国政府信息公开条例》第三十六条第（二）项"
    [attached] = application.reply_files.all()

    page = client.get(f"/admin/foi/{application.pk}/")
    assert 'id="action-approve_reply"' not in page_text(page)
    refused = act(client, application, "approve_reply")
    assert refused.status_code == 200 and "保密审查" in page_text(refused)
    application.refresh_from_db()
    assert application.state == State.REVIEW

    client.force_login(reviewer)
    act(client, application, "approve_reply")
    application.refresh_from_db()
    assert application.state == State.REPLIED and application.approved_by == reviewer
    reply = application.notices.get(kind=NoticeKind.REPLY)
    docx = client.get(f"/admin/foi/{application.pk}/notices/{reply.pk}/docx/")
    pdf = client.get(f"/admin/foi/{application.pk}/notices/{reply.pk}/pdf/")
    assert docx.status_code == 200 and response_bytes(docx).startswith(b"PK")
    assert pdf.status_code == 200 and response_bytes(pdf).startswith(b"%PDF")
    downloaded = client.get(f"/admin/foi/{application.pk}/files/{attached.pk}/")
    assert b"".join(downloaded.streaming_content) == b"%PDF-1.4 budget"

    other = new_application(name="另一申请人", document_number="平政发〔2025〕12号")
    page = client.get(f"/admin/foi/{application.pk}/")
    assert "另有 1 件申请要求公开相同文号或名称的信息" in page_text(page) and other.pk
    proposed = client.post(f"/admin/foi/{application.pk}/propose_for_disclosure/", follow=True)
    [draft] = GovernmentDocumentPage.objects.filter(title="平原镇2025年农村道路修缮项目预算")
    assert not draft.live and f"/admin/pages/{draft.pk}/edit/" in page_text(proposed)


def response_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_drafter_cannot_approve_their_own_reply(client, small_county):
    drafter = staff("py_reviewer_a", "pingyuan", role="reviewer")
    application = new_application(user=drafter)
    services.accept(application, user=drafter)
    client.force_login(drafter)
    act(
        client,
        application,
        "draft_reply",
        reply_type="disclosed",
        already_public_at="http://www.yingjiang.gov.cn/x",
    )
    application.refresh_from_db()
    assert application.state == State.REVIEW
    refused = act(client, application, "approve_reply")
    assert "不能审查自己起草的答复" in page_text(refused)
    application.refresh_from_db()
    assert application.state == State.REVIEW
    client.force_login(staff("py_reviewer_b", "pingyuan", role="reviewer"))
    act(client, application, "approve_reply")
    application.refresh_from_db()
    assert application.state == State.REPLIED


def test_a_transition_the_state_does_not_allow_is_refused_when_posted_directly(client, small_county):
    application = new_application()
    client.force_login(staff("py_editor", "pingyuan"))
    for action, fields in [
        ("record_correction", {"on": timezone.localdate().isoformat()}),
        ("record_payment", {"on": timezone.localdate().isoformat()}),
        ("end_consultation", {}),
        ("archive", {}),
    ]:
        response = act(client, application, action, **fields)
        assert response.status_code == 200 and "该申请当前为“已接收，待审查”" in page_text(response), action
        application.refresh_from_db()
        assert application.state == State.RECEIVED
    assert client.post(f"/admin/foi/{application.pk}/no_such_step/").status_code == 404


def test_a_reply_needs_a_type_and_a_withholding_a_reason(client, small_county):
    application = new_application()
    editor = staff("py_editor", "pingyuan")
    services.accept(application, user=editor)
    client.force_login(editor)
    missing = act(client, application, "draft_reply", reply_type="", reason="")
    assert "请填写答复类型" in page_text(missing)
    no_reason = act(client, application, "draft_reply", reply_type="withheld_third_party", reason="")
    assert re.search("保护第三方合法权益”须(说明|写明)理由", page_text(no_reason))
    application.refresh_from_db()
    assert application.state == State.IN_PROGRESS and not application.reply_type


def test_another_units_staff_get_404_everywhere(client, small_county):
    application = new_application(name="保密的申请人")
    editor = staff("py_editor", "pingyuan")
    services.accept(application, user=editor)
    services.draft_reply(
        application,
        user=editor,
        reply_type="not_held",
        files=[("附件", SimpleUploadedFile("a.pdf", b"%PDF-1.4 a", "application/pdf"))],
    )
    application.refresh_from_db()
    notice = application.notices.first()
    client.force_login(staff("scjg_editor", "scjg"))
    listing = client.get("/admin/foi/")
    assert listing.status_code == 200 and "保密的申请人" not in page_text(listing)
    assert "保密的申请人" not in page_text(client.get("/admin/foi/", {"q": application.tracking_code}))
    pk = application.pk
    urls = [
        f"/admin/foi/{pk}/",
        f"/admin/foi/history/{pk}/",
        f"/admin/foi/usage/{pk}/",
        f"/admin/foi/{pk}/notices/{notice.pk}/docx/",
        f"/admin/foi/{pk}/notices/{notice.pk}/pdf/",
        f"/admin/foi/{pk}/files/{application.reply_files.get().pk}/",
        f"/admin/foi/{pk}/id-copy/",
    ]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)
    actions = [
        "request_correction",
        "record_correction",
        "accept",
        "start_consultation",
        "end_consultation",
        "extend",
        "notify_fee",
        "record_payment",
        "transfer",
        "draft_reply",
        "approve_reply",
        "reject_reply",
        "archive",
        "propose_for_disclosure",
    ]
    statuses = {action: client.post(f"/admin/foi/{pk}/{action}/").status_code for action in actions}
    assert statuses == dict.fromkeys(actions, 404)
    export = client.get("/admin/foi/export/")
    assert "保密的申请人" not in [
        cell for row in load_workbook(BytesIO(response_bytes(export))).active.values for cell in row
    ]


def test_the_list_masks_id_numbers_and_flags_due_dates(client, small_county):
    application = new_application(name="到期的申请人")
    Application.objects.filter(pk=application.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    client.force_login(staff("py_editor", "pingyuan"))
    listing = page_text(client.get("/admin/foi/"))
    assert application.masked_id_number in listing and application.id_number not in listing
    assert "foi-due--overdue" in listing
    assert f'href="/admin/foi/{application.pk}/"' in listing  # to the handling page
    assert "到期的申请人" in page_text(client.get("/admin/foi/", {"due": "overdue"}))
    assert "到期的申请人" not in page_text(client.get("/admin/foi/", {"state": State.REPLIED}))
    assert "到期的申请人" in page_text(client.get("/admin/foi/", {"q": application.tracking_code}))
    assert "到期的申请人" not in page_text(client.get("/admin/foi/", {"q": "F-NONE-0000"}))


def test_the_export_writes_a_formula_like_name_as_text(client, small_county):
    name = '=HYPERLINK("http://example.com","点此")'
    new_application(name=name)
    user = staff("py_editor", "pingyuan")
    client.force_login(user)
    response = client.get("/admin/foi/export/")
    sheet = load_workbook(BytesIO(response_bytes(response))).active
    header = [cell.value for cell in sheet[2]]
    cell = sheet.cell(row=3, column=header.index("姓名或名称") + 1)
    assert (cell.value, cell.data_type) == (name, "s")
    assert AuditEntry.objects.filter(action=AuditAction.PERSONAL_DATA_EXPORTED, user=user).exists()


def test_the_dashboard_shows_due_and_overdue_applications(client, small_county):
    overdue = new_application(name="逾期甲")
    soon = new_application(name="将到期乙")
    Application.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    Application.objects.filter(pk=soon.pk).update(due_on=timezone.localdate() + timedelta(days=1))
    client.force_login(staff("py_editor", "pingyuan"))
    dashboard = page_text(client.get("/admin/"))
    assert overdue.register_number in dashboard and soon.register_number in dashboard
    client.force_login(staff("county", None))
    dashboard = page_text(client.get("/admin/"))
    assert "逾期未答复（全县）" in dashboard and f"/admin/foi/{overdue.pk}/" in dashboard
    assert f"/admin/foi/{soon.pk}/" not in dashboard
    client.force_login(staff("scjg_editor", "scjg"))
    assert f"/admin/foi/{overdue.pk}/" not in page_text(client.get("/admin/"))
