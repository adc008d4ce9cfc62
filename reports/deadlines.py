"""The annual report's evidence for the county's deadline registry (sites/deadlines.py): a task
due on a day of year Y is met by the unit's 政府信息公开工作年度报告 of year Y − 1 once it is live
(条例 Art. 49: 每年1月31日前公布上一年度的年度报告), done on the day it was first published."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sites.deadlines import DeadlineEvidence, Evidence

from . import counting
from .services import reports_by_unit


def find_published_reports(due_on: date, day: date) -> dict[int, Evidence]:
    year = due_on.year - 1
    index_url = f"{reverse('reports:index')}?{urlencode({'year': year})}"
    evidence = {}
    for unit_id, (pk, published_on) in reports_by_unit(list(counting.reporting_units()), year).items():
        url = reverse("wagtailadmin_pages:edit", args=[pk])
        if published_on is not None and published_on <= day:
            detail = _("%(year)d 年度报告已于 %(day)s 发布") % {"year": year, "day": published_on.isoformat()}
            evidence[unit_id] = Evidence(done=True, done_on=published_on, url=url, detail=detail)
        else:
            evidence[unit_id] = Evidence(
                done=False, url=url, detail=_("%(year)d 年度报告尚未发布") % {"year": year}
            )
    for unit_id in counting.reporting_units().exclude(pk__in=evidence).values_list("pk", flat=True):
        evidence[unit_id] = Evidence(
            done=False, url=index_url, detail=_("%(year)d 年度报告尚未生成") % {"year": year}
        )
    return evidence


EVIDENCE = [
    DeadlineEvidence(
        key="reports.annual_report_published",
        label=gettext_lazy("发布上一年度政府信息公开工作年度报告"),
        find=find_published_reports,
        help_text=gettext_lazy(
            "《政府信息公开条例》第四十九条：每年1月31日前公布上一年度政府信息公开工作年度报告；"
            "以本单位年度报告首次发布的日期为完成日期。"
        ),
    ),
]
