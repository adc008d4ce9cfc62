"""The oversight's scheduled work (beat, CELERY_BEAT_SCHEDULE in cms/settings): the nightly
recomputation, the weekly digest, the availability probe every few minutes."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(name="oversight.recompute")
def recompute() -> int:
    from .services import recompute as run

    return run(timezone.localdate()).scores


@shared_task(name="oversight.send_digests")
def send_digests() -> int:
    from django.conf import settings

    from .services import send_digests as send

    return send(timezone.localdate(), settings.WAGTAILADMIN_BASE_URL)


@shared_task(name="oversight.probe")
def probe() -> int:
    from .probe import probe as run

    return len(run())
