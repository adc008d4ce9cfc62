"""Public views of 我为政府网站找错: the form, the receipt with the tracking code and the look-up.
The look-up shows a report's status, reply and dates, never the reporter's name or contact."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from participation import abuse, faults
from participation.tracking import normalize_code

from .forms import ErrorReportForm, LookupForm, same_site_url
from .models import ErrorReport
from .services import ReportInput, submit_report

RECEIPT_SESSION_KEY = "errorreport_receipt"


def _hosts(request: HttpRequest) -> list[str]:
    """The host names a reported page may have: this request's and every configured site's."""
    hosts = [request.get_host()]
    hosts += [hostname for hostname in Site.objects.values_list("hostname", flat=True)]
    return hosts


def _captcha() -> bool:
    return bool(getattr(settings, "ERRORREPORTS_CAPTCHA", True))


def _initial_url(request: HttpRequest) -> str:
    """The page the citizen came from: ?url= (the footer's link), else the Referer; ours only."""
    hosts = _hosts(request)
    for candidate in (request.GET.get("url", ""), request.META.get("HTTP_REFERER", "")):
        url = same_site_url(candidate, hosts)
        if url and not url.split("?")[0].endswith(reverse("errorreports:report")):
            return url
    return ""


def _form_page(request: HttpRequest, form: ErrorReportForm, refusal: str | None = None, status: int = 200):
    return render(
        request,
        "errorreports/report.html",
        {"form": form, "refusal": refusal, "lookup_url": reverse("errorreports:lookup")},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = ErrorReportForm(
            hosts=_hosts(request), captcha=_captcha(), initial={"page_url": _initial_url(request)}
        )
        return _form_page(request, form)
    form = ErrorReportForm(request.POST, hosts=_hosts(request), captcha=_captcha())
    try:
        if abuse.ip_limited(request, "errorreports"):
            return _form_page(
                request, form, _("提交过于频繁，请一小时后再试。已填写的内容未提交，请先复制保存。"), 429
            )
        if not form.is_valid():
            return _form_page(request, form, status=400)
        data = form.cleaned_data
        report = submit_report(
            ReportInput(
                category=data["category"],
                page_url=data["page_url"],
                description=data["description"],
                name=data["name"],
                contact=data["contact"],
            )
        )
    except faults.SERVICE_ERRORS:
        faults.log_outage("error reports")
        return _form_page(request, form, faults.SERVICE_UNAVAILABLE, 503)
    request.session[RECEIPT_SESSION_KEY] = {"code": report.tracking_code}
    return HttpResponseRedirect(reverse("errorreports:submitted"))


def submitted(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    found = ErrorReport.objects.filter(tracking_code=receipt["code"]).first() if receipt else None
    if found is None:
        return HttpResponseRedirect(reverse("errorreports:report"))
    return render(
        request,
        "errorreports/submitted.html",
        {
            "code": found.tracking_code,
            "deadline": found.deadline,
            "lookup_url": reverse("errorreports:lookup"),
        },
    )


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """A report's status and reply by its tracking code. The code is random (participation/
    tracking.py) and the page shows nothing personal, so the code alone suffices; the look-ups
    are rate-limited per address against guessing."""
    form = LookupForm(request.POST or None)
    context = {"form": form, "report": None, "searched": False, "refusal": None}
    status = 200
    if request.method == "POST":
        if abuse.ip_limited(request, "errorreports-lookup"):
            context["refusal"] = _("查询过于频繁，请一小时后再试。")
            status = 429
        elif not form.is_valid():
            status = 400
        else:
            code = normalize_code(form.cleaned_data["code"])
            found = ErrorReport.objects.filter(tracking_code=code).first()
            context.update(report=found, searched=True)
            status = 200 if found else 404
    return render(request, "errorreports/lookup.html", context, status=status)
