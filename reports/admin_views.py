"""Admin views of the annual reports: the deadline list (年报进度), generating and recounting a
unit's report, the records behind each figure, draft exports, and the portal's website report.

A unit's report is loaded through the user's units, so another unit's answers 404 exactly like one
that does not exist; the website report is the county administrators' alone.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from disclosure.models import GovernmentDocumentPage
from foi.models import Application
from sites.tenancy import is_county_admin, units_for_user

from . import counting, exports, services
from .admin_forms import WebsiteReportForm
from .models import AnnualReportPage, ReportState, WebsiteReport
from .tables import TABLE2_DOCUMENT_MEASURES, TABLE3_COLUMNS, table3_rows
from .website import recount_website, website_rows


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or services.reporting_year())
    except ValueError:
        raise Http404 from None
    services.check_year_or_404(year)
    return year


def _visible_units(request: HttpRequest):
    return counting.reporting_units().filter(pk__in=units_for_user(request.user).values("pk"))


def _report_for(request: HttpRequest, report_id: int) -> AnnualReportPage:
    """A report in the sections of the user's units, or 404: another unit's exactly like a missing one.

    The URLs name it `report_id`, not `page_id`: sites.middleware.AdminPageScopeMiddleware refuses a
    `page_id` outside the user's tree before the view runs, with the redirect of Wagtail's
    permission denied, which would tell another unit's staff that the report exists.
    """
    reports = AnnualReportPage.objects.filter(counting.inside_sections(list(_visible_units(request))))
    return get_object_or_404(reports, pk=report_id)


def index(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    units = list(_visible_units(request))
    if not units and not is_county_admin(request.user):
        raise Http404
    statuses = services.report_statuses(units, year)
    today = timezone.localdate()
    context = {
        "page_title": _("%(year)d 年度报告进度") % {"year": year},
        "year": year,
        "years": list(range(today.year, today.year - 6, -1)),
        "statuses": statuses,
        "published": sum(1 for status in statuses if status.is_done),
        "website": services.website_status(year) if is_county_admin(request.user) else None,
    }
    return TemplateResponse(request, "reports/admin/index.html", context)


@require_POST
def generate(request: HttpRequest, unit_slug: str, year: int) -> HttpResponse:
    unit = get_object_or_404(_visible_units(request), slug=unit_slug)
    column = services.annual_report_column(unit)
    if column is None or not column.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    try:
        page = services.generate_report(unit, year, request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('reports:index')}?year={year}")
    messages.success(request, _("已生成报告草稿并统计了表二、表三、表四：请填写第一、五、六部分后提交审核。"))
    return redirect("wagtailadmin_pages:edit", page.pk)


def recount(request: HttpRequest, report_id: int) -> HttpResponse:
    """GET asks to confirm (the editor's unsaved changes would be left behind); POST counts."""
    page = _report_for(request, report_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method != "POST":
        return TemplateResponse(
            request, "reports/admin/recount.html", {"page_title": _("重新统计"), "report": page}
        )
    try:
        services.recount(page, request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已按最新记录重新统计，并保存为新的草稿版本。"))
    return redirect("wagtailadmin_pages:edit", page.pk)


def cells(request: HttpRequest, report_id: int) -> HttpResponse:
    """The records behind one figure: ?table=3&row=…&column=…, ?table=2&measure=…, ?problem=N."""
    page = _report_for(request, report_id)
    draft = page.get_latest_revision_as_object()
    units = counting.covered_units(page.unit)
    figure, applications, documents = "", None, None
    if "problem" in request.GET:
        problems = draft.figures.get("problems", [])
        try:
            problem = problems[int(request.GET["problem"])]
        except (ValueError, IndexError):
            raise Http404 from None
        figure = problem["message"]
        applications = Application.objects.filter(pk__in=problem["applications"], unit__in=units)
        documents = GovernmentDocumentPage.objects.filter(pk__in=problem["documents"])
    elif request.GET.get("table") == "2":
        measures = dict(TABLE2_DOCUMENT_MEASURES)
        measure = request.GET.get("measure", "")
        if measure not in measures:
            raise Http404
        ids = counting.normative_documents(units, draft.year)[measure]
        figure = _("行政规范性文件：%(measure)s") % {"measure": measures[measure]}
        documents = GovernmentDocumentPage.objects.filter(pk__in=ids)
    else:
        rows = {row.key: row for row in table3_rows() if row.counted}
        columns = dict(TABLE3_COLUMNS)
        row, column = request.GET.get("row", ""), request.GET.get("column", "total")
        if row not in rows or column not in columns:
            raise Http404
        found, _problems = counting.application_cells(units, draft.year)
        figure = f"{rows[row].label} · {columns[column]}"
        applications = Application.objects.filter(pk__in=found.get((row, column), []))
    context = {
        "page_title": _("统计依据"),
        "report": page,
        # Not `heading`: Wagtail's header include would show it instead of the title.
        "figure": figure,
        "applications": applications.select_related("unit").order_by("unit", "year", "sequence")
        if applications is not None
        else None,
        "documents": documents.order_by("written_date", "pk") if documents is not None else None,
    }
    return TemplateResponse(request, "reports/admin/cells.html", context)


def draft_export(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    """The latest draft as XLSX or DOCX, for checking before it is published."""
    page = _report_for(request, report_id)
    draft = page.get_latest_revision_as_object()
    if not draft.has_figures():
        raise Http404
    if fmt == "xlsx":
        return exports.annual_report_xlsx_response(draft)
    if fmt == "docx":
        return exports.annual_report_docx_response(draft)
    raise Http404


# --- the website report ------------------------------------------------------------------------


def _county_admin_only(request: HttpRequest) -> None:
    if not is_county_admin(request.user):
        raise PermissionDenied


def website(request: HttpRequest, year: int) -> HttpResponse:
    _county_admin_only(request)
    services.check_year_or_404(year)
    report = WebsiteReport.objects.filter(year=year).first()
    form = WebsiteReportForm(request.POST or None, instance=report or services.new_website_report(year))
    if request.method == "POST":
        if form.is_valid():
            return _save_website_report(request, form, created=report is None)
        messages.error(request, _("报表未保存：请改正标出的错误。"))
    context = {
        "page_title": _("%(year)d 年度政府网站工作年度报表") % {"year": year},
        "year": year,
        "report": report,
        "form": form,
        "rows": website_rows(report) if report is not None and report.figures else None,
    }
    return TemplateResponse(request, "reports/admin/website.html", context)


def _save_website_report(request: HttpRequest, form: WebsiteReportForm, created: bool) -> HttpResponse:
    """Save the entries, then do what the button said: count again, publish or withdraw."""
    action = request.POST.get("action", "save")
    report = form.save()
    if created or action == "recount" or not report.figures:
        recount_website(report)
    if action == "publish":
        services.publish_website_report(report, request.user)
        messages.success(request, _("报表已保存并在门户首页发布。"))
    elif action == "unpublish":
        report.state = ReportState.DRAFT
        report.save(update_fields=["state"])
        messages.success(request, _("报表已从门户首页撤下。"))
    elif action == "recount":
        messages.success(request, _("已保存，并按最新记录重新统计。"))
    else:
        messages.success(request, _("已保存。"))
    return redirect("reports:website", report.year)


def website_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    _county_admin_only(request)
    report = get_object_or_404(WebsiteReport, year=year)
    return exports.website_report_xlsx_response(report)
