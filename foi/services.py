"""Every step of an application, as plain functions (the only code that changes its state).

Each function checks that the step is allowed in the application's current state and raises
`TransitionRefused` (a ValidationError with a Chinese message, keyed by field where one is at
fault) when it is not, also when the request was posted directly; it then writes the change, an
`ApplicationEvent`, the notice it issues (numbered per unit and year) and queues the mail to the
applicant through the outbox, all in one transaction. Clocks are counted on the working-day
calendar (workdays/services.py) and every due date can explain itself (`reply_deadline`).

Clock rules (条例 2019):
- Art. 31: the reply clock starts on the receipt date (which does not count).
- Art. 30: one correction notice within 7 working days of receipt; the applicant's deadline is
  set by staff (default 15 working days); a correction restarts the clock from the day it
  arrives; none by the deadline ends the application as ReplyType.NOT_CORRECTED.
- Art. 33: reply within 20 working days; one extension of at most 20, approved by a named
  person and notified.
- Art. 32/34: consulting a third party or a co-agency (15 working days) stops the clock.
- Art. 42 / 109号: from the fee notice to payment the clock stops; the notice gives at least 20
  working days; no payment by then ends the application as ReplyType.NOT_PAID.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page

from operations.mail import addresses, mail_staff
from participation.tracking import new_code, normalize_code
from sites.models import Unit, UnitSectionPage
from sites.tenancy import county_admins, is_county_admin, unit_staff, units_for_user
from workdays.services import Deadline, add_working_days, format_day, working_days_between

from . import fees
from .models import (
    CLOCK_RUNNING,
    ApplicantKind,
    Application,
    ApplicationEvent,
    Channel,
    DeliveryMethod,
    EventKind,
    FeeMethod,
    Notice,
    NoticeKind,
    ReplyFile,
    State,
)
from .replies import REASON_REQUIRED, REPLY_KINDS, ReplyType
from .validators import validate_applicant_id

REPLY_WORKING_DAYS = 20
MAX_EXTENSION_WORKING_DAYS = 20
CORRECTION_NOTICE_WORKING_DAYS = 7
DEFAULT_CORRECTION_WORKING_DAYS = 15
CONSULTATION_WORKING_DAYS = 15
MIN_FEE_PAYMENT_WORKING_DAYS = 20


class TransitionRefused(ValidationError):
    """A step the application's state or the input does not allow; the message is Chinese."""


@dataclass(frozen=True)
class ApplicantInput:
    """What the online form or a staff registration gives (field names as on Application)."""

    unit_id: int
    applicant_kind: str
    organisation_kind: str
    name: str
    legal_representative: str
    contact_person: str
    id_kind: str
    id_number: str
    phone: str
    email: str
    address: str
    postcode: str
    description: str
    document_title: str
    document_number: str
    index_number: str
    purpose: str
    delivery_method: str
    carrier: str
    channel: str
    received_on: date | None = None  # None for online: today
    id_copy: object | None = None  # an UploadedFile, already checked by the form


TRACKING_CODE_PREFIX = "F"
TRACKING_CODE_ATTEMPTS = 5
# Reminders to the handling unit this many working days before the reply is due.
REMINDER_WORKING_DAYS = (5, 2)
OVERDUE_KEY = "overdue"

ACTIONS = (
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
)

# What staff may do in each state (close_expired also ends CORRECTION and FEE_NOTICE, as the system).
STATE_ACTIONS: dict[str, frozenset[str]] = {
    State.RECEIVED: frozenset({"request_correction", "accept", "transfer", "draft_reply"}),
    State.CORRECTION: frozenset({"record_correction"}),
    State.IN_PROGRESS: frozenset({"start_consultation", "extend", "notify_fee", "transfer", "draft_reply"}),
    State.CONSULTATION: frozenset({"end_consultation"}),
    State.FEE_NOTICE: frozenset({"record_payment"}),
    State.REVIEW: frozenset({"approve_reply", "reject_reply"}),
    State.REPLIED: frozenset({"archive", "propose_for_disclosure"}),
    State.ARCHIVED: frozenset({"propose_for_disclosure"}),
}

# The verb of each action in a refusal: 该申请当前为“已答复”，不能延期。
ACTION_VERBS = {
    "request_correction": gettext_lazy("告知补正"),
    "record_correction": gettext_lazy("登记补正"),
    "accept": gettext_lazy("受理"),
    "start_consultation": gettext_lazy("征求意见"),
    "end_consultation": gettext_lazy("结束征求意见"),
    "extend": gettext_lazy("延期"),
    "notify_fee": gettext_lazy("发出收费通知"),
    "record_payment": gettext_lazy("登记缴费"),
    "transfer": gettext_lazy("转交"),
    "draft_reply": gettext_lazy("起草答复"),
    "approve_reply": gettext_lazy("通过保密审查"),
    "reject_reply": gettext_lazy("退回答复"),
    "archive": gettext_lazy("归档"),
    "propose_for_disclosure": gettext_lazy("转为主动公开"),
}

# Reviewers (保密审查) approve or send back a reply; everything else is the handling staff's.
REVIEW_ACTIONS = frozenset({"approve_reply", "reject_reply"})


