"""Outgoing mail leaves through Celery, so that a slow or absent mail server never holds up an
editor's publish or a citizen's submission.

`EMAIL_BACKEND` points here; the worker delivers each message with `EMAIL_DELIVERY_BACKEND`
(SMTP when EMAIL_HOST is set). Wagtail's workflow notifications and our own mail both use
Django's `send_mail`, so they all take this path.
"""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend


def message_to_dict(message: EmailMessage) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            (str(content), mimetype) for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def message_from_dict(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


class CeleryEmailBackend(BaseEmailBackend):
    """Queues each message as a `cms.deliver_email` task (attachments are not supported)."""

    def send_messages(self, email_messages) -> int:
        from cms.tasks import deliver_email

        sent = 0
        for message in email_messages:
            if message.attachments:
                raise ValueError("CeleryEmailBackend does not carry attachments")
            deliver_email.delay(message_to_dict(message))
            sent += 1
        return sent
