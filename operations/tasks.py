"""The worker's side of the outbox (operations/outbox.py)."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="operations.deliver_outgoing", acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def deliver_outgoing(message_id: int) -> bool:
    """Sends one outbox row now; failures are retried by the drain, with back-off."""
    from .outbox import deliver

    return deliver(message_id)


@shared_task(name="operations.drain_outbox", acks_late=True, ignore_result=True)
def drain_outbox() -> int:
    """Scheduled by beat: sends every pending row that is due, whatever became of its task."""
    from .outbox import drain

    return drain()
