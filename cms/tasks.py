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