# --- deadlines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplyDeadline(Deadline):
    """The reply deadline: 20 working days plus the extension plus the days the clock stood still,
    counted from the clock's start; its explanation says so before the day-by-day count."""

    extension_days: int = 0
    paused_working_days: int = 0
    notes: tuple[str, ...] = field(default=())

    def explanation(self) -> list[str]:
        lines = [
            _("答复期限：%(base)d 个工作日（条例第三十三条）。") % {"base": REPLY_WORKING_DAYS},
        ]
        if self.extension_days:
            lines.append(_("经批准延长 %(days)d 个工作日。") % {"days": self.extension_days})
        if self.paused_working_days:
            lines.append(
                _("征求意见、等待缴费等不计入期限的时间共 %(days)d 个工作日，相应顺延。")
                % {"days": self.paused_working_days}
            )
        lines.extend(self.notes)
        return lines + super().explanation()


def total_working_days(application: Application) -> int:
    return REPLY_WORKING_DAYS + application.extension_days + application.paused_working_days


def reply_deadline(application: Application) -> ReplyDeadline:
    """The workdays Deadline of `due_on`, with the extension and the pauses explained."""
    deadline = add_working_days(application.clock_start, total_working_days(application))
    notes: list[str] = []
    if application.clock_start != application.received_on:
        notes.append(
            _("申请人已于 %(day)s 补正，期限自收到补正之日起计算。")
            % {"day": format_day(application.clock_start)}
        )
    if application.state in (State.CONSULTATION, State.FEE_NOTICE) and application.pause_started_on:
        notes.append(
            _("自 %(day)s 起期限暂停（%(state)s），恢复后截止日相应顺延。")
            % {"day": format_day(application.pause_started_on), "state": application.get_state_display()}
        )
    if application.state == State.CORRECTION:
        notes.append(_("待补正：收到补正之日起重新计算答复期限。"))
    return ReplyDeadline(
        **{name: getattr(deadline, name) for name in Deadline.__dataclass_fields__},
        extension_days=application.extension_days,
        paused_working_days=application.paused_working_days,
        notes=tuple(notes),
    )


def correction_notice_deadline(application: Application) -> Deadline:
    """Art. 30: a correction may be asked for within 7 working days of receipt."""
    return add_working_days(application.received_on, CORRECTION_NOTICE_WORKING_DAYS)


def _recompute_due(application: Application) -> None:
    application.due_on = add_working_days(application.clock_start, total_working_days(application)).due


# --- permissions and transitions ---------------------------------------------------------------


def _handles(user, application: Application) -> bool:
    """The handling unit's editors and reviewers, and the county administrators."""
    if user is None or not (user.is_authenticated and user.is_active):
        return False
    return is_county_admin(user) or units_for_user(user).filter(pk=application.unit_id).exists()


def _reviews(user, application: Application) -> bool:
    """The handling unit's reviewers group, and the county administrators."""
    if user is None or not (user.is_authenticated and user.is_active):
        return False
    if is_county_admin(user):
        return True
    group_id = application.unit.reviewers_group_id
    return bool(group_id) and user.groups.filter(pk=group_id).exists()


def _refusal(
    application: Application, user, action: str, today: date, roles: tuple[bool, bool] | None = None
) -> Exception | None:
    """Why `user` may not do `action` now (PermissionDenied or TransitionRefused), or None.

    `roles` (handles, reviews) saves the permission queries when many actions are asked about."""
    handles, reviews = roles if roles is not None else (_handles(user, application), None)
    if not handles:
        return PermissionDenied(_("您不是该申请办理单位的工作人员。"))
    if action in REVIEW_ACTIONS:
        if not (reviews if reviews is not None else _reviews(user, application)):
            return PermissionDenied(_("只有本单位的审核人员或县级管理员可以进行保密审查。"))
        if application.replied_by_id and application.replied_by_id == user.pk:
            return PermissionDenied(_("起草答复的工作人员不能审查自己起草的答复。"))
    if action not in STATE_ACTIONS.get(application.state, ()):
        return TransitionRefused(
            _("该申请当前为“%(state)s”，不能%(action)s。")
            % {"state": application.get_state_display(), "action": ACTION_VERBS[action]},
            code="state",
        )
    if action == "request_correction":
        if application.notices.filter(kind=NoticeKind.CORRECTION).exists():
            return TransitionRefused(
                _("已告知过补正，补正只能告知一次（条例第三十条）。"), code="correction_once"
            )
        limit = correction_notice_deadline(application).due
        if today > limit:
            return TransitionRefused(
                _("告知补正应在收到申请之日起 7 个工作日内，即 %(day)s 前；现已超过。")
                % {"day": format_day(limit)},
                code="correction_late",
            )
    if action == "extend" and application.extension_days:
        return TransitionRefused(
            _("该申请已延期一次，不能再次延期（条例第三十三条）。"), code="extension_once"
        )
    if action == "notify_fee" and application.fee_method:
        return TransitionRefused(_("该申请已发出过收费通知。"), code="fee_once")
    if action == "propose_for_disclosure":
        if not (application.reply_type and REPLY_KINDS[application.reply_type].discloses):
            return TransitionRefused(
                _("只有予以公开或部分公开的信息才能转为主动公开。"), code="not_disclosed"
            )
        if application.events.filter(kind=EventKind.PROPOSED_FOR_DISCLOSURE).exists():
            return TransitionRefused(_("该申请的信息已转为主动公开草稿。"), code="already_proposed")
    return None


