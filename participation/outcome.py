"""The consultation's schedule and its due outcome: the beat task that opens and closes
consultations, and the closed consultations whose outcome (意见采纳情况) is still due.

What the outcome says (statistics, entries, publication) is built from the opinions, in
opinions/outcome.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from .deadlines import outcome_deadline
from .models import ConsultationOutcome, ConsultationPage, ConsultationState
from .permissions import consultations_of_units


def update_states(now=None) -> int:
    """Move every consultation to the state its times give; returns how many pages changed.

    Run by Celery beat every minute (CELERY_BEAT_SCHEDULE), never by a page view: the public
    sees the same state whichever page, feed or list it reads. Published outcomes are final."""
    now = now or timezone.now()
    # A copy in another language tree made after the outcome was published (e.g. by
    # provisioning) starts without a state: it takes the published state of its original.
    published = ConsultationOutcome.objects.filter(published_at__isnull=False).values(
        "consultation__translation_key"
    )
    changed = (
        ConsultationPage.objects.filter(translation_key__in=published)
        .exclude(state=ConsultationState.OUTCOME_PUBLISHED)
        .update(state=ConsultationState.OUTCOME_PUBLISHED)
    )
    pages = ConsultationPage.objects.exclude(state=ConsultationState.OUTCOME_PUBLISHED)
    changed += (
        pages.filter(opens_at__gt=now)
        .exclude(state=ConsultationState.UPCOMING)
        .update(state=ConsultationState.UPCOMING)
    )
    changed += (
        pages.filter(opens_at__lte=now, closes_at__gt=now)
        .exclude(state=ConsultationState.OPEN)
        .update(state=ConsultationState.OPEN)
    )
    changed += (
        pages.filter(closes_at__lte=now)
        .exclude(state=ConsultationState.CLOSED)
        .update(state=ConsultationState.CLOSED)
    )
    return changed


@dataclass
class OverdueOutcome:
    consultation: ConsultationPage
    deadline: object
    overdue: bool


def pending_outcomes(units, today=None) -> list[OverdueOutcome]:
    """Closed consultations of these units whose outcome is not published, with their due date,
    most urgent first (GOV.UK lists "closed, awaiting response" the same way)."""
    today = today or timezone.localdate()
    closed = consultations_of_units(units).filter(state=ConsultationState.CLOSED).order_by("closes_at")
    result = []
    for consultation in closed:
        deadline = outcome_deadline(consultation)
        result.append(OverdueOutcome(consultation, deadline, overdue=today > deadline.due))
    result.sort(key=lambda item: item.deadline.due)
    return result
