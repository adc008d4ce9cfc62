"""依申请公开: every step of an application, its clocks on the working-day calendar, fees,
numbering, the applicant's look-up, reminders and the end of abandoned applications."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from disclosure.models import ColumnKind, ColumnPage, GovernmentDocumentPage
from foi import fees, services
from foi.models import Application, Channel, DeliveryMethod, EventKind, FeeMethod, IdKind, NoticeKind, State
from foi.replies import ReplyType
from foi.services import ApplicantInput, TransitionRefused
from foi.validators import resident_id_check_digit, validate_applicant_id, validate_resident_id
from sites.models import COUNTY_ADMINS_GROUP, Unit
from workdays.models import CalendarSource, CalendarYear, DayKind, SpecialDay
from workdays.services import add_working_days, clear_cache

ID_NUMBER = "53312219850312001X"
PHONE = "13988887777"
EMAIL = "applicant@example.net"
# Monday 2026-11-02: no holiday within the next 20 working days (due Monday 2026-11-30).
MONDAY = date(2026, 11, 2)


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    clear_cache()
    yield
    clear_cache()


def make_user(username: str, *groups: Group, email: str = ""):
    user = get_user_model().objects.create_user(username, password="x", email=email)
    user.groups.add(*groups)
    return user


@pytest.fixture
def units(small_county):
    return Unit.objects.get(slug="pingyuan"), Unit.objects.get(slug="scjg")


@pytest.fixture
def staff(units):
    pingyuan, scjg = units
    return {
        "editor": make_user("py-editor", pingyuan.editors_group, email="editor@pingyuan.example"),
        "reviewer": make_user("py-reviewer", pingyuan.reviewers_group, email="reviewer@pingyuan.example"),
        "reviewer2": make_user("py-reviewer2", pingyuan.reviewers_group),
        "other_reviewer": make_user("scjg-reviewer", scjg.reviewers_group),
        "county": make_user(
            "county", Group.objects.get(name=COUNTY_ADMINS_GROUP), email="county@example.gov"
        ),
        "nobody": make_user("nobody"),
    }


def applicant(unit: Unit, **overrides) -> ApplicantInput:
    fields = dict(
        unit_id=unit.pk,
        applicant_kind="citizen",
        organisation_kind="",
        name="李四",
        legal_representative="",
        contact_person="",
        id_kind=IdKind.RESIDENT_ID,
        id_number=ID_NUMBER,
        phone=PHONE,
        email=EMAIL,
        address="盈江县平原镇XX路1号",
        postcode="679300",
        description="2026年平原镇农村危房改造补助名单\n含补助标准",
        document_title="",
        document_number="",
        index_number="",
        purpose="",
        delivery_method="email",
        carrier="electronic",
        channel=Channel.ONLINE,
    )
    fields.update(overrides)
    return ApplicantInput(**fields)


def submit(unit: Unit, today: date = MONDAY, **overrides) -> Application:
    return services.submit_application(applicant(unit, **overrides), today=today)


def refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- validators and fees ---------------------------------------------------------------------


def test_resident_id_check_digit_per_gb_11643():
    # The standard's own example: 11010519491231002X.
    assert resident_id_check_digit("11010519491231002") == "X"
    validate_resident_id("11010519491231002x")  # lower-case x is accepted
    validate_resident_id("533122199001014561")


@pytest.mark.parametrize(
    "number, expected",
    [
        ("533122199001014562", "第 18 位应为 1，实际为 2"),
        ("5331221990010145", "应为 18 位，当前为 16 位"),
        ("53312219901301456X", "出生日期"),
        ("53312221000101456X", "晚于今天"),
        ("5331221990A101456X", "前 17 位应为数字"),
    ],
)
def test_bad_resident_ids_say_what_is_wrong(number, expected):
    with pytest.raises(ValidationError) as error:
        validate_resident_id(number)
    assert expected in refusal_text(error.value)


def test_applicant_id_by_kind():
    with pytest.raises(ValidationError, match="统一社会信用代码校验位错误"):
        validate_applicant_id(IdKind.CREDIT_CODE, "91530000MA6K00000A")
    validate_applicant_id(IdKind.PASSPORT, "E12345678")
    with pytest.raises(ValidationError, match="请填写证件号码"):
        validate_applicant_id(IdKind.PASSPORT, "  ")


@pytest.mark.parametrize(
    "ordinal, yuan",
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (35, 200), (40, 200), (41, 300), (51, 400)],
)
def test_fee_per_application_109(ordinal, yuan):
    assert fees.fee_per_application(ordinal) == Decimal(yuan)


@pytest.mark.parametrize(
    "pages, yuan",
    [
        (30, 0),
        (31, 10),
        (100, 700),
        (120, 70 * 10 + 20 * 20),
        (200, 2700),
        (201, 2700 + 40),
        (250, 2700 + 50 * 40),
    ],
)
def test_fee_per_page_109(pages, yuan):
    assert fees.fee_per_page(pages) == Decimal(yuan)


# --- receipt ---------------------------------------------------------------------------------


def test_online_application_is_registered_numbered_and_receipted(
    units, staff, django_capture_on_commit_callbacks
):
    pingyuan, _ = units
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(pingyuan)
    assert application.state == State.RECEIVED
    assert application.received_on == MONDAY and application.clock_start == MONDAY
    assert application.due_on == date(2026, 11, 30)
    assert application.tracking_code.startswith("F-")
    assert (application.year, application.sequence) == (2026, 1)
    assert application.events.get().kind == EventKind.RECEIVED
    receipt = application.notices.get()
    assert receipt.kind == NoticeKind.RECEIPT and receipt.sequence == 1
    [receipt_mail] = mail.outbox
    assert application.tracking_code in receipt_mail.subject
    assert receipt_mail.to == [EMAIL]
    assert ID_NUMBER not in receipt_mail.body and "2026年11月30日" in receipt_mail.body


def test_register_numbers_run_per_unit_and_year(units):
    pingyuan, scjg = units
    first = submit(pingyuan, today=date(2025, 12, 30))
    second = submit(pingyuan)
    third = submit(pingyuan)
    other = submit(scjg)
    assert [(a.year, a.sequence) for a in (first, second, third, other)] == [
        (2025, 1),
        (2026, 1),
        (2026, 2),
        (2026, 1),
    ]
    assert third.register_number == "依申请〔2026〕2号"
    assert len({a.tracking_code for a in (first, second, third, other)}) == 4


def test_staff_registration_needs_a_past_receipt_date_and_a_channel(units, staff):
    pingyuan, _ = units
    future = applicant(pingyuan, channel=Channel.SIGNED_MAIL, received_on=date(2026, 11, 3))
    with pytest.raises(TransitionRefused) as error:
        services.submit_application(future, user=staff["editor"], today=MONDAY)
    assert "收到申请日期不能晚于今天" in error.value.message_dict["received_on"][0]
    online = applicant(pingyuan, channel=Channel.ONLINE, received_on=MONDAY)
    with pytest.raises(TransitionRefused) as error:
        services.submit_application(online, user=staff["editor"], today=MONDAY)
    assert "channel" in error.value.message_dict
    assert not Application.objects.exists()

    letter = applicant(pingyuan, channel=Channel.SIGNED_MAIL, received_on=date(2026, 10, 30))
    application = services.submit_application(letter, user=staff["editor"], today=MONDAY)
    assert application.received_on == date(2026, 10, 30) and application.registered_by == staff["editor"]
    with pytest.raises(PermissionDenied):
        services.submit_application(letter, user=staff["other_reviewer"], today=MONDAY)


def test_submission_refuses_bad_input_by_field(units):
    pingyuan, _ = units
    with pytest.raises(TransitionRefused) as error:
        submit(pingyuan, id_number="533122199001014562", description="  ")
    assert "第 18 位应为 1" in error.value.message_dict["id_number"][0]
    assert "description" in error.value.message_dict
    assert not Application.objects.exists()


def test_applicant_finds_the_application_by_code_and_last_four(units):
    pingyuan, _ = units
    application = submit(pingyuan)
    code = application.tracking_code
    assert services.find_for_applicant(code, "001X") == application
    assert services.find_for_applicant(code.lower().replace("-", " "), "001x") == application
    assert services.find_for_applicant(code, "7777") == application
    assert services.find_for_applicant(code, "1234") is None
    assert services.find_for_applicant(code, "") is None
    assert services.find_for_applicant("F-XXXX-XXXX", "7777") is None


# --- permissions -----------------------------------------------------------------------------


def test_allowed_actions_follow_unit_and_role(units, staff):
    pingyuan, _ = units
    application = submit(pingyuan)
    expected = ["request_correction", "accept", "transfer", "draft_reply"]
    assert services.allowed_actions(application, staff["editor"], today=MONDAY) == expected
    assert services.allowed_actions(application, staff["county"], today=MONDAY) == expected
    assert services.allowed_actions(application, staff["other_reviewer"], today=MONDAY) == []
    assert services.allowed_actions(application, staff["nobody"], today=MONDAY) == []
    # Seven working days after receipt, no correction can be asked for any more.
    assert services.allowed_actions(application, staff["editor"], today=date(2026, 11, 12)) == expected[1:]
    with pytest.raises(PermissionDenied):
        services.accept(application, user=staff["other_reviewer"])
    assert list(services.applications_for_user(staff["other_reviewer"])) == []
    assert list(services.applications_for_user(staff["editor"])) == [application]
    assert list(services.applications_for_user(staff["county"])) == [application]


# --- correction (Art. 30) --------------------------------------------------------------------


def test_correction_pauses_and_restarts_the_clock(units, staff, django_capture_on_commit_callbacks):
    pingyuan, _ = units
    application = submit(pingyuan)
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.request_correction(
            application, user=staff["editor"], items="请写明危房改造的年度和村组。", on=date(2026, 11, 4)
        )
    assert application.state == State.CORRECTION
    assert notice.kind == NoticeKind.CORRECTION and notice.due_on == date(2026, 11, 25)
    assert "请写明危房改造的年度和村组" in mail.outbox[-1].body
    assert application.tracking_code in mail.outbox[-1].subject
    assert services.allowed_actions(application, staff["editor"], today=MONDAY) == ["record_correction"]

    services.record_correction(application, user=staff["editor"], on=date(2026, 11, 10))
    assert application.state == State.RECEIVED
    assert application.clock_start == date(2026, 11, 10)
    # 20 working days after Tuesday 11-10: Tuesday 12-08.
    assert application.due_on == date(2026, 12, 8)
    assert "request_correction" not in services.allowed_actions(application, staff["editor"], today=MONDAY)
    with pytest.raises(TransitionRefused, match="补正只能告知一次"):
        services.request_correction(
            application, user=staff["editor"], items="再补一次", on=date(2026, 11, 11)
        )
    explanation = services.reply_deadline(application).explanation()
    assert any("补正" in line for line in explanation)
    assert explanation[-1] == "截止日：2026年12月8日（星期二），即第 20 个工作日。"


def test_correction_notice_only_within_seven_working_days(units, staff):
    pingyuan, _ = units
    application = submit(pingyuan)
    assert services.correction_notice_deadline(application).due == date(2026, 11, 11)
    with pytest.raises(TransitionRefused, match="7 个工作日内"):
        services.request_correction(
            application, user=staff["editor"], items="补正事项", on=date(2026, 11, 12)
        )
    assert application.notices.filter(kind=NoticeKind.CORRECTION).count() == 0
    services.request_correction(application, user=staff["editor"], items="补正事项", on=date(2026, 11, 11))


def test_uncorrected_application_ends_at_its_deadline(units, staff):
    pingyuan, _ = units
    application = submit(pingyuan)
    services.request_correction(
        application, user=staff["editor"], items="补正事项", working_days=5, on=MONDAY
    )
    assert application.pause_due_on == date(2026, 11, 9)
    assert services.close_expired(today=date(2026, 11, 9)) == 0
    assert services.close_expired(today=date(2026, 11, 10)) == 1
    application.refresh_from_db()
    assert application.state == State.REPLIED and application.reply_type == ReplyType.NOT_CORRECTED
    assert application.notices.filter(kind=NoticeKind.REPLY).count() == 1
    assert services.close_expired(today=date(2026, 11, 11)) == 0
    with pytest.raises(TransitionRefused, match="已答复"):
        services.record_correction(application, user=staff["editor"], on=date(2026, 11, 10))


# --- handling: consultation, extension, fees, transfer ---------------------------------------


@pytest.fixture
def in_progress(units, staff):
    application = submit(units[0])
    services.accept(application, user=staff["editor"], on=MONDAY)
    assert application.state == State.IN_PROGRESS
    return application


def test_consultation_stops_the_clock(in_progress, staff):
    application = in_progress
    notice = services.start_consultation(
        application, user=staff["editor"], addressee="盈江县某某建筑公司", on=date(2026, 11, 4)
    )
    assert application.state == State.CONSULTATION
    assert notice.kind == NoticeKind.THIRD_PARTY and notice.addressee == "盈江县某某建筑公司"
    assert notice.due_on == date(2026, 11, 25)  # 15 working days
    assert services.allowed_actions(application, staff["editor"], today=MONDAY) == ["end_consultation"]
    with pytest.raises(TransitionRefused, match="征求第三方或其他机关意见中"):
        services.draft_reply(application, user=staff["editor"], reply_type=ReplyType.NOT_HELD)

    services.end_consultation(
        application, user=staff["editor"], on=date(2026, 11, 11), note="第三方同意公开。"
    )
    assert application.state == State.IN_PROGRESS
    assert application.paused_working_days == 5
    # 20 + 5 working days after Monday 11-02.
    assert application.due_on == date(2026, 12, 7)
    assert "不计入期限的时间共 5 个工作日" in " ".join(services.reply_deadline(application).explanation())
    assert services.reply_deadline(application).due == application.due_on
    event = application.events.get(kind=EventKind.CONSULTATION_ENDED)
    assert event.due_on == date(2026, 12, 7) and "5 个工作日" in event.note


def test_consultation_refusals(in_progress, staff):
    with pytest.raises(TransitionRefused) as error:
        services.start_consultation(in_progress, user=staff["editor"], addressee="")
    assert "addressee" in error.value.message_dict
    with pytest.raises(TransitionRefused):
        services.start_consultation(in_progress, user=staff["editor"], addressee="某公司", working_days=16)


def test_one_extension_of_at_most_twenty_working_days(in_progress, staff, django_capture_on_commit_callbacks):
    application = in_progress
    with pytest.raises(TransitionRefused) as error:
        services.extend(
            application, user=staff["editor"], working_days=21, approver="张主任", reason="数量较大"
        )
    assert "最长不超过 20 个工作日" in error.value.message_dict["working_days"][0]
    with pytest.raises(TransitionRefused) as error:
        services.extend(application, user=staff["editor"], working_days=10, approver="", reason="")
    assert set(error.value.message_dict) == {"approver", "reason"}
    assert application.extension_days == 0

    with django_capture_on_commit_callbacks(execute=True):
        notice = services.extend(
            application,
            user=staff["editor"],
            working_days=20,
            approver="张主任",
            reason="需要检索的档案较多",
            on=date(2026, 11, 20),
        )
    assert application.due_on == date(2026, 12, 28)
    assert notice.kind == NoticeKind.EXTENSION and notice.due_on == date(2026, 12, 28)
    assert "2026年12月28日" in mail.outbox[-1].body and application.tracking_code in mail.outbox[-1].subject
    deadline = services.reply_deadline(application)
    assert deadline.due == date(2026, 12, 28) and deadline.working_days == 40
    assert "经批准延长 20 个工作日" in deadline.explanation()[1]
    assert "张主任" in application.events.get(kind=EventKind.EXTENDED).note
    assert "extend" not in services.allowed_actions(application, staff["editor"])
    with pytest.raises(TransitionRefused, match="不能再次延期"):
        services.extend(application, user=staff["editor"], working_days=1, approver="张主任", reason="再延")


def test_fee_notice_stops_the_clock_until_payment(in_progress, staff, django_capture_on_commit_callbacks):
    application = in_progress
    with pytest.raises(TransitionRefused) as error:
        services.notify_fee(application, user=staff["editor"], method=FeeMethod.PER_PAGE, pages=30)
    assert "0 元" in error.value.message_dict["method"][0]
    with pytest.raises(TransitionRefused) as error:
        services.notify_fee(
            application, user=staff["editor"], method=FeeMethod.PER_PAGE, pages=120, working_days=19
        )
    assert "不得少于 20 个工作日" in error.value.message_dict["working_days"][0]

    with django_capture_on_commit_callbacks(execute=True):
        notice = services.notify_fee(
            application, user=staff["editor"], method=FeeMethod.PER_PAGE, pages=120, on=date(2026, 11, 4)
        )
    assert application.state == State.FEE_NOTICE and application.fee_amount == Decimal("1100")
    assert notice.kind == NoticeKind.FEE and notice.due_on == date(2026, 12, 2)
    assert "1100" in notice.details and "1100" in mail.outbox[-1].body
    services.record_payment(application, user=staff["editor"], on=date(2026, 11, 6))
    assert application.state == State.IN_PROGRESS and application.fee_paid_on == date(2026, 11, 6)
    assert application.paused_working_days == 2
    assert application.due_on == date(2026, 12, 2)


def test_eleventh_application_in_a_month_costs_100_yuan(units, staff):
    pingyuan, _ = units
    for _ in range(10):
        submit(pingyuan)
    submit(units[1])  # another unit's does not count for this one's fee
    eleventh = submit(pingyuan)
    assert fees.ordinal_in_month(eleventh) == 11
    services.accept(eleventh, user=staff["editor"], on=MONDAY)
    services.notify_fee(eleventh, user=staff["editor"], method=FeeMethod.PER_APPLICATION, on=MONDAY)
    assert eleventh.fee_amount == Decimal("100")
    next_month = submit(pingyuan, today=date(2026, 12, 1))
    assert fees.ordinal_in_month(next_month) == 1


def test_unpaid_fee_ends_the_application(in_progress, staff):
    services.notify_fee(in_progress, user=staff["editor"], method=FeeMethod.PER_PAGE, pages=31, on=MONDAY)
    due = in_progress.pause_due_on
    assert services.close_expired(today=due) == 0
    assert services.close_expired(today=add_working_days(due, 1).due) == 1
    in_progress.refresh_from_db()
    assert in_progress.state == State.REPLIED and in_progress.reply_type == ReplyType.NOT_PAID


def test_transfer_to_another_unit_keeps_the_code(in_progress, units, staff):
    pingyuan, scjg = units
    submit(scjg)  # scjg's own 2026 第 1 件
    code = in_progress.tracking_code
    with pytest.raises(TransitionRefused) as error:
        services.transfer(in_progress, user=staff["editor"], to_unit=scjg, reason=" ")
    assert "reason" in error.value.message_dict
    with pytest.raises(TransitionRefused):
        services.transfer(in_progress, user=staff["editor"], to_unit=pingyuan, reason="本单位")
    services.transfer(in_progress, user=staff["editor"], to_unit=scjg, reason="属于市场监管职责")
    assert in_progress.unit == scjg and in_progress.tracking_code == code
    assert (in_progress.year, in_progress.sequence) == (2026, 2)
    event = in_progress.events.get(kind=EventKind.TRANSFERRED)
    assert (event.from_unit, event.to_unit) == (pingyuan, scjg) and "依申请〔2026〕1号" in event.note
    assert services.allowed_actions(in_progress, staff["editor"]) == []
    assert "draft_reply" in services.allowed_actions(in_progress, staff["other_reviewer"])


# --- replies and 保密审查 ----------------------------------------------------------------------


def test_reply_needs_a_type_and_a_reason_where_the_row_requires_one(in_progress, staff):
    with pytest.raises(TransitionRefused) as error:
        services.draft_reply(in_progress, user=staff["editor"], reply_type="")
    assert "请选择答复类型" in error.value.message_dict["reply_type"][0]
    with pytest.raises(TransitionRefused) as error:
        services.draft_reply(in_progress, user=staff["editor"], reply_type=ReplyType.WITHHELD_THIRD_PARTY)
    assert "须写明理由" in error.value.message_dict["reason"][0]
    with pytest.raises(TransitionRefused) as error:
        services.draft_reply(in_progress, user=staff["editor"], reply_type=ReplyType.DISCLOSED)
    assert "files" in error.value.message_dict
    with pytest.raises(TransitionRefused) as error:
        services.draft_reply(
            in_progress, user=staff["editor"], reply_type=ReplyType.NOT_HELD, already_public_at="http://x"
        )
    assert "already_public_at" in error.value.message_dict
    in_progress.refresh_from_db()
    assert in_progress.state == State.IN_PROGRESS and in_progress.reply_type == ""


def test_non_disclosing_reply_goes_out_at_once_with_the_default_basis(
    in_progress, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.draft_reply(
            in_progress, user=staff["editor"], reply_type=ReplyType.NOT_HELD, on=date(2026, 11, 20)
        )
    assert notice.kind == NoticeKind.REPLY and notice.issued_on == date(2026, 11, 20)
    assert in_progress.state == State.REPLIED and in_progress.replied_on == date(2026, 11, 20)
    assert in_progress.legal_basis == "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项"
    assert "本机关不掌握" in mail.outbox[-1].body and in_progress.tracking_code in mail.outbox[-1].subject
    assert ID_NUMBER not in mail.outbox[-1].body
    with pytest.raises(TransitionRefused) as error:
        services.extend(in_progress, user=staff["editor"], working_days=5, approver="张主任", reason="延期")
    assert error.value.messages == ["该申请当前为“已答复”，不能延期。"]
    services.archive(in_progress, user=staff["editor"])
    assert in_progress.state == State.ARCHIVED
    assert services.allowed_actions(in_progress, staff["editor"]) == []


def test_petition_is_redirected_straight_from_receipt(units, staff):
    application = submit(units[0])
    services.draft_reply(application, user=staff["editor"], reply_type=ReplyType.PETITION, on=MONDAY)
    assert application.state == State.REPLIED and application.reply_type == ReplyType.PETITION


def test_disclosure_is_reviewed_by_another_reviewer_of_the_unit(
    in_progress, staff, django_capture_on_commit_callbacks
):
    application = in_progress
    result = services.draft_reply(
        application,
        user=staff["reviewer"],
        reply_type=ReplyType.DISCLOSED,
        files=[("补助名单", ContentFile(b"%PDF-1.4 list", name="list.pdf"))],
        on=date(2026, 11, 20),
    )
    assert result is None and application.state == State.REVIEW
    assert application.reply_files.get().title == "补助名单"
    assert not application.notices.filter(kind=NoticeKind.REPLY).exists()

    for who, message in (
        ("reviewer", "不能审查自己起草的答复"),
        ("editor", "审核人员"),
        ("other_reviewer", "不是该申请办理单位"),
    ):
        assert "approve_reply" not in services.allowed_actions(application, staff[who])
        with pytest.raises(PermissionDenied, match=message):
            services.approve_reply(application, user=staff[who])
    assert application.state == State.REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        notice = services.approve_reply(application, user=staff["reviewer2"], on=date(2026, 11, 23))
    assert application.state == State.REPLIED and application.approved_by == staff["reviewer2"]
    assert notice.kind == NoticeKind.REPLY and "予以公开" in mail.outbox[-1].body
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds[-3:] == [EventKind.SUBMITTED_FOR_REVIEW, EventKind.REVIEW_APPROVED, EventKind.REPLIED]


def test_rejected_reply_goes_back_with_a_note(in_progress, staff):
    in_progress.delivery_method = DeliveryMethod.ON_SITE
    in_progress.save()
    services.draft_reply(
        in_progress, user=staff["editor"], reply_type=ReplyType.PARTLY_DISCLOSED, reason="含个人信息"
    )
    assert in_progress.state == State.REVIEW
    with pytest.raises(TransitionRefused) as error:
        services.reject_reply(in_progress, user=staff["county"], note="")
    assert "note" in error.value.message_dict
    services.reject_reply(in_progress, user=staff["county"], note="身份证号码未遮盖")
    assert in_progress.state == State.IN_PROGRESS
    assert in_progress.events.get(kind=EventKind.REVIEW_REJECTED).note == "身份证号码未遮盖"


def test_disclosed_information_is_proposed_as_a_draft_in_the_statutory_column(units, staff):
    pingyuan, _ = units
    application = submit(pingyuan, document_title="平原镇2026年农村危房改造补助名单")
    other = submit(
        pingyuan, document_title="平原镇2026年农村危房改造补助名单", id_number="533122199001014561"
    )
    assert list(services.similar_applications(application)) == [other]
    services.draft_reply(
        application,
        user=staff["editor"],
        reply_type=ReplyType.DISCLOSED,
        already_public_at="http://example/x",
    )
    with pytest.raises(TransitionRefused, match="保密审查中"):
        services.propose_for_disclosure(application, user=staff["editor"])
    services.approve_reply(application, user=staff["reviewer"])
    page = services.propose_for_disclosure(application, user=staff["editor"])
    page = GovernmentDocumentPage.objects.get(pk=page.pk)
    assert not page.live and page.title == "平原镇2026年农村危房改造补助名单"
    column = page.get_parent().specific
    assert isinstance(column, ColumnPage) and column.column_kind == ColumnKind.STATUTORY
    assert page.unit == pingyuan
    body = str(page.body)
    assert "李四" not in body and ID_NUMBER not in body and PHONE not in body
    assert application.events.filter(kind=EventKind.PROPOSED_FOR_DISCLOSURE).count() == 1
    with pytest.raises(TransitionRefused, match="已转为主动公开草稿"):
        services.propose_for_disclosure(application, user=staff["editor"])


def test_withheld_information_is_not_proposed(in_progress, staff):
    services.draft_reply(in_progress, user=staff["editor"], reply_type=ReplyType.NOT_HELD)
    assert "propose_for_disclosure" not in services.allowed_actions(in_progress, staff["editor"])
    with pytest.raises(TransitionRefused):
        services.propose_for_disclosure(in_progress, user=staff["editor"])


# --- the calendar ----------------------------------------------------------------------------


def seed_2027_spring_festival():
    """A 2027 arrangement for the test (the State Council's is entered when published): New Year's
    Day, the Spring Festival from Saturday 02-06 to Sunday 02-14, and Saturday 02-20 worked (调休)."""
    SpecialDay.objects.create(day=date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    for day in range(6, 15):
        SpecialDay.objects.create(day=date(2027, 2, day), kind=DayKind.HOLIDAY, name="春节")
    SpecialDay.objects.create(day=date(2027, 2, 20), kind=DayKind.WORKDAY, name="春节")
    CalendarYear.objects.create(year=2027, source=CalendarSource.ADMIN)
    clear_cache()


def test_deadline_spans_the_spring_festival_and_a_make_up_saturday(units):
    seed_2027_spring_festival()
    application = submit(units[0], today=date(2027, 1, 29))  # a Friday
    # Feb 1–5 (5), the festival skipped, Feb 15–19 (10), Saturday Feb 20 worked (11),
    # Feb 22–26 (16), Mar 1–4 (20).
    assert application.due_on == date(2027, 3, 4)
    explanation = services.reply_deadline(application).explanation()
    assert "不计入：2027年2月10日（星期三），春节。" in explanation
    assert "计入：2027年2月20日（星期六），春节调休上班。" in explanation
    assert explanation[-1] == "截止日：2027年3月4日（星期四），即第 20 个工作日。"


def test_consultation_over_the_spring_festival_pauses_only_working_days(units, staff):
    seed_2027_spring_festival()
    application = submit(units[0], today=date(2027, 1, 29))
    services.accept(application, user=staff["editor"], on=date(2027, 2, 1))
    services.start_consultation(application, user=staff["editor"], addressee="县住建局", on=date(2027, 2, 3))
    services.end_consultation(application, user=staff["editor"], on=date(2027, 2, 17))
    # Feb 4, 5, 15, 16, 17: the festival week does not count as consultation time.
    assert application.paused_working_days == 5
    # Five working days after 03-04: 03-05, 03-08 … 03-11.
    assert application.due_on == date(2027, 3, 11)


# --- reminders and escalation ----------------------------------------------------------------


def test_reminders_five_and_two_working_days_before_and_escalation_once(
    units, staff, django_capture_on_commit_callbacks
):
    application = submit(units[0])  # due Monday 11-30
    mail.outbox.clear()

    def run(day: date) -> list:
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            services.send_due_reminders(today=day)
        return mail.outbox[before:]

    assert run(date(2026, 11, 20)) == []  # 6 working days left
    [five] = run(date(2026, 11, 23))
    assert sorted(five.to) == ["editor@pingyuan.example", "reviewer@pingyuan.example"]
    assert application.tracking_code in five.subject and "还有 5 个工作日" in five.body
    assert run(date(2026, 11, 23)) == [] and run(date(2026, 11, 24)) == []
    [two] = run(date(2026, 11, 26))
    assert "还有 2 个工作日" in two.body
    assert run(date(2026, 11, 27)) == [] and run(date(2026, 11, 30)) == []
    [escalation] = run(date(2026, 12, 1))
    assert escalation.to == ["county@example.gov"] and "尚未答复" in escalation.body
    assert run(date(2026, 12, 2)) == []
    assert application.events.filter(kind=EventKind.ESCALATED).count() == 1
    assert application.events.filter(kind=EventKind.REMINDED).count() == 2
    application.refresh_from_db()
    assert application.reminded_for == {"5": "2026-11-30", "2": "2026-11-30", "overdue": "2026-11-30"}


def test_no_reminders_while_paused_or_after_the_reply(in_progress, staff):
    services.start_consultation(in_progress, user=staff["editor"], addressee="某公司", on=MONDAY)
    assert services.send_due_reminders(today=date(2026, 12, 1)) == 0
    services.end_consultation(in_progress, user=staff["editor"], on=MONDAY)
    services.draft_reply(in_progress, user=staff["editor"], reply_type=ReplyType.NOT_HELD)
    assert services.send_due_reminders(today=date(2026, 12, 1)) == 0


def test_daily_tasks_are_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"foi.send_due_reminders", "foi.close_expired"} <= tasks
