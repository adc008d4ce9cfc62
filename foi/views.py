"""The applicant's views: applying online, the receipt with the 查询码, and the look-up.

What the applicant may download (the receipt and the other notices as PDF or DOCX, the reply
letter, the reply's files) is granted to the browser session only: by submitting the
application, or by a successful look-up with the 查询码 and the last four characters of the ID
number or phone. A download address alone answers 404. Nothing here is ever cached by a shared
cache, and no page shows the ID number or the contacts back.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from participation import abuse, faults
from participation.tracking import normalize_code

from . import services
from .forms import ApplicationForm, LookupForm
from .letters import notice_response
from .models import CLOCK_RUNNING, Application, EventKind, NoticeKind, State
from .pages import private_response

RECEIPT_SESSION_KEY = "foi_receipt"
GRANTED_SESSION_KEY = "foi_applications"
# Only so many applications are remembered per session (a shared computer in a service hall).
MAX_GRANTED = 10
RATE_GROUP = "foi"
LOOKUP_RATE_GROUP = "foi-lookup"
DOWNLOAD_FORMATS = ("pdf", "docx")

# What the applicant sees of the handling: the steps that concern them, never who did them.
APPLICANT_EVENTS = (
    EventKind.RECEIVED,
    EventKind.CORRECTION_REQUESTED,
    EventKind.CORRECTED,
    EventKind.ACCEPTED,
    EventKind.CONSULTATION_STARTED,
    EventKind.CONSULTATION_ENDED,
    EventKind.EXTENDED,
    EventKind.FEE_NOTIFIED,
    EventKind.FEE_PAID,
    EventKind.TRANSFERRED,
    EventKind.REPLIED,
    EventKind.ARCHIVED,
)
# Letters addressed to the applicant (a third party's consultation letter is not theirs).
APPLICANT_NOTICES = (
    NoticeKind.RECEIPT,
    NoticeKind.CORRECTION,
    NoticeKind.EXTENSION,
    NoticeKind.FEE,
    NoticeKind.REPLY,
)


def grant(request, application: Application) -> None:
    granted = [pk for pk in request.session.get(GRANTED_SESSION_KEY, []) if pk != application.pk]
    request.session[GRANTED_SESSION_KEY] = [application.pk, *granted][:MAX_GRANTED]


def granted_application(request, application_id: int) -> Application:
    if application_id not in request.session.get(GRANTED_SESSION_KEY, []):
        raise Http404
    return get_object_or_404(Application.objects.select_related("unit"), pk=application_id)


# --- applying ----------------------------------------------------------------------------------


def _refuse(request, page, form, message: str | None, status: int):
    """The page again with the form as sent (every typed value) and why it was refused."""
    response = page.render(request, form=form, context_overrides={"refusal": message} if message else None)
    response.status_code = status
    return response


def apply(request, page):
    if request.method != "POST":
        return page.render(request)
    form = ApplicationForm(request.POST, request.FILES)
    try:
        return _accept(request, page, form)
    except faults.SERVICE_ERRORS:
        faults.log_outage("foi application")
        return _refuse(request, page, form, faults.SERVICE_UNAVAILABLE, 503)


def _accept(request, page, form: ApplicationForm):
    if abuse.ip_limited(request, RATE_GROUP):
        return _refuse(
            request, page, form, _("提交过于频繁，请一小时后再试。已填写的内容未提交，请先复制保存。"), 429
        )
    if not form.is_valid():
        return _refuse(request, page, form, None, 400)
    data = form.cleaned_data
    if abuse.contact_limited(request, RATE_GROUP, abuse.contact_fingerprint(data["phone"], data["email"])):
        return _refuse(request, page, form, _("同一联系方式提交过于频繁，请一小时后再试。"), 429)
    try:
        application = services.submit_application(form.applicant_input(page.unit))
    except services.TransitionRefused as refusal:
        # The service's own checks (the same as the form's), shown on the field at fault.
        for field_name, errors in getattr(refusal, "error_dict", {None: refusal.error_list}).items():
            form.add_error(field_name if field_name in form.fields else None, errors)
        return _refuse(request, page, form, None, 400)
    grant(request, application)
    request.session[RECEIPT_SESSION_KEY] = {"application": application.pk, "page": page.pk}
    return HttpResponseRedirect(page.url + page.reverse_subpage("submitted"))


def submitted(request, page):
    """The 查询码, shown once: the receipt leaves the session as it is shown (a reload, or the
    next person at a shared computer, gets the form). The downloads stay granted."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    if not receipt or receipt.get("page") != page.pk:
        return HttpResponseRedirect(page.url)
    application = Application.objects.filter(pk=receipt["application"]).select_related("unit").first()
    if application is None:
        return HttpResponseRedirect(page.url)
    return page.render(
        request,
        template="foi/application_submitted.html",
        context_overrides={
            "application": application,
            "deadline": services.reply_deadline(application),
            "receipt_notice": application.notices.filter(kind=NoticeKind.RECEIPT).first(),
            "emailed": bool(application.email),
        },
    )


