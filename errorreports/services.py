"""Filing a report (routed to the county office with its deadline, its staff mailed) and answering it."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from operations.mail import addresses, mail_staff
from participation.tracking import new_code
from sites.models import Unit, UnitKind
from sites.tenancy import county_admins, is_county_admin, unit_staff
from workdays.services import add_working_days

from .models import ErrorReport, reply_working_days

CODE_PREFIX = "Z"


@dataclass(frozen=True)
class ReportInput:
    category: str
    page_url: str
    description: str
    name: str = ""
    contact: str = ""


def county_office() -> Unit | None:
    """The unit that answers the reports: the active county office (县政府办公室)."""
    return Unit.objects.active().filter(kind=UnitKind.COUNTY_OFFICE).order_by("sort_order", "id").first()


def handlers(unit: Unit | None) -> QuerySet:
    """Who is told of a new report: the county office's staff, or the county administrators
    when the county has no county office (or it has no staff yet)."""
    if unit is not None:
        staff = unit_staff(unit)
        if staff.exists():
            return staff
    return county_admins()


def submit_report(data: ReportInput) -> ErrorReport:
    unit = county_office()
    now = timezone.now()
    due = add_working_days(timezone.localdate(now), reply_working_days()).due
    report = None
    for _attempt in range(8):
        try:
            with transaction.atomic():
                report = ErrorReport.objects.create(
                    tracking_code=new_code(CODE_PREFIX),
                    category=data.category,
                    page_url=data.page_url,
                    description=data.description.strip(),
                    name=data.name.strip(),
                    contact=data.contact.strip(),
                    unit=unit,
                    received_at=now,
                    due_date=due,
                )
            break
        except IntegrityError:
            continue
    if report is None:
        raise RuntimeError("no free tracking code after several attempts")
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("errorreports_admin:answer", args=[report.pk])
    # No name or contact in the mail: they stay in the admin, where only the handlers see them.
    mail_staff(
        addresses(handlers(unit)),
        _("【网站找错】%(category)s：%(code)s")
        % {"category": report.get_category_display(), "code": report.tracking_code},
        _(
            "网民通过“我为政府网站找错”报告了网站问题。\n\n"
            "查询码：%(code)s\n错误类型：%(category)s\n出错页面：%(url)s\n问题描述：\n%(description)s\n\n"
            "请于 %(due)s 前答复：%(link)s\n"
        )
        % {
            "code": report.tracking_code,
            "category": report.get_category_display(),
            "url": report.page_url,
            "description": report.description,
            "due": due.strftime("%Y-%m-%d"),
            "link": link,
        },
    )
    return report


def may_handle(user) -> bool:
    """The county office's staff and the county administrators handle the reports; nobody else."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_county_admin(user):
        return True
    unit = county_office()
    return unit is not None and unit_staff(unit).filter(pk=user.pk).exists()


def reports_for(user) -> QuerySet:
    """The reports the user may see: all of them for county administrators, the county office's
    for its staff, none for anyone else."""
    if not (user.is_authenticated and user.is_active):
        return ErrorReport.objects.none()
    if is_county_admin(user):
        return ErrorReport.objects.all()
    unit = county_office()
    if unit is None or not unit_staff(unit).filter(pk=user.pk).exists():
        return ErrorReport.objects.none()
    return ErrorReport.objects.filter(unit=unit)


def answer_report(report: ErrorReport, reply: str, user) -> ErrorReport:
    """Record the answer; the time and the person are stamped each time it is saved."""
    report.reply = reply.strip()
    report.replied_at = timezone.now() if report.reply else None
    report.replied_by = user if report.reply else None
    report.save(update_fields=["reply", "replied_at", "replied_by"])
    return report