def allowed_actions(application: Application, user, *, today: date | None = None) -> list[str]:
    """The action names (ACTIONS) this user may do to the application now (or on `today`)."""
    today = today or timezone.localdate()
    handles = _handles(user, application)
    if not handles:
        return []
    roles = (handles, _reviews(user, application))
    return [action for action in ACTIONS if _refusal(application, user, action, today, roles) is None]


def _check(application: Application, user, action: str, on: date | None = None) -> None:
    refusal = _refusal(application, user, action, on or timezone.localdate())
    if refusal is not None:
        raise refusal


def _locked(application: Application) -> Application:
    """The application's row, locked until the transaction ends (two clerks, one step)."""
    return Application.objects.select_for_update().select_related("unit").get(pk=application.pk)


def _refresh(application: Application) -> None:
    application.refresh_from_db()
    # A transfer changes the unit; cached relations must not show the old one.
    application._state.fields_cache.clear()


def _refuse(field_name: str, message: str, code: str = "invalid") -> TransitionRefused:
    return TransitionRefused({field_name: ValidationError(message, code=code)})


def _not_before(day: date, earliest: date, field_name: str = "on") -> None:
    if day < earliest:
        raise _refuse(field_name, _("日期不能早于 %(day)s。") % {"day": format_day(earliest)}, "too_early")


# --- numbering -------------------------------------------------------------------------------


def _lock_unit(unit_id: int) -> Unit:
    """Numbers are per unit: locking the unit's row serialises the next number on PostgreSQL."""
    return Unit.objects.select_for_update().get(pk=unit_id)


def _next_register_sequence(unit_id: int, year: int) -> int:
    _lock_unit(unit_id)
    top = Application.objects.filter(unit_id=unit_id, year=year).aggregate(top=Max("sequence"))["top"]
    return (top or 0) + 1


def _issue_notice(
    application: Application, kind: str, on: date, *, addressee: str = "", details: str = "", due_on=None
) -> Notice:
    _lock_unit(application.unit_id)
    top = Notice.objects.filter(unit_id=application.unit_id, kind=kind, year=on.year).aggregate(
        top=Max("sequence")
    )["top"]
    return Notice.objects.create(
        application=application,
        unit_id=application.unit_id,
        kind=kind,
        year=on.year,
        sequence=(top or 0) + 1,
        issued_on=on,
        addressee=addressee,
        details=details,
        due_on=due_on,
    )


def _event(application: Application, kind: str, user, on: date, note: str = "", **extra) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        on=on,
        note=note,
        due_on=application.due_on,
        **extra,
    )


# --- mail ------------------------------------------------------------------------------------


def _mail_applicant(application: Application, subject: str, body: str) -> None:
    """After the commit, through the outbox; never with the ID number."""
    if not application.email:
        return
    address, code, unit_name = application.email, application.tracking_code, application.unit.name

    def send() -> None:
        with translation.override(settings.LANGUAGE_CODE):
            text = _(
                "%(name)s：\n\n%(body)s\n\n查询码：%(code)s。凭查询码和证件号码或联系电话的后四位，"
                "可在本单位政府信息公开专栏查询办理进度。\n\n%(unit)s"
            ) % {"name": application.name, "body": body, "code": code, "unit": unit_name}
            send_mail(f"{subject}（查询码 {code}）", text, None, [address])

    transaction.on_commit(send)


def unit_staff_emails(unit: Unit) -> list[str]:
    return addresses(unit_staff(unit))


def county_admin_emails() -> list[str]:
    return addresses(county_admins())


# --- receipt ---------------------------------------------------------------------------------


def _validate_input(data: ApplicantInput, *, user, today: date) -> tuple[Unit, str, date]:
    errors: dict[str, list[ValidationError]] = {}

    def add(field_name: str, message: str, code: str = "invalid") -> None:
        errors.setdefault(field_name, []).append(ValidationError(message, code=code))

    unit = Unit.objects.filter(pk=data.unit_id, is_active=True).first()
    if unit is None:
        add("unit", _("请选择受理申请的单位。"), "required")
    if data.applicant_kind not in ApplicantKind.values:
        add("applicant_kind", _("请选择申请人类型。"), "required")
    elif data.applicant_kind == ApplicantKind.ORGANISATION and not data.organisation_kind:
        add("organisation_kind", _("法人或其他组织请选择组织类型。"), "required")
    if not (data.name or "").strip():
        add("name", _("请填写申请人姓名或名称。"), "required")
    try:
        validate_applicant_id(data.id_kind, data.id_number)
    except ValidationError as error:
        errors.setdefault("id_number", []).extend(error.error_list)
    if not (data.phone or "").strip():
        add("phone", _("请填写联系电话。"), "required")
    if not (data.description or "").strip():
        add("description", _("请填写所需信息的内容描述。"), "required")
    if data.delivery_method not in DeliveryMethod.values:
        add("delivery_method", _("请选择获取信息的方式。"), "required")
    if user is None:
        channel, received_on = Channel.ONLINE, today
    else:
        channel, received_on = data.channel, data.received_on
        if channel not in Channel.values or channel == Channel.ONLINE:
            add("channel", _("请选择信函、传真、当面或电子邮件等申请方式。"), "required")
        if received_on is None:
            add("received_on", _("请填写收到申请日期。"), "required")
        elif received_on > today:
            add(
                "received_on",
                _("收到申请日期不能晚于今天（%(day)s）。") % {"day": format_day(today)},
                "future",
            )
    if errors:
        raise TransitionRefused(errors)
    return unit, channel, received_on


