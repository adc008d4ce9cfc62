"""Public views: the opinion form on the consultation page, the receipt, the outcome page and the
look-up by tracking code. None of them ever puts a phone number, an e-mail address or a name that
was not meant to be public into the page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from participation import abuse, faults
from participation.lookup import look_up

from .forms import OpinionForm
from .models import Opinion
from .outcome import outcome_entries, outcome_statistics
from .services import DuplicateOpinion, OpinionInput
from .services import lookup as find_opinion
from .services import submit_opinion as save_opinion

RECEIPT_SESSION_KEY = "opinion_receipt"
PUBLIC_OPINIONS_PER_PAGE = 20


def construct_consultation_context(page, request, context: dict, form=None) -> None:
    """The opinions' part of a consultation page (the CONSTRUCT_CONSULTATION_CONTEXT hook): the
    form while it accepts opinions, the public opinions, and whether their decisions show."""
    if form is None and page.accepts_opinions:
        initial = {"article": request.GET.get("article", "")}
        form = OpinionForm(consultation=page, initial=initial)
    public = Opinion.objects.filter(consultation=page.canonical).public().order_by("submitted_at", "id")
    paginator = Paginator(public, PUBLIC_OPINIONS_PER_PAGE)
    context.update(
        form=form,
        public_opinions=paginator.get_page(request.GET.get("p")),
        public_opinion_count=paginator.count,
        # Decisions show once the outcome is published (the page put it in the context).
        show_decisions=context.get("outcome") is not None,
        opinion_lookup_url=reverse("opinions:lookup"),
    )


def _render_with_errors(request, page, form, message: str | None = None, status: int = 400):
    """The page again, with the form as sent and why it was refused; nothing was saved."""
    response = page.render(request, form=form, context_overrides={"refusal": message} if message else None)
    response.status_code = status
    return response


def submit_opinion(request, page):
    """POST target of the opinion form. Refused submissions re-show the form with the reason and
    save nothing; a saved one redirects to the receipt with its tracking code."""
    if request.method != "POST":
        return HttpResponseRedirect(page.url)
    form = OpinionForm(request.POST, consultation=page)
    try:
        return _accept_opinion(request, page, form)
    except faults.SERVICE_ERRORS:
        faults.log_outage("opinions")
        return _render_with_errors(request, page, form, faults.SERVICE_UNAVAILABLE, 503)


def _accept_opinion(request, page, form):
    if not page.accepts_opinions:
        form = OpinionForm(consultation=page)
        message = (
            _("本次征求意见尚未开始，暂不接受意见。")
            if page.state == "upcoming"
            else _("本次征求意见已截止，不再接受意见。")
        )
        return _render_with_errors(request, page, form, message, status=403)
    if abuse.ip_limited(request, "opinions"):
        return _render_with_errors(
            request, page, form, _("提交过于频繁，请一小时后再试。已填写的内容未提交，请先复制保存。"), 429
        )
    if not form.is_valid():
        return _render_with_errors(request, page, form)
    data = form.cleaned_data
    if abuse.contact_limited(request, "opinions", abuse.contact_fingerprint(data["phone"], data["email"])):
        return _render_with_errors(
            request, page, form, _("同一联系方式提交过于频繁，请一小时后再试。"), status=429
        )
    try:
        opinion = save_opinion(page, OpinionInput.from_cleaned_data(data))
    except DuplicateOpinion:
        return _render_with_errors(request, page, form, _("您已提交过内容相同的意见，无需重复提交。"))
    request.session[RECEIPT_SESSION_KEY] = {
        "code": opinion.tracking_code,
        "page": page.pk,
        "emailed": bool(opinion.email),
    }
    return HttpResponseRedirect(page.url + page.reverse_subpage("submitted"))


def submitted(request, page):
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    if not receipt or receipt.get("page") != page.pk:
        return HttpResponseRedirect(page.url)
    return page.render(request, template="opinions/submitted.html", context_overrides={"receipt": receipt})


def outcome_page(request, page):
    """意见采纳情况, generated from the records and the editorial summary once published."""
    outcome = page.published_outcome
    if outcome is None:
        raise Http404
    adopted, others = outcome_entries(page)
    return page.render(
        request,
        template="participation/consultation_outcome.html",
        context_overrides={
            "outcome": outcome,
            "statistics": outcome_statistics(page),
            "adopted": adopted,
            "not_adopted": others,
            "summary_paragraphs": [line for line in outcome.summary.splitlines() if line.strip()],
        },
    )


@require_http_methods(["GET", "POST"])
def lookup(request):
    """A citizen finds their opinion and its decision with the tracking code and their contact."""
    result = look_up(request, find_opinion)
    opinion = result.found
    context = {
        "form": result.form,
        "refusal": result.refusal,
        "opinion": opinion,
        "searched": result.searched,
        "decision_public": bool(opinion and opinion.consultation.published_outcome),
    }
    return render(request, "opinions/lookup.html", context, status=result.status)
