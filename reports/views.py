"""The public pages of the portal's 政府网站工作年度报表: only published reports exist here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import exports
from .services import published_website_reports
from .website import website_rows


def website_reports(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "reports/website_reports.html",
        {"page_title": _("政府网站工作年度报表"), "reports": published_website_reports()},
    )


def website_report(request: HttpRequest, year: int) -> HttpResponse:
    report = get_object_or_404(published_website_reports(), year=year)
    return TemplateResponse(
        request,
        "reports/website_report.html",
        {"page_title": str(report), "report": report, "rows": website_rows(report)},
    )


def website_report_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    report = get_object_or_404(published_website_reports(), year=year)
    return exports.website_report_xlsx_response(report)