def submit_application(data: ApplicantInput, *, user=None, today: date | None = None) -> Application:
    """Register an application: online (user None, received today) or by staff (user given)."""
    today = today or timezone.localdate()
    if user is not None:
        probe = Application(unit_id=data.unit_id)
        if not _handles(user, probe):
            raise PermissionDenied(_("您不是该单位的工作人员，不能为其登记申请。"))
    unit, channel, received_on = _validate_input(data, user=user, today=today)
    fields = {
        name: (getattr(data, name) or "").strip()
        for name in (
            "applicant_kind",
            "organisation_kind",
            "name",
            "legal_representative",
            "contact_person",
            "phone",
            "email",
            "address",
            "postcode",
            "description",
            "document_title",
            "document_number",
            "index_number",
            "purpose",
            "delivery_method",
            "carrier",
        )
    }
    fields["id_kind"] = data.id_kind
    fields["id_number"] = data.id_number.strip().upper()
    with transaction.atomic():
        application = Application(
            unit=unit,
            year=received_on.year,
            sequence=_next_register_sequence(unit.pk, received_on.year),
            channel=channel,
            received_on=received_on,
            registered_by=user,
            state=State.RECEIVED,
            clock_start=received_on,
            **fields,
        )
        if data.id_copy:
            application.id_copy = data.id_copy
        _recompute_due(application)
        for attempt in range(TRACKING_CODE_ATTEMPTS):
            application.tracking_code = new_code(TRACKING_CODE_PREFIX)
            try:
                with transaction.atomic():
                    application.save()
                break
            except IntegrityError:
                # A colliding 查询码 (the register number is serialised by the unit lock).
                application.pk = None
                if attempt == TRACKING_CODE_ATTEMPTS - 1:
                    raise
        _event(application, EventKind.RECEIVED, user, received_on, application.get_channel_display())
        notice = _issue_notice(application, NoticeKind.RECEIPT, today, due_on=application.due_on)
        _mail_applicant(
            application,
            _("政府信息公开申请接收回执"),
            _(
                "%(unit)s已于 %(day)s 收到您的政府信息公开申请（%(number)s，回执 %(notice)s）。"
                "本单位将在 %(due)s 前答复；需要补正、征求意见或延期的，将另行告知。"
            )
            % {
                "unit": unit.name,
                "day": format_day(received_on),
                "number": application.register_number,
                "notice": notice.number,
                "due": format_day(application.due_on),
            },
        )
    return application


# --- correction (Art. 30) --------------------------------------------------------------------


def request_correction(
    application: Application,
    *,
    user,
    items: str,
    working_days: int = DEFAULT_CORRECTION_WORKING_DAYS,
    on=None,
) -> Notice:
    on = on or timezone.localdate()
    _check(application, user, "request_correction", on)
    if not (items or "").strip():
        raise _refuse("items", _("请写明需要补正的事项。"), "required")
    if not 1 <= working_days <= 60:
        raise _refuse("working_days", _("补正期限应为 1 至 60 个工作日。"), "range")
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "request_correction", on)
        _not_before(on, locked.received_on)
        _start_pause(locked, State.CORRECTION, on, working_days)
        locked.save()
        notice = _issue_notice(
            locked, NoticeKind.CORRECTION, on, details=items.strip(), due_on=locked.pause_due_on
        )
        _event(locked, EventKind.CORRECTION_REQUESTED, user, on, items.strip())
        _mail_applicant(
            locked,
            _("政府信息公开申请补正告知书"),
            _(
                "您的申请内容需要补正（%(notice)s）：\n%(items)s\n\n请在 %(due)s 前补正；"
                "答复期限自收到补正之日起重新计算。无正当理由逾期不补正的，视为放弃申请。"
            )
            % {"notice": notice.number, "items": items.strip(), "due": format_day(locked.pause_due_on)},
        )
    _refresh(application)
    return notice


def record_correction(application: Application, *, user, on: date, note: str = "") -> None:
    _check(application, user, "record_correction", on)
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "record_correction", on)
        _not_before(on, locked.pause_started_on)
        if on > locked.pause_due_on:
            raise _refuse(
                "on",
                _("补正期限已于 %(day)s 届满，逾期补正视为放弃申请。")
                % {"day": format_day(locked.pause_due_on)},
                "late",
            )
        locked.state = State.RECEIVED
        locked.clock_start = on
        locked.paused_working_days = 0
        locked.pause_started_on = locked.pause_due_on = None
        _recompute_due(locked)
        locked.save()
        _event(locked, EventKind.CORRECTED, user, on, note)
    _refresh(application)


