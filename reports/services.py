"""Producing the annual reports and following their deadlines.

Public API: `due_date`, `find_report`, `generate_report`, `recount`, `report_status`,
`report_statuses`, `send_reminders`, and for the website report `website_due_date`, `count_website`
(reports/website.py), `publish_website_report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from disclosure.models import ColumnPage
from operations.mail import addresses, mail_staff
from sites.locales import default_locale
from sites.models import Unit, UnitKind
from sites.tenancy import county_admins, section_unit_ids, unit_id_at, unit_staff
from workdays.services import as_local_date, is_working_day, working_days_between

from . import counting
from .models import (
    ANNUAL_REPORT_COLUMN_KIND,
    AnnualReportPage,
    ReportKind,
    ReportReminder,
    ReportState,
    WebsiteReport,
)

# Reminders start this many working days before the due date (issue: from 10 working days before).
REMINDER_WORKING_DAYS = (10, 3)
OVERDUE_STAGE = "overdue"


class ReportError(Exception):
    """Why a report cannot be generated or counted, in words for the user."""


# --- deadlines --------------------------------------------------------------------------------


def due_date(unit: Unit, year: int) -> date:
    """条例 Art. 49: departments and townships by 31 January; the county government by 31 March."""
    if unit.kind == UnitKind.COUNTY_OFFICE:
        return date(year + 1, 3, 31)
    return date(year + 1, 1, 31)


def website_due_date(year: int) -> date:
    """国办函〔2018〕12号: the website report is on the home page by 31 January."""
    return date(year + 1, 1, 31)


def working_days_before(day: date, n: int) -> date:
    """The day n working days before `day` (the first day a reminder is due)."""
    current = day
    counted = 0
    while counted < n:
        current -= timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


# --- the OGI report -----------------------------------------------------------------------------


def annual_report_column(unit: Unit) -> ColumnPage | None:
    section = unit.section_in(Locale.get_default())
    if section is None:
        return None
    return ColumnPage.objects.child_of(section).filter(column_kind=ANNUAL_REPORT_COLUMN_KIND).first()


def unit_reports(unit: Unit):
    return AnnualReportPage.objects.filter(counting.inside_sections([unit]))


def find_report(unit: Unit, year: int) -> AnnualReportPage | None:
    return unit_reports(unit).filter(year=year).first()


def reports_by_unit(units: list[Unit], year: int) -> dict[int, tuple[int, date | None]]:
    """Each unit's OGI report of the year, for all units in two queries: {unit id: (page id, the
    day it was first published, None while it is not live)}; a published one wins over a draft."""
    sections = section_unit_ids(default_locale())
    reports: dict[int, tuple[int, date | None]] = {}
    rows = AnnualReportPage.objects.filter(counting.inside_sections(units), year=year).values_list(
        "pk", "path", "live", "first_published_at"
    )
    for pk, path, live, first_published in rows:
        unit_id = unit_id_at(path, sections)
        published_on = as_local_date(first_published) if live and first_published else None
        if unit_id not in reports or published_on:
            reports[unit_id] = (pk, published_on)
    return reports


def previous_figures(unit: Unit, year: int) -> dict | None:
    """Last year's report as published: the figures this year's cross-year checks start from."""
    previous = unit_reports(unit).filter(year=year - 1).live().first()
    return previous.figures if previous and previous.figures else None


ENTERED_FIELDS = ("licensing_decisions", "penalty_decisions", "coercion_decisions", "administrative_fees")


def _entered_sums(unit: Unit, year: int) -> tuple[dict, list[Unit]]:
    """The county government's report: the figures the units entered in their published reports,
    added up, and the units whose report is not published and so not counted.

    Only what a unit's review has approved goes into the county's figures; a draft still in
    review may yet change. The page's own fields hold what was last published.
    """
    others = [covered for covered in counting.covered_units(unit) if covered.pk != unit.pk]
    sums = {name: Decimal("0") if name == "administrative_fees" else 0 for name in ENTERED_FIELDS}
    published = AnnualReportPage.objects.filter(counting.inside_sections(others), year=year).live()
    counted = set()
    for page in published:
        counted.add(page.unit.pk)
        for name in ENTERED_FIELDS:
            sums[name] += getattr(page, name) or 0
    return sums, [other for other in others if other.pk not in counted]


def _count_into(page: AnnualReportPage, unit: Unit) -> None:
    page.figures = counting.count_report(unit, page.year, previous_figures(unit, page.year))
    page.counted_at = timezone.now()
    if counting.is_compiled(unit):
        sums, missing = _entered_sums(unit, page.year)
        for name, value in sums.items():
            setattr(page, name, value)
        if missing:
            names = "、".join(other.name for other in missing)
            message = _(
                "以下 %(count)d 个单位的年度报告尚未发布，其填报的行政许可、处罚、强制和收费数字未计入汇总：%(units)s。"
                "各单位发布后请重新统计。"
            ) % {"count": len(missing), "units": names}
            page.figures["problems"].append(counting.Problem("units_unpublished", message).as_json())


def check_year(year: int, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if not 2000 <= year <= today.year:
        raise ReportError(_("报告年度须在 2000 年至今年之间。"))


def check_year_or_404(year: int) -> None:
    try:
        check_year(year)
    except ReportError:
        raise Http404 from None


def generate_report(unit: Unit, year: int, user) -> AnnualReportPage:
    """A draft report for the unit's year in its 政府信息公开年报 column, counted and pre-filled."""
    check_year(year)
    column = annual_report_column(unit)
    if column is None:
        raise ReportError(_("%(unit)s没有“政府信息公开年报”栏目：请先开设栏目。") % {"unit": unit.name})
    with transaction.atomic():
        # One report per unit and year, even when two editors press the button at once.
        ColumnPage.objects.select_for_update().filter(pk=column.pk).first()
        if find_report(unit, year) is not None:
            raise ReportError(_("%(unit)s %(year)d 年度的报告已经生成。") % {"unit": unit.name, "year": year})
        page = AnnualReportPage(
            title=_("%(unit)s%(year)d年政府信息公开工作年度报告") % {"unit": unit.name, "year": year},
            slug=str(year),
            year=year,
            live=False,
            owner=user,
        )
        _count_into(page, unit)
        page.other_matters = f"<p>{counting.fees_paragraph(page.figures['fees'])}</p>"
        column.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return page


