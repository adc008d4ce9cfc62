"""The outbox of outgoing e-mail: queued in the caller's transaction, delivered by the worker.

- `queue_message` writes the row and, after the commit, asks the worker to deliver it at once. If
  the broker cannot be reached then, nothing is lost: `drain` (a beat task every
  OUTBOX_DRAIN_SECONDS) sends every pending row that is due.
- A failed delivery is tried again after OUTBOX_RETRY_SECONDS, doubled at each attempt (at most
  six hours); after OUTBOX_MAX_ATTEMPTS the row is marked failed, logged at ERROR, and shown on
  the county administrators' dashboard.
- A row is locked while it is sent, so the immediate task and the drain never both send it; a
  worker that dies mid-send leaves it pending (delivery is at least once).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from .models import OutgoingMessage, OutgoingState

logger = logging.getLogger(__name__)
MAX_RETRY_DELAY = timedelta(hours=6)
DRAIN_BATCH = 100


def max_attempts() -> int:
    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8))


def retry_delay(attempts: int) -> timedelta:
    """Back-off before the next try, after `attempts` failed ones: 1, 2, 4 … minutes by default."""
    base = float(getattr(settings, "OUTBOX_RETRY_SECONDS", 60))
    return min(timedelta(seconds=base * 2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


def queue_message(message: EmailMessage) -> OutgoingMessage:
    row = OutgoingMessage.objects.create(
        subject=str(message.subject),
        body=str(message.body),
        from_email=message.from_email or "",
        recipients={
            "to": list(message.to),
            "cc": list(message.cc),
            "bcc": list(message.bcc),
            "reply_to": list(message.reply_to),
        },
        headers={str(key): str(value) for key, value in message.extra_headers.items()},
        alternatives=[[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda pk=row.pk: request_delivery(pk))
    return row


def request_delivery(message_id: int) -> None:
    """Asks the worker to send one row now; the periodic drain covers a broker that is away."""
    from .tasks import deliver_outgoing

    try:
        deliver_outgoing.apply_async((message_id,), retry=False)
    except Exception:
        # Also in eager mode (no broker): a delivery error must not undo the caller's request.
        logger.warning("outbox: could not hand message %s to the worker; the drain will send it", message_id)


def as_email(row: OutgoingMessage) -> EmailMultiAlternatives:
    recipients = row.recipients or {}
    email = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email or None,
        to=recipients.get("to", []),
        cc=recipients.get("cc", []),
        bcc=recipients.get("bcc", []),
        reply_to=recipients.get("reply_to", []),
        headers=row.headers or {},
    )
    for content, mimetype in row.alternatives or []:
        email.attach_alternative(content, mimetype)
    return email


def deliver(message_id: int) -> bool:
    """Sends one pending row with EMAIL_DELIVERY_BACKEND; True when it went out now."""
    with transaction.atomic():
        row = (
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, state=OutgoingState.PENDING)
            .first()
        )
        if row is None:
            return False
        now = timezone.now()
        row.attempts += 1
        try:
            email = as_email(row)
            email.connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
            email.send()
        except Exception as error:
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            if row.attempts >= max_attempts():
                row.state = OutgoingState.FAILED
                logger.error(
                    "outbox: message %s (%s) failed for good after %s attempts: %s",
                    row.pk,
                    row.subject,
                    row.attempts,
                    row.last_error,
                )
            else:
                row.next_attempt_at = now + retry_delay(row.attempts)
                logger.warning("outbox: message %s not sent (attempt %s): %s", row.pk, row.attempts, error)
            row.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
            return False
        row.state, row.sent_at, row.last_error = OutgoingState.SENT, now, ""
        row.save(update_fields=["attempts", "last_error", "state", "sent_at"])
        return True


def drain(limit: int = DRAIN_BATCH) -> int:
    """Sends the pending rows that are due; returns how many went out."""
    due = list(OutgoingMessage.objects.due(timezone.now()).values_list("pk", flat=True)[:limit])
    return sum(deliver(pk) for pk in due)


def retry_failed() -> int:
    """Puts the failed rows back in the queue (after the mail server was repaired)."""
    return OutgoingMessage.objects.filter(state=OutgoingState.FAILED).update(
        state=OutgoingState.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
