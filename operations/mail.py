"""`EMAIL_BACKEND` for the site: each message becomes a row of the outbox (operations/outbox.py)
inside the caller's transaction, so that a mail exists exactly when what caused it was saved.

The worker delivers the rows with `EMAIL_DELIVERY_BACKEND` (SMTP when EMAIL_HOST is set).
Wagtail's workflow notifications and our own mail both use Django's `send_mail`, so they all
take this path."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import translation


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


def addresses(users: Iterable) -> list[str]:
    """The users' e-mail addresses, sorted, each once; users without one are left out."""
    return sorted({user.email for user in users if user.email})


def mail_staff(recipients: list[str], subject: str, body: str) -> None:
    """Mail staff in the site's language (not the requester's) once the caller's transaction
    commits, so that a rolled-back action sends nothing."""
    if not recipients:
        return

    def send() -> None:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(subject, body, None, recipients)

    transaction.on_commit(send)