def recount(page: AnnualReportPage, user) -> AnnualReportPage:
    """Count the figures again from the records, as a new draft revision of the report."""
    if page.workflow_in_progress:
        raise ReportError(_("报告正在审核中：请撤回审核后再重新统计。"))
    draft = page.get_latest_revision_as_object()
    _count_into(draft, page.unit)
    draft.save_revision(user=user, log_action=True)
    return draft


# --- the website report ------------------------------------------------------------------------


def new_website_report(year: int) -> WebsiteReport:
    """A new year's report, with the site's particulars carried over from the last one."""
    last = WebsiteReport.objects.filter(year__lt=year).order_by("-year").first()
    site = Site.objects.filter(is_default_site=True).first()
    county_office = Unit.objects.filter(kind=UnitKind.COUNTY_OFFICE).order_by("sort_order").first()
    report = WebsiteReport(
        year=year,
        site_name=settings.WAGTAIL_SITE_NAME,
        site_address=site.root_url if site else "",
        host=county_office.name if county_office else settings.WAGTAIL_SITE_NAME,
    )
    if last is not None:
        for name in ("site_name", "site_address", "host", "site_code", "icp_number", "police_number"):
            setattr(report, name, getattr(last, name))
    return report


def publish_website_report(report: WebsiteReport, user) -> WebsiteReport:
    report.state = ReportState.PUBLISHED
    report.published_at = report.published_at or timezone.now()
    report.published_by = user
    report.save(update_fields=["state", "published_at", "published_by"])
    return report


def published_website_reports():
    return WebsiteReport.objects.filter(state=ReportState.PUBLISHED).order_by("-year")


# --- status and deadlines -------------------------------------------------------------------------


class Status:
    MISSING = "missing"
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


STATUS_LABELS = {
    Status.MISSING: _("未生成"),
    Status.DRAFT: _("草稿"),
    Status.IN_REVIEW: _("审核中"),
    Status.PUBLISHED: _("已发布"),
}