# --- handling --------------------------------------------------------------------------------


def accept(application: Application, *, user, on: date | None = None) -> None:
    on = on or timezone.localdate()
    _check(application, user, "accept", on)
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "accept", on)
        locked.state = State.IN_PROGRESS
        locked.save()
        _event(locked, EventKind.ACCEPTED, user, on)
    _refresh(application)


def start_consultation(
    application: Application, *, user, addressee: str, working_days: int = CONSULTATION_WORKING_DAYS, on=None
) -> Notice:
    """Art. 32/34: ask a third party or a co-agency; the clock stops until staff end it."""
    on = on or timezone.localdate()
    _check(application, user, "start_consultation", on)
    if not (addressee or "").strip():
        raise _refuse("addressee", _("请填写征求意见的第三方或机关。"), "required")
    if not 1 <= working_days <= CONSULTATION_WORKING_DAYS:
        raise _refuse(
            "working_days",
            _("征求意见期限应为 1 至 %(max)d 个工作日。") % {"max": CONSULTATION_WORKING_DAYS},
            "range",
        )
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "start_consultation", on)
        _not_before(on, locked.clock_start)
        _start_pause(locked, State.CONSULTATION, on, working_days)
        locked.save()
        notice = _issue_notice(
            locked, NoticeKind.THIRD_PARTY, on, addressee=addressee.strip(), due_on=locked.pause_due_on
        )
        _event(locked, EventKind.CONSULTATION_STARTED, user, on, addressee.strip())
    _refresh(application)
    return notice


def _start_pause(locked: Application, state: str, on: date, working_days: int) -> None:
    """The clock stops from `on` for a correction, a consultation or a fee notice; what the other
    side must do is due `working_days` working days later. `_end_pause` (or, for a correction,
    `record_correction`, which restarts the clock) ends it."""
    locked.state = state
    locked.pause_started_on = on
    locked.pause_due_on = add_working_days(on, working_days).due


def _end_pause(locked: Application, on: date) -> int:
    _not_before(on, locked.pause_started_on)
    days = working_days_between(locked.pause_started_on, on)
    locked.paused_working_days += days
    locked.pause_started_on = locked.pause_due_on = None
    locked.state = State.IN_PROGRESS
    _recompute_due(locked)
    return days


def end_consultation(application: Application, *, user, on=None, note: str = "") -> None:
    """The opinions arrived (or the co-agency stayed silent, which is consent: say so in `note`)."""
    on = on or timezone.localdate()
    _check(application, user, "end_consultation", on)
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "end_consultation", on)
        days = _end_pause(locked, on)
        locked.save()
        text = _("征求意见用时 %(days)d 个工作日，不计入答复期限。") % {"days": days}
        _event(locked, EventKind.CONSULTATION_ENDED, user, on, f"{text}{note.strip()}")
    _refresh(application)


def extend(
    application: Application, *, user, working_days: int, approver: str, reason: str, on=None
) -> Notice:
    """Art. 33: once, at most 20 working days, approved by the named head of the office."""
    on = on or timezone.localdate()
    _check(application, user, "extend", on)
    errors = {}
    if not isinstance(working_days, int) or not 1 <= working_days <= MAX_EXTENSION_WORKING_DAYS:
        errors["working_days"] = _("延长期限最长不超过 %(max)d 个工作日。") % {
            "max": MAX_EXTENSION_WORKING_DAYS
        }
    if not (approver or "").strip():
        errors["approver"] = _("请填写批准延期的负责人。")
    if not (reason or "").strip():
        errors["reason"] = _("请填写延期理由。")
    if errors:
        raise TransitionRefused(errors)
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "extend", on)
        locked.extension_days = working_days
        _recompute_due(locked)
        locked.save()
        notice = _issue_notice(locked, NoticeKind.EXTENSION, on, details=reason.strip(), due_on=locked.due_on)
        _event(
            locked,
            EventKind.EXTENDED,
            user,
            on,
            _("延长 %(days)d 个工作日，经 %(approver)s 批准。理由：%(reason)s")
            % {"days": working_days, "approver": approver.strip(), "reason": reason.strip()},
        )
        _mail_applicant(
            locked,
            _("政府信息公开申请延期答复告知书"),
            _("因%(reason)s，经批准，本单位将延期答复您的申请（%(notice)s），答复期限延长至 %(due)s。")
            % {"reason": reason.strip(), "notice": notice.number, "due": format_day(locked.due_on)},
        )
    _refresh(application)
    return notice


# --- fees (Art. 42, 109号) -------------------------------------------------------------------


