"""Daily reminders of the annual reports due (implemented in services.py). Scheduled by beat
(CELERY_BEAT_SCHEDULE in cms/settings)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="reports.send_reminders")
def send_reminders() -> int:
    from .services import send_reminders as send

    return send()