@dataclass
class ReportStatus:
    unit: Unit | None  # None: the portal's website report
    year: int
    kind: str
    due_on: date
    status: str
    report: AnnualReportPage | WebsiteReport | None
    published_on: date | None
    today: date

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_done(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_overdue(self) -> bool:
        if self.published_on is not None:
            return self.published_on > self.due_on
        return self.today > self.due_on

    @property
    def remaining(self) -> int:
        """Working days left to the due date (negative: overdue)."""
        if self.today <= self.due_on:
            return working_days_between(self.today, self.due_on)
        return -working_days_between(self.due_on, self.today)


def report_status(unit: Unit, year: int, today: date | None = None) -> ReportStatus:
    today = today or timezone.localdate()
    page = find_report(unit, year)
    if page is None:
        status, published_on = Status.MISSING, None
    elif page.live:
        status = Status.PUBLISHED
        published_on = timezone.localtime(page.first_published_at).date() if page.first_published_at else None
    elif page.workflow_in_progress:
        status, published_on = Status.IN_REVIEW, None
    else:
        status, published_on = Status.DRAFT, None
    return ReportStatus(unit, year, ReportKind.OGI, due_date(unit, year), status, page, published_on, today)


def website_status(year: int, today: date | None = None) -> ReportStatus:
    today = today or timezone.localdate()
    report = WebsiteReport.objects.filter(year=year).first()
    if report is None:
        status, published_on = Status.MISSING, None
    elif report.is_published:
        status, published_on = Status.PUBLISHED, timezone.localtime(report.published_at).date()
    else:
        status, published_on = Status.DRAFT, None
    return ReportStatus(
        None, year, ReportKind.WEBSITE, website_due_date(year), status, report, published_on, today
    )


def report_statuses(units, year: int, today: date | None = None) -> list[ReportStatus]:
    return [report_status(unit, year, today) for unit in units]


def reporting_year(today: date | None = None) -> int:
    """The year whose reports are being written: last year's."""
    return (today or timezone.localdate()).year - 1


# --- reminders -----------------------------------------------------------------------------------


def _stage(status: ReportStatus) -> str | None:
    """Which reminder is due today: 10 or 3 working days before, or overdue; None before that."""
    if status.is_done:
        return None
    if status.today > status.due_on:
        return OVERDUE_STAGE
    for days in sorted(REMINDER_WORKING_DAYS):
        if status.today >= working_days_before(status.due_on, days):
            return str(days)
    return None


def _remind(status: ReportStatus, stage: str, recipients: list[str], subject: str, body: str) -> bool:
    with transaction.atomic():
        _reminder, created = ReportReminder.objects.get_or_create(
            kind=status.kind,
            unit=status.unit,
            year=status.year,
            stage=stage,
            defaults={"sent_on": status.today},
        )
        if created:
            mail_staff(recipients, subject, body)
    return created


def send_reminders(today: date | None = None) -> int:
    """Remind each unit of its unpublished report from 10 working days before the due date (again
    at 3), and the county administrators of every overdue one; each reminder once. Returns how
    many were sent."""
    today = today or timezone.localdate()
    year = reporting_year(today)
    sent = 0
    admins = addresses(county_admins())
    for unit in counting.reporting_units():
        status = report_status(unit, year, today)
        stage = _stage(status)
        if stage is None:
            continue
        args = {"unit": unit.name, "year": year, "due": status.due_on.isoformat(), "status": status.label}
        if stage == OVERDUE_STAGE:
            subject = _("%(unit)s %(year)d 年度政府信息公开工作年度报告逾期未发布") % args
            body = (
                _("%(unit)s %(year)d 年度政府信息公开工作年度报告应于 %(due)s 前发布，目前状态：%(status)s。")
                % args
            )
            recipients = sorted(set(admins) | set(addresses(unit_staff(unit))))
        else:
            args["days"] = status.remaining
            subject = _("%(unit)s %(year)d 年度政府信息公开工作年度报告将于 %(due)s 到期") % args
            body = (
                _(
                    "%(unit)s %(year)d 年度政府信息公开工作年度报告应于 %(due)s 前发布，还有 %(days)d 个工作日，"
                    "目前状态：%(status)s。请在管理后台“年度报告”中生成、填写并提交审核。"
                )
                % args
            )
            recipients = addresses(unit_staff(unit))
        sent += _remind(status, stage, recipients, subject, body)
    status = website_status(year, today)
    stage = _stage(status)
    if stage is not None:
        args = {"year": year, "due": status.due_on.isoformat(), "status": status.label}
        subject = _("%(year)d 年度政府网站工作年度报表应于 %(due)s 前在首页发布") % args
        body = (
            _("%(year)d 年度政府网站工作年度报表应于 %(due)s 前在门户首页发布，目前状态：%(status)s。") % args
        )
        sent += _remind(status, stage, admins, subject, body)
    return sent
