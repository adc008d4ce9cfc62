"""The participation indicators of the county's oversight (issue 14): consultations past their
outcome date, messages past their reply deadline, and valid messages unanswered for more than
three months (the national single-veto item)."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from participation.indicators import (
    find_messages_unanswered_three_months,
    find_overdue_messages,
    find_overdue_outcomes,
)
from participation.models import ConsultationOutcome, ConsultationPage, Message, MessageModeration
from participation.outcome import update_states
from sites.models import Unit
from tests.test_opinions import open_consultation

CHINA = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count()


def keys(findings) -> dict:
    return {finding.key: finding for finding in findings}


def new_message(unit: Unit, received: datetime.datetime, **fields) -> Message:
    return Message.objects.create(
        unit=unit,
        tracking_code=f"TEST{next(_numbers):06d}",
        subject="集镇路灯坏了",
        content="老街路灯坏了两周。",
        received_at=received,
        **{"moderation": MessageModeration.PUBLIC, **fields},
    )


@pytest.mark.django_db
def test_consultation_outcome_is_overdue_after_its_working_days_until_published(small_county):
    page = open_consultation()
    # Closed Monday 2026-03-02; 15 working days later (no holiday in March) is 2026-03-23.
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=datetime.datetime(2026, 2, 2, 9, 0, tzinfo=CHINA),
        closes_at=datetime.datetime(2026, 3, 2, 18, 0, tzinfo=CHINA),
        outcome_working_days=15,
    )
    update_states()
    key = f"page:{page.pk}"

    assert key not in keys(find_overdue_outcomes(datetime.date(2026, 3, 23)))
    finding = keys(find_overdue_outcomes(datetime.date(2026, 3, 24)))[key]
    assert finding.unit_id == Unit.objects.get(slug="pingyuan").pk
    assert finding.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert finding.since == datetime.date(2026, 3, 24)

    ConsultationOutcome.objects.create(
        consultation=page, summary="采纳了多数意见。", published_at=timezone.now()
    )
    update_states()
    assert key not in keys(find_overdue_outcomes(datetime.date(2026, 3, 24)))


@pytest.mark.django_db
def test_message_is_overdue_after_its_reply_deadline_until_answered(small_county):
    scjg = Unit.objects.get(slug="scjg")
    # Received Monday 2026-03-02; 10 working days later is 2026-03-16.
    message = new_message(scjg, datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA))
    new_message(
        scjg, datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA), moderation=MessageModeration.INVALID
    )
    key = f"message:{message.pk}"

    assert key not in keys(find_overdue_messages(datetime.date(2026, 3, 16)))
    findings = keys(find_overdue_messages(datetime.date(2026, 3, 17)))
    assert list(findings) == [key]
    assert findings[key].unit_id == scjg.pk
    assert findings[key].url == reverse("messages_admin:edit", args=[message.pk])
    assert findings[key].since == datetime.date(2026, 3, 17)

    Message.objects.filter(pk=message.pk).update(
        reply="已修复。", replied_at=datetime.datetime(2026, 3, 18, 9, 0, tzinfo=CHINA)
    )
    assert key not in keys(find_overdue_messages(datetime.date(2026, 3, 18)))
    # Still overdue on the day before it was answered.
    assert key in keys(find_overdue_messages(datetime.date(2026, 3, 17)))


@pytest.mark.django_db
def test_valid_message_unanswered_for_more_than_three_months_is_found(small_county):
    pingyuan = Unit.objects.get(slug="pingyuan")
    message = new_message(pingyuan, datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA))
    key = f"message:{message.pk}"

    assert key not in keys(find_messages_unanswered_three_months(datetime.date(2026, 6, 2)))
    finding = keys(find_messages_unanswered_three_months(datetime.date(2026, 6, 3)))[key]
    assert finding.unit_id == pingyuan.pk and finding.since == datetime.date(2026, 6, 3)

    Message.objects.filter(pk=message.pk).update(reply="已答复。", replied_at=timezone.now())
    assert key not in keys(find_messages_unanswered_three_months(timezone.localdate()))
