"""Admin views of a unit's review duties: documents due for publication and the yearly re-evaluation.

Every view loads the unit through the user's scope, so another unit answers 404 exactly like one
that does not exist.
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
from wagtail.admin.views.pages.unpublish import UnpublishView
from wagtail.models import Page

from disclosure.models import GovernmentDocumentPage
from sites.models import Unit, unit_of
from sites.tenancy import units_for_user

from . import content_checks, services
from .models import Decision


def _unit_for(request: HttpRequest, slug: str) -> Unit:
    return get_object_or_404(units_for_user(request.user), slug=slug)


def _choose_unit(request: HttpRequest, url_name: str, title: str) -> HttpResponse:
    units = list(units_for_user(request.user).order_by("kind", "name"))
    if not units:
        raise Http404
    if len(units) == 1:
        return redirect(url_name, unit_slug=units[0].slug)
    return TemplateResponse(
        request, "review/choose_unit.html", {"units": units, "url_name": url_name, "page_title": title}
    )


def deadlines_index(request: HttpRequest) -> HttpResponse:
    return _choose_unit(request, "review:deadlines", _("公开时限"))


def deadlines(request: HttpRequest, unit_slug: str) -> HttpResponse:
    unit = _unit_for(request, unit_slug)
    timers = services.disclosure_timers(unit)
    return TemplateResponse(
        request,
        "review/deadlines.html",
        {
            "unit": unit,
            "page_title": _("%(unit)s · 主动公开时限") % {"unit": unit.name},
            "overdue": [timer for timer in timers if timer.is_overdue],
            "due_soon": [timer for timer in timers if timer.is_due_soon],
            "later": [timer for timer in timers if not timer.is_overdue and not timer.is_due_soon],
            "working_days": services.PROACTIVE_DISCLOSURE_WORKING_DAYS,
        },
    )


def re_evaluation_index(request: HttpRequest) -> HttpResponse:
    return _choose_unit(request, "review:re_evaluation", _("年度复核"))


def re_evaluation(request: HttpRequest, unit_slug: str, year: int | None = None) -> HttpResponse:
    unit = _unit_for(request, unit_slug)
    this_year = timezone.localdate().year
    year = year or this_year
    if not 2000 <= year <= this_year:
        raise Http404
    errors: dict[int, str] = {}
    entered: dict[int, dict[str, str]] = {}
    if request.method == "POST":
        document = get_object_or_404(
            services.unit_documents(unit), pk=request.POST.get("document"), alias_of__isnull=True
        )
        decision, reason = request.POST.get("decision", ""), request.POST.get("reason", "")
        try:
            services.record_re_evaluation(
                document, unit=unit, year=year, decision=decision, reason=reason, user=request.user
            )
        except services.ReEvaluationError as error:
            errors[document.pk] = str(error)
            entered[document.pk] = {"decision": decision, "reason": reason}
        else:
            return _after_decision(request, unit, year, document, decision)
    rows = services.re_evaluation_rows(unit, year)
    return TemplateResponse(
        request,
        "review/re_evaluation.html",
        {
            "unit": unit,
            "year": year,
            "years": range(this_year, max(this_year - 5, 2000) - 1, -1),
            "page_title": _("%(unit)s · %(year)s 年度公开属性复核") % {"unit": unit.name, "year": year},
            "rows": rows,
            "pending": sum(1 for row in rows if row.decision is None),
            "decisions": Decision.choices,
            "errors": errors,
            "entered": entered,
        },
        status=400 if errors else 200,
    )


def _after_decision(
    request: HttpRequest, unit: Unit, year: int, document: GovernmentDocumentPage, decision: str
) -> HttpResponse:
    if decision == Decision.REDACT:
        messages.warning(
            request,
            _("已记录复核结论。请为《%(title)s》填写删减后的正文和删减后的附件，然后提交审查。")
            % {"title": document.title},
        )
        return redirect("wagtailadmin_pages:edit", document.pk)
    if decision == Decision.DISCLOSE:
        messages.success(
            request, _("已记录复核结论，《%(title)s》已转为主动公开并提交审查。") % {"title": document.title}
        )
    else:
        messages.success(
            request, _("已记录复核结论：《%(title)s》维持原公开属性。") % {"title": document.title}
        )
    return redirect(reverse("review:re_evaluation_year", args=[unit.slug, year]))


def emergency_publish(request: HttpRequest, page_id: int) -> HttpResponse:
    """紧急发布: a county administrator publishes a unit's page now, without its review, saying why."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not services.may_publish_emergency(request.user, page):
        raise PermissionDenied
    error, reason = "", ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            services.emergency_publish(page, user=request.user, reason=reason)
        except services.EmergencyPublishError as refusal:
            error = str(refusal)
        else:
            messages.warning(request, _("《%(title)s》已紧急发布，并已记录理由。") % {"title": page.title})
            return redirect("wagtailadmin_pages:edit", page.pk)
    revision = page.get_latest_revision()
    return TemplateResponse(
        request,
        "review/emergency_publish.html",
        {
            "page": page,
            "unit": unit_of(page),
            "revision": revision,
            "in_review": page.current_workflow_state is not None,
            "page_title": _("紧急发布：%(title)s")
            % {"title": revision.object_str if revision else page.title},
            "error": error,
            "reason": reason,
        },
        status=400 if error else 200,
    )


