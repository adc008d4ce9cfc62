"""`EMAIL_BACKEND` for the site: each message becomes a row of the outbox (operations/outbox.py)
inside the caller's transaction, so that a mail exists exactly when what caused it was saved.

The worker delivers the rows with `EMAIL_DELIVERY_BACKEND` (SMTP when EMAIL_HOST is set).
Wagtail's workflow notifications and our own mail both use Django's `send_mail`, so they all
take this path."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend


class OutboxEmailBackend(BaseEmailBackend):
    """Writes each message to the outbox (attachments are not supported)."""

    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        from .outbox import queue_message

        for message in email_messages:
            if message.attachments:
                raise ValueError("OutboxEmailBackend does not carry attachments")
        for message in email_messages:
            queue_message(message)
        return len(email_messages)
