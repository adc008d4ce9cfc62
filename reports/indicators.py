"""The annual reports' rule the county's oversight checks every day (issue 14, sites/indicators.py).

Each reporting unit publishes its 政府信息公开工作年度报告 for the past year by its due date
(条例 Art. 49, `services.due_date`: 31 January, the county government 31 March), and the portal
its 政府网站工作年度报表 by 31 January (`services.website_status`). One not published by then is
found until it is. `services.report_statuses` answers for one unit at a time; here the same rule
reads every unit's reports of the year at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sites.indicators import Finding, Indicator

from . import counting
from .services import due_date, reporting_year, reports_by_unit, website_status


def find_unpublished_reports(today: date) -> list[Finding]:
    year = reporting_year(today)
    units = list(counting.reporting_units())
    reports = reports_by_unit(units, year)
    index_url = f"{reverse('reports:index')}?{urlencode({'year': year})}"
    findings = []
    for unit in units:
        due = due_date(unit, year)
        pk, published_on = reports.get(unit.pk, (None, None))
        if today <= due or (published_on is not None and published_on <= today):
            continue
        findings.append(
            Finding(
                unit_id=unit.pk,
                key=f"annual_report:{unit.pk}:{year}",
                title=_("%(unit)s %(year)d 年度政府信息公开工作年度报告") % {"unit": unit.name, "year": year},
                url=reverse("wagtailadmin_pages:edit", args=[pk]) if pk else index_url,
                since=due + timedelta(days=1),
                detail=_("应于 %(due)s 前发布，尚未发布") % {"due": due.isoformat()},
            )
        )
    website = website_status(year, today)
    if today > website.due_on and (website.published_on is None or website.published_on > today):
        findings.append(
            Finding(
                unit_id=None,
                key=f"website_report:{year}",
                title=_("%(year)d 年度政府网站工作年度报表") % {"year": year},
                url=reverse("reports:website", args=[year]),
                since=website.due_on + timedelta(days=1),
                detail=_("应于 %(due)s 前在门户首页发布，尚未发布") % {"due": website.due_on.isoformat()},
            )
        )
    return findings


INDICATORS = [
    Indicator(
        key="reports.unpublished_reports",
        label=gettext_lazy("年度报告逾期未发布"),
        find=find_unpublished_reports,
        help_text=gettext_lazy(
            "《政府信息公开条例》第四十九条：县级人民政府部门、乡镇人民政府每年 1 月 31 日前公布上一年度"
            "政府信息公开工作年度报告，县级人民政府 3 月 31 日前公布；国办函〔2018〕12号：政府网站工作年度报表"
            "每年 1 月 31 日前在门户网站首页发布。"
        ),
    ),
]
