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

from foi import fees, services
from foi.models import Application, Channel, EventKind, IdKind, NoticeKind, State
from foi.replies import ReplyType
from foi.services import ApplicantInput, TransitionRefused
from foi.validators import resident_id_check_digit, validate_applicant_id, validate_resident_id
from sites.models import COUNTY_ADMINS_GROUP, Unit
from workdays.services import clear_cache

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
