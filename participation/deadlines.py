"""Deadlines in working days, from the county's official calendar (workdays app).

They are computed when shown rather than stored, so a holiday arrangement entered later
(调休 announced in November for the next year) moves every open deadline with it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from workdays.services import Deadline, add_working_days

DEFAULT_MESSAGE_REPLY_WORKING_DAYS = 10


def outcome_deadline(consultation) -> Deadline:
    """意见采纳情况 is due this many working days after the consultation closes."""
    return add_working_days(timezone.localdate(consultation.closes_at), consultation.outcome_working_days)


def message_reply_working_days() -> int:
    return int(getattr(settings, "MESSAGE_REPLY_WORKING_DAYS", DEFAULT_MESSAGE_REPLY_WORKING_DAYS))


def message_reply_deadline(message) -> Deadline:
    return add_working_days(timezone.localdate(message.received_at), message_reply_working_days())
