"""The 找错 rule the county's oversight checks every day (issue 14, sites/indicators.py): a report
from 我为政府网站找错 not answered by its reply deadline counts against the county office that
handles it (or the portal, when the county has no county office)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sites.indicators import Finding, Indicator
from workdays.services import working_days_between

from .models import ErrorReport


def find_overdue_reports(today: date) -> list[Finding]:
    overdue = ErrorReport.objects.overdue(today).order_by("due_date", "pk")
    return [
        Finding(
            unit_id=report.unit_id,
            key=f"errorreport:{report.pk}",
            title=_("网站找错 %(code)s（%(category)s）")
            % {"code": report.tracking_code, "category": report.get_category_display()},
            url=reverse("errorreports_admin:answer", args=[report.pk]),
            since=report.due_date + timedelta(days=1),
            detail=_("答复期限 %(due)s，已逾期 %(days)d 个工作日")
            % {"due": report.due_date.isoformat(), "days": working_days_between(report.due_date, today)},
        )
        for report in overdue.only("pk", "unit_id", "tracking_code", "category", "due_date")
    ]


INDICATORS = [
    Indicator(
        key="errorreports.overdue_reports",
        label=gettext_lazy("网站找错逾期未答复"),
        find=find_overdue_reports,
        help_text=gettext_lazy(
            "“我为政府网站找错”收到的网民留言应在答复期限内处理并答复（默认 5 个工作日）；"
            "国办秘函〔2019〕19号将未按期答复计入检查。"
        ),
    ),
]