def fee_for(application: Application, method: str, pages: int | None = None) -> tuple[Decimal, str]:
    """The amount and the basis-and-rate sentence a fee notice states."""
    if method == FeeMethod.PER_APPLICATION:
        ordinal = fees.ordinal_in_month(application)
        amount = fees.fee_per_application(ordinal)
        text = _(
            "按件计收：您本自然月内向本单位提出的第 %(ordinal)d 件申请，按《政府信息公开信息处理费管理办法》"
            "（国办函〔2020〕109号）收费 %(amount)s 元。"
        ) % {"ordinal": ordinal, "amount": amount}
    else:
        amount = fees.fee_per_page(pages or 0)
        text = _(
            "按量计收：共 %(pages)d 页，30 页以下免收，31—100 页每页 10 元，101—200 页每页 20 元，"
            "201 页以上每页 40 元（国办函〔2020〕109号），合计 %(amount)s 元。"
        ) % {"pages": pages or 0, "amount": amount}
    return amount, text


def notify_fee(
    application: Application,
    *,
    user,
    method: str,
    pages: int | None = None,
    working_days: int = MIN_FEE_PAYMENT_WORKING_DAYS,
    on=None,
) -> Notice:
    """A fee notice: the clock stops until payment; no payment by the deadline ends the application."""
    on = on or timezone.localdate()
    _check(application, user, "notify_fee", on)
    if method not in FeeMethod.values:
        raise _refuse("method", _("请选择按件计收或按量计收。"), "required")
    if method == FeeMethod.PER_PAGE and not pages:
        raise _refuse("pages", _("按量计收请填写页数。"), "required")
    if working_days < MIN_FEE_PAYMENT_WORKING_DAYS:
        raise _refuse(
            "working_days",
            _("缴费期限不得少于 %(min)d 个工作日。") % {"min": MIN_FEE_PAYMENT_WORKING_DAYS},
            "range",
        )
    amount, basis = fee_for(application, method, pages)
    if not amount:
        raise _refuse("method", _("按此方式计算应收费用为 0 元，不需要发出收费通知。"), "free")
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "notify_fee", on)
        _not_before(on, locked.clock_start)
        locked.fee_method = method
        locked.fee_pages = pages if method == FeeMethod.PER_PAGE else None
        locked.fee_amount = amount
        _start_pause(locked, State.FEE_NOTICE, on, working_days)
        locked.save()
        notice = _issue_notice(locked, NoticeKind.FEE, on, details=basis, due_on=locked.pause_due_on)
        _event(locked, EventKind.FEE_NOTIFIED, user, on, basis)
        _mail_applicant(
            locked,
            _("政府信息公开信息处理费收费通知书"),
            _(
                "%(basis)s\n请在 %(due)s 前缴纳（%(notice)s）。自发出收费通知至缴费之日的时间不计入答复期限；"
                "逾期未缴纳的，视为放弃申请。"
            )
            % {"basis": basis, "due": format_day(locked.pause_due_on), "notice": notice.number},
        )
    _refresh(application)
    return notice


def record_payment(application: Application, *, user, on: date) -> None:
    _check(application, user, "record_payment", on)
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "record_payment", on)
        if on > locked.pause_due_on:
            raise _refuse(
                "on", _("缴费期限已于 %(day)s 届满。") % {"day": format_day(locked.pause_due_on)}, "late"
            )
        days = _end_pause(locked, on)
        locked.fee_paid_on = on
        locked.save()
        _event(
            locked,
            EventKind.FEE_PAID,
            user,
            on,
            _("已缴费 %(amount)s 元；等待缴费 %(days)d 个工作日，不计入答复期限。")
            % {"amount": locked.fee_amount, "days": days},
        )
    _refresh(application)


# --- transfer --------------------------------------------------------------------------------


def transfer(application: Application, *, user, to_unit: Unit, reason: str) -> None:
    """ "Whoever receives, handles" unless transferred with a reason. The 查询码 stays; the register
    number becomes the next one of the new unit (numbers are unique per unit and year), and the
    old one is kept in the event."""
    on = timezone.localdate()
    _check(application, user, "transfer", on)
    if to_unit is None or not to_unit.is_active or to_unit.pk == application.unit_id:
        raise _refuse("to_unit", _("请选择另一个启用的单位。"), "invalid")
    if not (reason or "").strip():
        raise _refuse("reason", _("请填写转交理由。"), "required")
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "transfer", on)
        from_unit = locked.unit
        old_number = locked.register_number
        locked.sequence = _next_register_sequence(to_unit.pk, locked.year)
        locked.unit = to_unit
        locked.reminded_for = {}
        locked.save()
        _event(
            locked,
            EventKind.TRANSFERRED,
            user,
            on,
            _("%(reason)s（原登记号：%(from)s %(number)s）")
            % {"reason": reason.strip(), "from": from_unit.name, "number": old_number},
            from_unit=from_unit,
            to_unit=to_unit,
        )
    _refresh(application)


# --- the reply (Art. 36) ---------------------------------------------------------------------