class WithdrawView(UnpublishView):
    """撤回: Wagtail's unpublish, for the reviewers of the unit that holds the page (who hold no
    publish permission, so Wagtail's own view refuses them)."""

    unpublish_url_name = "review:withdraw"

    def dispatch(self, request, *args, **kwargs):
        if not services.may_withdraw(request.user, self.object):
            raise PermissionDenied
        # Skip Wagtail's can_unpublish() check, which is the publish permission.
        return super(UnpublishView, self).dispatch(request, *args, **kwargs)


withdraw = WithdrawView.as_view()


# --- 内容检查 ---------------------------------------------------------------------------------------


def _page_in_scope(request: HttpRequest, page_id: int) -> tuple[Page, Unit]:
    """A unit's page, for the staff of that unit (and county administrators) only: any other
    page answers 404, like a page that does not exist."""
    page = get_object_or_404(Page, pk=page_id)
    unit = unit_of(page)
    if unit is None or not units_for_user(request.user).filter(pk=unit.pk).exists():
        raise Http404
    return page.specific, unit


def content_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The findings in the page's latest draft, with masking and accepting a false positive."""
    page, unit = _page_in_scope(request, pk)
    error, entered = "", {}
    if request.method == "POST":
        if not content_checks.may_accept(request.user, page, unit):
            raise PermissionDenied
        entered = {key: request.POST.get(key, "") for key in ("kind", "fingerprint", "reason")}
        try:
            content_checks.accept_finding(page, user=request.user, today=timezone.localdate(), **entered)
        except content_checks.AcceptanceError as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("已确认为误报并记录理由。"))
            return redirect("review:content_check", page.pk)
    check = content_checks.page_check(page, timezone.localdate())
    return TemplateResponse(
        request,
        "review/content_check.html",
        {
            "page": page,
            "unit": unit,
            "check": check,
            "page_title": _("内容检查：%(title)s") % {"title": page.get_admin_display_title()},
            "may_mask": content_checks.may_mask(request.user, page, unit),
            "may_accept": content_checks.may_accept(request.user, page, unit),
            "error": error,
            "entered": entered,
        },
        status=400 if error else 200,
    )


def mask_personal_data(request: HttpRequest, pk: int) -> HttpResponse:
    """一键脱敏: the page's latest draft saved again with its personal data masked."""
    page, unit = _page_in_scope(request, pk)
    if request.method != "POST":
        return redirect("review:content_check", page.pk)
    if not content_checks.may_mask(request.user, page, unit):
        raise PermissionDenied
    _revision, count = content_checks.mask_personal_data(page, request.user)
    if count:
        messages.success(request, _("已对 %(count)s 处个人信息脱敏，并保存为新版本。") % {"count": count})
    else:
        messages.info(request, _("正文中没有需要脱敏的个人信息。"))
    return redirect("review:content_check", page.pk)
