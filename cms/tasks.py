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


@shared_task(name="cms.deliver_email", autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def deliver_email(message: dict) -> int:
    """Sends one queued message with the real backend; retried while the mail server is away."""
    from django.conf import settings
    from django.core.mail import get_connection

    from cms.mail import message_from_dict

    email = message_from_dict(message)
    email.connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    return email.send()
