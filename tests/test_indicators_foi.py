"""The 依申请公开 indicator of the county's oversight (issue 14): an application is found the day
after its reply deadline while unanswered, and no longer once the reply is given."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from foi.indicators import find_overdue_applications
from foi.replies import ReplyType
from foi.services import draft_reply
from tests.test_foi_services import MONDAY, fresh_calendar, staff, submit, units  # noqa: F401


def test_application_is_overdue_the_day_after_its_deadline_until_replied(units, staff):  # noqa: F811
    pingyuan, scjg = units
    application = submit(pingyuan)
    assert application.due_on == date(2026, 11, 30)
    key = f"application:{application.pk}"

    assert key not in {finding.key for finding in find_overdue_applications(date(2026, 11, 30))}
    [finding] = [finding for finding in find_overdue_applications(date(2026, 12, 2)) if finding.key == key]
    assert finding.unit_id == pingyuan.pk
    assert finding.url == reverse("foi_applications:edit", args=[application.pk])
    assert finding.since == date(2026, 12, 1)
    assert application.tracking_code in finding.title and "2 个工作日" in finding.detail
    # Another unit's applications are not this unit's findings.
    other = submit(scjg, today=date(2026, 12, 1))
    assert f"application:{other.pk}" not in {
        finding.key for finding in find_overdue_applications(date(2026, 12, 2))
    }

    draft_reply(application, user=staff["editor"], reply_type=ReplyType.PETITION, on=date(2026, 12, 2))
    assert key not in {finding.key for finding in find_overdue_applications(date(2026, 12, 3))}
