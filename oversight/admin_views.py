"""Admin views of the county's oversight: the county dashboard (every unit, sortable, with its
score, indicator counts, red flags and trend), the portal's single-veto panel, the findings behind
each count, the ranking as XLSX, the 重新检查 button and the probe's measurements.

The dashboard, the ranking and the portal's pages are the county administrators' alone: to anyone
else they answer 404, as if they did not exist. A unit's findings and trend are also open to that
unit's own staff (loaded through their units), and to nobody else.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from sites.models import Unit
from sites.spreadsheets import xlsx_response
from sites.tenancy import is_county_admin, units_for_user

from . import charts, services, tasks
from .models import ProbeResult, UnitScore
from .rules import VETO_RULES

PORTAL_SLUG = "portal"
TREND_DAYS = 30


def _county_admin_only(request: HttpRequest) -> None:
    if not is_county_admin(request.user):
        raise Http404


def _day(request: HttpRequest) -> date | None:
    """?day=YYYY-MM-DD, by default the last day recomputed."""
    today = timezone.localdate()
    if request.GET.get("day"):
        try:
            return date.fromisoformat(request.GET["day"])
        except ValueError:
            raise Http404 from None
    return services.latest_day(today)


def _unit_or_portal(request: HttpRequest, unit_slug: str) -> Unit | None:
    """The unit the user works for (county administrators: any, and the portal), or 404."""
    if unit_slug == PORTAL_SLUG:
        _county_admin_only(request)
        return None
    return get_object_or_404(units_for_user(request.user), slug=unit_slug)


SORTS = {"rank", "unit", "score", "flags"}


def _sorted(rows: list[services.RankedScore], order: str) -> list[services.RankedScore]:
    key = order.removeprefix("-")
    reverse = order.startswith("-")
    if key == "unit":
        rows = sorted(rows, key=lambda row: (row.unit.sort_order, row.unit.pk))
    elif key == "flags":
        rows = sorted(rows, key=lambda row: (-len(row.score.red_flags), row.rank))
    elif key in SORTS:
        rows = sorted(rows, key=lambda row: row.rank)
    else:
        rows = sorted(rows, key=lambda row: (-row.counts.get(key, 0), row.rank))
    return list(reversed(rows)) if reverse else rows


def index(request: HttpRequest) -> HttpResponse:
    _county_admin_only(request)
    day = _day(request)
    labels = services.indicator_labels()
    rows = services.ranking(day) if day else []
    keys = sorted(
        {key for row in rows for key in row.counts},
        key=lambda key: list(labels).index(key) if key in labels else 999,
    )
    order = request.GET.get("order", "rank")
    if order.removeprefix("-") not in SORTS | set(keys):
        order = "rank"
    portal = UnitScore.objects.filter(day=day, unit__isnull=True).first() if day else None
    flagged = {flag["key"]: flag for flag in (portal.red_flags if portal else [])}
    checked = {indicator.key for indicator in services.registered_indicators()}
    vetoes = [
        {
            "rule": rule,
            "flag": flagged.get(rule.key),
            "checked": rule.key in checked,
        }
        for rule in VETO_RULES
    ]
    context = {
        "page_title": _("县级监管：各单位每日检查"),
        "day": day,
        "rows": [
            {"ranked": row, "cells": [(key, row.counts.get(key, 0)) for key in keys]}
            for row in _sorted(rows, order)
        ],
        "columns": [(key, labels.get(key, key)) for key in keys],
        "order": order,
        "portal": portal,
        "portal_findings": [
            (snapshot, labels.get(snapshot.indicator_key, snapshot.indicator_key))
            for snapshot in (services.findings_for(None, day) if day else [])
        ],
        "labels": labels,
        "vetoes": vetoes,
        "vetoed": any(veto["flag"] for veto in vetoes),
        "portal_slug": PORTAL_SLUG,
    }
    return TemplateResponse(request, "oversight/admin/index.html", context)


def findings(request: HttpRequest, unit_slug: str, key: str) -> HttpResponse:
    unit = _unit_or_portal(request, unit_slug)
    day = _day(request)
    if day is None:
        raise Http404
    snapshot = services.findings_for(unit, day, key).first()
    labels = services.indicator_labels()
    context = {
        "page_title": labels.get(key, key),
        "subtitle": unit.name if unit else _("门户网站"),
        "day": day,
        "snapshot": snapshot,
        "is_county_admin": is_county_admin(request.user),
    }
    return TemplateResponse(request, "oversight/admin/findings.html", context)


def trend(request: HttpRequest, unit_slug: str) -> HttpResponse:
    unit = _unit_or_portal(request, unit_slug)
    until = _day(request) or timezone.localdate()
    scores = UnitScore.objects.filter(day__gt=until - timedelta(days=TREND_DAYS), day__lte=until)
    scores = scores.filter(unit__isnull=True) if unit is None else scores.filter(unit=unit)
    points = list(scores.order_by("day").values_list("day", "score"))
    title = _("%(name)s 得分趋势") % {"name": unit.display_name if unit else _("门户网站")}
    small = request.GET.get("size") == "small"
    response = HttpResponse(charts.trend_svg(title, points, small=small), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


def ranking_xlsx(request: HttpRequest) -> HttpResponse:
    _county_admin_only(request)
    day = _day(request)
    if day is None:
        raise Http404
    labels = services.indicator_labels()
    rows = services.ranking(day)
    keys = sorted({key for row in rows for key in row.counts})
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("考核排名")
    sheet.append([_("%(day)s 各单位政务公开考核得分排名") % {"day": day.isoformat()}])
    sheet["A1"].font = Font(bold=True, size=14)
    header = [_("名次"), _("单位"), _("得分"), _("加分"), _("扣分"), _("单项否决")]
    sheet.append(header + [labels.get(key, key) for key in keys])
    for row in rows:
        score = row.score
        deducted = sum(float(line["points"]) for line in score.deductions)
        sheet.append(
            [
                row.rank,
                row.unit.name,
                float(score.score),
                float(score.bonus),
                deducted,
                "；".join(flag["label"] for flag in score.red_flags),
                *[row.counts.get(key, 0) for key in keys],
            ]
        )
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["F"].width = 40
    return xlsx_response(workbook, _("考核排名-%(day)s.xlsx") % {"day": day.isoformat()})


@require_POST
def recheck(request: HttpRequest) -> HttpResponse:
    """重新检查: the night's recomputation, now (queued to the worker; in-process without Redis)."""
    _county_admin_only(request)
    tasks.recompute.delay()
    messages.success(request, _("已开始重新检查全部单位，完成后刷新本页即可看到今天的结果。"))
    return redirect("oversight:index")


def probes(request: HttpRequest) -> HttpResponse:
    _county_admin_only(request)
    context = {
        "page_title": _("可用性检测记录"),
        "results": ProbeResult.objects.order_by("-at", "url")[:200],
    }
    return TemplateResponse(request, "oversight/admin/probes.html", context)
