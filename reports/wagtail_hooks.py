"""Admin wiring of the annual reports (年度报告 menu, URLs, dashboard panel) and the answers to
the foundation's hooks: the reports listed in each 政府信息公开年报 column, and the website report
on the portal home page."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from sites import hooks as site_hooks
from sites.tenancy import is_county_admin, units_for_user
from sites.viewsets import UnitStaffMenuItem

from . import admin_views, counting, services
from .deadlines import EVIDENCE as DEADLINE_EVIDENCE
from .indicators import INDICATORS
from .models import ANNUAL_REPORT_COLUMN_KIND, AnnualReportPage

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("generate/<slug:unit_slug>/<int:year>/", admin_views.generate, name="generate"),
    # `report_id`, not `page_id`: the views answer another unit's report 404 (admin_views._report_for).
    path("<int:report_id>/recount/", admin_views.recount, name="recount"),
    path("<int:report_id>/cells/", admin_views.cells, name="cells"),
    path("<int:report_id>/<slug:fmt>/", admin_views.draft_export, name="draft_export"),
    path("website/<int:year>/", admin_views.website, name="website"),
    path("website/<int:year>/xlsx/", admin_views.website_xlsx, name="website_xlsx"),
]


@hooks.register("register_admin_urls")
def register_reports_urls():
    return [path("annual-reports/", include((admin_urlpatterns, "reports"), namespace="reports"))]


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return UnitStaffMenuItem(_("年度报告"), reverse("reports:index"), icon_name="table", order=780)


class ReportsDuePanel(Component):
    """On the dashboard: last year's reports of the user's units that are not yet published."""

    name = "reports_due"
    template_name = "reports/admin/due_panel.html"
    order = 66

    def __init__(self, statuses):
        self.statuses = statuses

    def get_context_data(self, parent_context):
        return {"statuses": self.statuses, "index_url": reverse("reports:index")}


@hooks.register("construct_homepage_panels")
def add_reports_due_panel(request, panels):
    if is_county_admin(request.user):
        return  # the county's list is one click away (年度报告); the dashboard stays short
    units = counting.reporting_units().filter(pk__in=units_for_user(request.user).values("pk"))
    statuses = [
        status for status in services.report_statuses(units, services.reporting_year()) if not status.is_done
    ]
    if statuses:
        panels.append(ReportsDuePanel(statuses))


@hooks.register(site_hooks.CONSTRUCT_COLUMN_CONTEXT)
def reports_in_annual_report_column(page, request, context):
    if page.column_kind != ANNUAL_REPORT_COLUMN_KIND:
        return
    context["annual_reports"] = AnnualReportPage.objects.child_of(page).live().public().order_by("-year")
    context["column_parts"].append("reports/includes/report_list.html")


@hooks.register(site_hooks.CONSTRUCT_PORTAL_HOME_CONTEXT)
def website_report_on_home(page, request, context):
    reports = list(services.published_website_reports()[:3])
    if reports:
        context["website_reports"] = reports
        context["home_parts"].append("reports/includes/home_website_report.html")


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def reports_indicators():
    return INDICATORS


@hooks.register(site_hooks.DEADLINE_EVIDENCE)
def reports_deadline_evidence():
    return DEADLINE_EVIDENCE
