"""The public participation rules the county's oversight checks every day (issue 14,
sites/indicators.py).

- Seed 三(二)5: after a consultation closes, its outcome (意见采纳情况) is published within the
  consultation's own number of working days (`deadlines.outcome_deadline`).
- The message board: each valid message is answered within the reply deadline
  (`deadlines.message_reply_deadline`), and none stays unanswered for more than three months,
  which fails the whole site in the national check (国办秘函〔2019〕19号, a single-veto item).

Messages are judged as they stood on the day asked about: one received later does not count,
nor an answer given later. Consultations are judged by their current state (closed, outcome not
published), as the participation overview shows them, against the day's deadline.
"""

from __future__ import annotations

import datetime
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sites.indicators import Finding, Indicator
from sites.locales import default_locale
from sites.models import Unit
from sites.tenancy import section_unit_ids, unit_id_at

from .deadlines import message_reply_deadline
from .models import Message, three_months_before
from .outcome import pending_outcomes


def day_start(day: date) -> datetime.datetime:
    """The first moment of `day` in the county's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def find_overdue_outcomes(today: date) -> list[Finding]:
    """The closed consultations whose outcome is overdue, as the participation overview lists them
    (`outcome.pending_outcomes`), for every unit."""
    sections = section_unit_ids(default_locale())
    findings = []
    for item in pending_outcomes(Unit.objects.all(), today):
        if not item.overdue:
            continue
        consultation = item.consultation
        findings.append(
            Finding(
                unit_id=unit_id_at(consultation.path, sections),
                key=f"page:{consultation.pk}",
                title=consultation.title,
                url=reverse("wagtailadmin_pages:edit", args=[consultation.pk]),
                since=item.deadline.due + timedelta(days=1),
                detail=_("%(closed)s 截止，意见采纳情况应于 %(due)s 前公布")
                % {
                    "closed": timezone.localdate(consultation.closes_at).isoformat(),
                    "due": item.deadline.due.isoformat(),
                },
            )
        )
    return findings


def unanswered_on(today: date):
    """Valid messages received by `today` and not answered by then."""
    end_of_day = day_start(today + timedelta(days=1))
    return (
        Message.objects.valid()
        .filter(received_at__lt=end_of_day)
        .filter(Q(replied_at__isnull=True) | Q(replied_at__gte=end_of_day))
        .only("pk", "unit_id", "subject", "received_at")
        .order_by("received_at", "pk")
    )


def message_finding(message: Message, since: date, detail: str) -> Finding:
    return Finding(
        unit_id=message.unit_id,
        key=f"message:{message.pk}",
        title=message.subject,
        url=reverse("messages_admin:edit", args=[message.pk]),
        since=since,
        detail=detail,
    )


def find_overdue_messages(today: date) -> list[Finding]:
    findings = []
    for message in unanswered_on(today):
        due = message_reply_deadline(message).due
        if today > due:
            findings.append(
                message_finding(
                    message,
                    due + timedelta(days=1),
                    _("%(received)s 收到，应于 %(due)s 前答复")
                    % {
                        "received": timezone.localdate(message.received_at).isoformat(),
                        "due": due.isoformat(),
                    },
                )
            )
    return findings


def find_messages_unanswered_three_months(today: date) -> list[Finding]:
    """Received before the same day three months ago (`three_months_before`), still unanswered."""
    cutoff = three_months_before(day_start(today))
    findings = []
    for message in unanswered_on(today).filter(received_at__lt=cutoff):
        received = timezone.localdate(message.received_at)
        findings.append(
            message_finding(
                message,
                # The first day on which the cutoff has passed the day it was received.
                next_three_month_day(received),
                _("%(received)s 收到，超过 3 个月未答复") % {"received": received.isoformat()},
            )
        )
    return findings


def next_three_month_day(received: date) -> date:
    """The first day whose three-months-before is after `received`."""
    day = received + timedelta(days=89)
    while three_months_before(day) <= received:
        day += timedelta(days=1)
    return day


INDICATORS = [
    Indicator(
        key="participation.overdue_outcomes",
        label=gettext_lazy("征求意见超期未公布采纳情况"),
        find=find_overdue_outcomes,
        help_text=gettext_lazy(
            "《盈江县全面推进基层政务公开标准化规范化工作实施方案》三(二)5：征求意见结束后，"
            "在规定的工作日内公布意见收集和采纳情况。"
        ),
    ),
    Indicator(
        key="participation.overdue_messages",
        label=gettext_lazy("网民留言超期未答复"),
        find=find_overdue_messages,
        help_text=gettext_lazy(
            "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》：留言应在承诺的时限内答复（本站默认 10 个工作日）。"
        ),
    ),
    Indicator(
        key="participation.messages_unanswered_three_months",
        label=gettext_lazy("留言超过 3 个月未答复"),
        find=find_messages_unanswered_three_months,
        help_text=gettext_lazy(
            "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决：有效留言超过 3 个月未答复，"
            "网站直接判定为不合格。"
        ),
        portal_only=True,
    ),
]