def draft_reply(
    application: Application,
    *,
    user,
    reply_type: str,
    legal_basis: str = "",
    reason: str = "",
    already_public_at: str = "",
    files: Sequence[tuple[str, File]] = (),
    on=None,
) -> Notice | None:
    """Disclosing types go to 保密审查 (state REVIEW, returns None); the others reply at once.

    A disclosure must hand something over: at least one reply file, or (予以公开) where the
    information is already public, or the applicant reads it on site (当场查阅)."""
    on = on or timezone.localdate()
    _check(application, user, "draft_reply", on)
    if reply_type not in REPLY_KINDS:
        raise _refuse("reply_type", _("请选择答复类型（年度报告表三中的一项）。"), "required")
    kind = REPLY_KINDS[reply_type]
    legal_basis = (legal_basis or "").strip() or str(kind.basis)
    errors = {}
    if reply_type in REASON_REQUIRED and not (reason or "").strip():
        errors["reason"] = _("“%(type)s”须写明理由。") % {"type": ReplyType(reply_type).label}
    if already_public_at and reply_type != ReplyType.DISCLOSED:
        errors["already_public_at"] = _("只有予以公开的答复才能填写已主动公开的获取途径。")
    if (
        kind.discloses
        and not files
        and not already_public_at
        and application.delivery_method != DeliveryMethod.ON_SITE
        and not application.reply_files.exists()
    ):
        errors["files"] = _("予以公开或部分公开须上传所公开的信息，或填写已主动公开的获取途径。")
    if errors:
        raise TransitionRefused(errors)
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "draft_reply", on)
        _not_before(on, locked.received_on)
        locked.reply_type = reply_type
        locked.legal_basis = legal_basis
        locked.reply_reason = (reason or "").strip()
        locked.already_public_at = (already_public_at or "").strip()
        locked.replied_by = user
        for title, upload in files:
            ReplyFile.objects.create(application=locked, title=title or upload.name, file=upload)
        if kind.discloses:
            locked.state = State.REVIEW
            locked.save()
            _event(locked, EventKind.SUBMITTED_FOR_REVIEW, user, on, ReplyType(reply_type).label)
            notice = None
        else:
            notice = _reply(locked, user, on)
    _refresh(application)
    return notice


def _reply(locked: Application, user, on: date) -> Notice:
    locked.state = State.REPLIED
    locked.replied_on = on
    locked.pause_started_on = locked.pause_due_on = None
    locked.save()
    notice = _issue_notice(locked, NoticeKind.REPLY, on)
    label = ReplyType(locked.reply_type).label
    _event(locked, EventKind.REPLIED, user, on, f"{label}（{notice.number}）")
    _mail_applicant(
        locked,
        _("政府信息公开申请答复书"),
        _("%(unit)s已于 %(day)s 答复您的申请（%(notice)s）：%(wording)s\n答复书可凭查询码查询和下载。")
        % {
            "unit": locked.unit.name,
            "day": format_day(on),
            "notice": notice.number,
            "wording": REPLY_KINDS[locked.reply_type].wording,
        },
    )
    return notice


def approve_reply(application: Application, *, user, on=None) -> Notice:
    """保密审查 passed: by the unit's reviewers or a county administrator, never the drafter."""
    on = on or timezone.localdate()
    _check(application, user, "approve_reply", on)
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "approve_reply", on)
        locked.approved_by = user
        _event(locked, EventKind.REVIEW_APPROVED, user, on)
        notice = _reply(locked, user, on)
    _refresh(application)
    return notice


def reject_reply(application: Application, *, user, note: str) -> None:
    on = timezone.localdate()
    _check(application, user, "reject_reply", on)
    if not (note or "").strip():
        raise _refuse("note", _("请写明退回的理由。"), "required")
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "reject_reply", on)
        locked.state = State.IN_PROGRESS
        locked.save()
        _event(locked, EventKind.REVIEW_REJECTED, user, on, note.strip())
    _refresh(application)


def archive(application: Application, *, user) -> None:
    on = timezone.localdate()
    _check(application, user, "archive", on)
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "archive", on)
        locked.state = State.ARCHIVED
        locked.save()
        _event(locked, EventKind.ARCHIVED, user, on)
    _refresh(application)


# --- proactive disclosure (Art. 44) ----------------------------------------------------------


def similar_applications(application: Application) -> QuerySet[Application]:
    """Other applications to the same unit for the same document (title or 文号)."""
    condition = Q(pk__in=[])
    if application.document_title:
        condition |= Q(document_title__iexact=application.document_title)
    if application.document_number:
        condition |= Q(document_number__iexact=application.document_number)
    return Application.objects.filter(condition, unit_id=application.unit_id).exclude(pk=application.pk)


def statutory_column(unit: Unit):
    from disclosure.models import ColumnKind, ColumnPage

    section = UnitSectionPage.objects.filter(unit=unit, locale=Locale.get_default()).first()
    if section is None:
        return None
    return ColumnPage.objects.child_of(section).filter(column_kind=ColumnKind.STATUTORY).first()


