"""Tasks that belong to the project as a whole rather than to one domain."""

from celery import shared_task
from django.db import connection


@shared_task(name="cms.health_check")
def health_check() -> dict[str, str]:
    """Lets operators (and CI) confirm that a worker is up and reaches the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"worker": "ok", "database": connection.vendor}


# Messages queued before the outbox existed (as `cms.deliver_email` tasks) still go out: each
# becomes an outbox row, delivered and retried like every other.
@shared_task(name="cms.deliver_email")
def deliver_email(message: dict) -> int:
    from django.core.mail import EmailMultiAlternatives

    from operations.outbox import queue_message

    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    queue_message(email)
    return 1
