"""Admin views: each unit's interpretation duties (overdue and due policies) with its "submit
together" option, and the county-wide overview for county administrators.

A unit is loaded through the user's scope (`units_for_user`), so another unit answers 404 exactly
like one that does not exist; the county overview answers 404 to everyone but county administrators.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from disclosure.models import GovernmentDocumentPage
from sites.models import Unit
from sites.tenancy import is_county_admin, units_for_user

from . import services


def may_change_setting(user, unit: Unit) -> bool:
    """The unit's reviewers (who sign documents off) and county administrators set the option."""
    if is_county_admin(user):
        return True
    return unit.reviewers_group_id is not None and user.groups.filter(pk=unit.reviewers_group_id).exists()


def index(request: HttpRequest) -> HttpResponse:
    units = list(units_for_user(request.user).order_by("sort_order", "pk"))
    county = is_county_admin(request.user)
    if not units and not county:
        raise Http404
    if len(units) == 1 and not county:
        return redirect("interpretation:unit", unit_slug=units[0].slug)
    return TemplateResponse(
        request,
        "interpretation/admin/choose_unit.html",
        {"units": units, "county": county, "page_title": _("政策解读时限")},
    )


def unit_duties(request: HttpRequest, unit_slug: str) -> HttpResponse:
    unit = get_object_or_404(units_for_user(request.user), slug=unit_slug)
    can_change = may_change_setting(request.user, unit)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        required = request.POST.get("require_with_policy") == "on"
        services.set_requires_interpretation_with_policy(unit, required, request.user)
        if required:
            messages.success(request, _("已设置：需要解读的政策文件须与解读同步报审。"))
        else:
            messages.success(request, _("已取消同步报审要求。"))
        return redirect("interpretation:unit", unit_slug=unit.slug)
    duties = services.interpretation_duties([unit])
    return TemplateResponse(
        request,
        "interpretation/admin/unit_duties.html",
        {
            "unit": unit,
            "page_title": _("%(unit)s · 政策解读时限") % {"unit": unit.name},
            "overdue": [duty for duty in duties if duty.is_overdue],
            "pending": [duty for duty in duties if duty.is_pending],
            "done": sorted(
                (duty for duty in duties if duty.is_done), key=lambda duty: duty.published, reverse=True
            ),
            "working_days": services.INTERPRETATION_WORKING_DAYS,
            "require_with_policy": services.requires_interpretation_with_policy(unit),
            "can_change": can_change,
        },
    )


def county_duties(request: HttpRequest) -> HttpResponse:
    if not is_county_admin(request.user):
        raise Http404
    duties = services.interpretation_duties()
    return TemplateResponse(
        request,
        "interpretation/admin/county_duties.html",
        {
            "page_title": _("全县政策解读时限"),
            "summaries": services.summarise_by_unit(duties),
            "overdue": [duty for duty in duties if duty.is_overdue],
            "pending": [duty for duty in duties if duty.is_pending],
            "working_days": services.INTERPRETATION_WORKING_DAYS,
        },
    )


# --- "Submit together": a policy needing interpretation waits for its interpretation ----------

# The edit and create views' buttons that send a page to review or publish it.
SENDING_ACTIONS = ("action-submit", "action-restart-workflow", "action-publish")


def _posted_draft(request) -> GovernmentDocumentPage:
    """The values of the submitted form that decide whether the document needs interpretation."""
    return GovernmentDocumentPage(
        is_normative=request.POST.get("is_normative") in ("on", "true", "True", "1"),
        interpretation_required=request.POST.get("interpretation_required", ""),
    )


def hold_back_submission(request: HttpRequest, policy, unit) -> None:
    """Turn a submission or publication the unit's rule does not allow into a plain save.

    The view then saves the editor's changes as a draft (nothing typed is lost) and the message
    says why it went no further.
    """
    sending = [name for name in SENDING_ACTIONS if request.POST.get(name)]
    if not sending:
        return
    refusal = services.submission_refusal(policy, _posted_draft(request), unit)
    if not refusal:
        return
    data = request.POST.copy()
    for name in sending:
        data.pop(name, None)
    request.POST = data
    messages.error(request, refusal)