def propose_for_disclosure(application: Application, *, user) -> Page:
    """A draft GovernmentDocumentPage in the unit's 法定主动公开内容, for its editors to complete."""
    from disclosure.blocks import rich_text_stream
    from disclosure.models import DisclosureAttribute, GovernmentDocumentPage

    on = timezone.localdate()
    _check(application, user, "propose_for_disclosure", on)
    column = statutory_column(application.unit)
    if column is None:
        raise TransitionRefused(_("本单位的信息公开专栏没有“法定主动公开内容”栏目。"), code="no_column")
    with transaction.atomic():
        locked = _locked(application)
        _check(locked, user, "propose_for_disclosure", on)
        title = locked.document_title or locked.description.strip().splitlines()[0][:200]
        # Nothing of the applicant: only that the information was asked for.
        body = _(
            "<p>本信息曾被申请人依申请公开获取，根据《中华人民共和国政府信息公开条例》第四十四条，"
            "拟转为主动公开。请补充正文和附件，核定公开属性后发布。</p>"
        )
        page = GovernmentDocumentPage(
            title=title,
            slug=f"foi-{locked.tracking_code.lower()}",
            live=False,
            document_number=locked.document_number,
            written_date=locked.replied_on or on,
            disclosure_attribute=DisclosureAttribute.PUBLIC,
            body=rich_text_stream(body),
            owner=user,
        )
        column.add_child(instance=page)
        page.save_revision(user=user)
        _event(
            locked,
            EventKind.PROPOSED_FOR_DISCLOSURE,
            user,
            on,
            _("主动公开草稿：%(title)s") % {"title": title},
        )
    return page


# --- the daily work (tasks.py) ---------------------------------------------------------------


def close_expired(today: date | None = None) -> int:
    """Corrections and fee payments whose deadline passed end the application (Table 三 （六）)."""
    today = today or timezone.localdate()
    closed = 0
    endings = ((State.CORRECTION, ReplyType.NOT_CORRECTED), (State.FEE_NOTICE, ReplyType.NOT_PAID))
    for state, reply_type in endings:
        ids = Application.objects.filter(state=state, pause_due_on__lt=today).values_list("pk", flat=True)
        for pk in list(ids):
            with transaction.atomic():
                locked = Application.objects.select_for_update().select_related("unit").get(pk=pk)
                if locked.state != state or not locked.pause_due_on or locked.pause_due_on >= today:
                    continue
                locked.reply_type = reply_type
                locked.legal_basis = str(REPLY_KINDS[reply_type].basis)
                _reply(locked, None, today)
                closed += 1
    return closed


def send_due_reminders(today: date | None = None) -> int:
    """Mail the handling unit 5 and 2 working days before the reply is due and the county
    administrators once it is overdue; each once per due date. Returns how many reminders and
    escalations were recorded (an ESCALATED or REMINDED event each)."""
    today = today or timezone.localdate()
    sent = 0
    running = Application.objects.filter(state__in=CLOCK_RUNNING, due_on__isnull=False)
    for pk in list(running.values_list("pk", flat=True)):
        with transaction.atomic():
            locked = Application.objects.select_for_update().select_related("unit").get(pk=pk)
            if locked.state not in CLOCK_RUNNING or locked.due_on is None:
                continue
            due = locked.due_on.isoformat()
            done = dict(locked.reminded_for or {})
            subject_args = {"number": locked.register_number, "code": locked.tracking_code}
            if today > locked.due_on:
                if done.get(OVERDUE_KEY) == due:
                    continue
                done[OVERDUE_KEY] = due
                note = _(
                    "%(unit)s的政府信息公开申请 %(number)s（查询码 %(code)s）已于 %(due)s 到期，尚未答复。"
                ) % {
                    "unit": locked.unit.name,
                    "due": format_day(locked.due_on),
                    **subject_args,
                }
                mail_staff(
                    county_admin_emails(), _("逾期未答复：%(number)s（查询码 %(code)s）") % subject_args, note
                )
                _event(locked, EventKind.ESCALATED, None, today, note)
            else:
                remaining = working_days_between(today, locked.due_on)
                pending = [
                    days for days in REMINDER_WORKING_DAYS if remaining <= days and done.get(str(days)) != due
                ]
                if not pending:
                    continue
                for days in pending:
                    done[str(days)] = due
                note = _(
                    "政府信息公开申请 %(number)s（查询码 %(code)s）将于 %(due)s 到期，还有 %(days)d 个工作日。"
                ) % {
                    "due": format_day(locked.due_on),
                    "days": remaining,
                    **subject_args,
                }
                mail_staff(
                    unit_staff_emails(locked.unit),
                    _("即将到期：%(number)s（查询码 %(code)s）") % subject_args,
                    note,
                )
                _event(locked, EventKind.REMINDED, None, today, note)
            Application.objects.filter(pk=pk).update(reminded_for=done)
            sent += 1
    return sent


# --- look-ups --------------------------------------------------------------------------------


def find_for_applicant(code: str, last_four: str) -> Application | None:
    """The application with this 查询码 whose ID number or phone ends with `last_four`."""
    last_four = (last_four or "").strip().upper()
    if len(last_four) != 4:
        return None
    application = (
        Application.objects.select_related("unit").filter(tracking_code=normalize_code(code)).first()
    )
    if application is None:
        return None
    phone_digits = "".join(char for char in application.phone if char.isdigit())
    if application.id_number.upper().endswith(last_four) or phone_digits.endswith(last_four):
        return application
    return None


def applications_for_user(user) -> QuerySet[Application]:
    """The handling units' applications for their staff, all of them for county administrators."""
    applications = Application.objects.select_related("unit")
    if user is None or not (user.is_authenticated and user.is_active):
        return applications.none()
    if is_county_admin(user):
        return applications.all()
    return applications.filter(unit__in=units_for_user(user))
