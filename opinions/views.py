"""Public views: the opinion form on the consultation page, the receipt, the outcome page and the
look-up by tracking code. None of them ever puts a phone number, an e-mail address or a name that
was not meant to be public into the page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import abuse
from .forms import OpinionForm
from .lookup import look_up
from .models import Opinion
from .services import DuplicateOpinion, OpinionInput
from .services import lookup as find_opinion
from .services import submit_opinion as save_opinion

RECEIPT_SESSION_KEY = "opinion_receipt"
PUBLIC_OPINIONS_PER_PAGE = 20


def consultation_context(request, page, form=None) -> dict:
    from participation.deadlines import outcome_deadline
    from participation.models import ConsultationState

    canonical = page.canonical
    if form is None and page.accepts_opinions:
        initial = {"article": request.GET.get("article", "")}
        form = OpinionForm(consultation=page, initial=initial)
    public = Opinion.objects.filter(consultation=canonical).public().order_by("submitted_at", "id")
    paginator = Paginator(public, PUBLIC_OPINIONS_PER_PAGE)
    public_page = paginator.get_page(request.GET.get("p"))
    outcome = page.published_outcome
    articles = list(page.articles.all())
    # A page in another language tree shows its own copy of the articles; comments go to the
    # article of the default-language page in the same position.
    keys = [article.pk for article in canonical.articles.all()]
    for position, article in enumerate(articles):
        article.comment_key = keys[position] if position < len(keys) else ""
    return {
        "form": form,
        "articles": articles,
        "public_opinions": public_page,
        "public_opinion_count": paginator.count,
        "outcome": outcome,
        "show_decisions": outcome is not None,
        "outcome_deadline": outcome_deadline(page) if page.state == ConsultationState.CLOSED else None,
        "channels": page.channels(),
    }


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
        opinion = save_opinion(
            page,
            OpinionInput(
                content=data["content"],
                stance=data["stance"],
                article=data["article"],
                name=data["name"],
                publish_name=data["publish_name"],
                phone=data["phone"],
                email=data["email"],
                consent=data["consent"],
            ),
        )
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
    from participation.outcome import outcome_entries, outcome_statistics

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