# --- the look-up -------------------------------------------------------------------------------


def find(code: str, last_four: str) -> Application | None:
    code = normalize_code(code)
    if not code:
        return None
    return services.find_for_applicant(code, last_four)


def status_context(application: Application) -> dict:
    """What the applicant reads of their application: no ID number, no contacts, no staff."""
    state = application.state
    closed = application.is_closed
    # The applicant's own deadline while the clock waits for them (the correction or the fee).
    waits_for_applicant = state in (State.CORRECTION, State.FEE_NOTICE)
    # Before the correction arrives the reply clock has not started.
    deadline = services.reply_deadline(application) if not closed and state != State.CORRECTION else None
    return {
        "application": application,
        "events": application.events.filter(kind__in=APPLICANT_EVENTS).select_related("to_unit"),
        "notices": application.notices.filter(kind__in=APPLICANT_NOTICES).order_by("issued_on", "pk"),
        "reply_files": application.reply_files.all() if closed else [],
        "deadline": deadline,
        "clock_paused": state in (State.CONSULTATION, State.FEE_NOTICE),
        "clock_running": state in CLOCK_RUNNING,
        "applicant_due_on": application.pause_due_on if waits_for_applicant else None,
    }


@require_http_methods(["GET", "POST"])
def lookup(request):
    try:
        return private_response(_lookup(request))
    except faults.SERVICE_ERRORS:
        faults.log_outage("foi lookup")
        form = LookupForm(request.POST or None)
        context = {"form": form, "refusal": faults.SERVICE_UNAVAILABLE}
        return private_response(render(request, "foi/lookup.html", context, status=503))


def _lookup(request):
    if request.method != "POST":
        return render(request, "foi/lookup.html", {"form": LookupForm()})
    form = LookupForm(request.POST)
    if abuse.ip_limited(request, LOOKUP_RATE_GROUP):
        context = {"form": form, "refusal": _("查询过于频繁，请一小时后再试。")}
        return render(request, "foi/lookup.html", context, status=429)
    if not form.is_valid():
        return render(request, "foi/lookup.html", {"form": form}, status=400)
    application = find(form.cleaned_data["code"], form.cleaned_data["last_four"])
    # The last four are never echoed back; the code is shown as issued.
    shown_code = application.tracking_code if application else form.cleaned_data["code"]
    context = {"form": LookupForm(initial={"code": shown_code}), "searched": True}
    if application is None:
        return render(request, "foi/lookup.html", context, status=404)
    grant(request, application)
    context.update(status_context(application))
    return render(request, "foi/lookup.html", context)


def notice_download(request, application_id: int, notice_id: int, fmt: str):
    application = granted_application(request, application_id)
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    notice = get_object_or_404(application.notices.filter(kind__in=APPLICANT_NOTICES), pk=notice_id)
    return private_response(notice_response(notice, fmt))


def reply_file_download(request, application_id: int, file_id: int):
    application = granted_application(request, application_id)
    if not application.is_closed:
        raise Http404
    reply_file = get_object_or_404(application.reply_files, pk=file_id)
    name = reply_file.file.name.rsplit("/", 1)[-1]
    response = FileResponse(reply_file.file.open("rb"), as_attachment=True, filename=name)
    return private_response(response)
