"""The names outgoing mail went by before the outbox (operations/outbox.py), kept for settings
and deployments that still say `EMAIL_BACKEND=cms.mail.CeleryEmailBackend`."""

from __future__ import annotations

from operations.mail import OutboxEmailBackend

# Mail used to be handed to Celery directly; it now goes through the outbox, which Celery drains.
CeleryEmailBackend = OutboxEmailBackend

__all__ = ["CeleryEmailBackend", "OutboxEmailBackend"]
