"""Daily work on applications: reminders before due dates, escalation when overdue, and the end of
applications whose correction or payment deadline passed (implemented in services.py).
Scheduled by beat (CELERY_BEAT_SCHEDULE in cms/settings)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="foi.send_due_reminders")
def send_due_reminders() -> int:
    from .services import send_due_reminders as send

    return send()


@shared_task(name="foi.close_expired")
def close_expired() -> int:
    from .services import close_expired as close

    return close()
