"""The 依申请公开 rule the county's oversight checks every day (issue 14, sites/indicators.py).

An application is overdue once its reply deadline (`Application.due_on`, kept by foi/services.py
from the 20 working days of 条例 Art. 33, the approved extension and the paused days) has passed
while its clock runs: the same applications the dashboard panel and the escalation mail name.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sites.indicators import Finding, Indicator
from workdays.services import working_days_between

from .models import Application


def find_overdue_applications(today: date) -> list[Finding]:
    overdue = Application.objects.overdue(today).order_by("due_on", "pk")
    return [
        Finding(
            unit_id=application.unit_id,
            key=f"application:{application.pk}",
            title=_("%(number)s（查询码 %(code)s）")
            % {"number": application.register_number, "code": application.tracking_code},
            url=reverse("foi_applications:edit", args=[application.pk]),
            since=application.due_on + timedelta(days=1),
            detail=_("答复截止日 %(due)s，已逾期 %(days)d 个工作日")
            % {
                "due": application.due_on.isoformat(),
                "days": working_days_between(application.due_on, today),
            },
        )
        for application in overdue.only("pk", "unit_id", "year", "sequence", "tracking_code", "due_on")
    ]


INDICATORS = [
    Indicator(
        key="foi.overdue_applications",
        label=gettext_lazy("依申请公开逾期未答复"),
        find=find_overdue_applications,
        help_text=gettext_lazy(
            "《政府信息公开条例》第三十三条：收到申请之日起 20 个工作日内答复，延长不超过 20 个工作日；"
            "征求第三方意见和缴费的时间不计入期限。"
        ),
    ),
]
