from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import AuditEntry

# 等保 2.0 requires at least six months of logs; a shorter setting is raised to it.
MINIMUM_RETENTION_DAYS = 180


def retention_days() -> int:
    return max(int(settings.AUDIT_RETENTION_DAYS), MINIMUM_RETENTION_DAYS)


@shared_task(name="security.purge_audit_log")
def purge_audit_log() -> int:
    """Delete audit entries older than AUDIT_RETENTION_DAYS (at least 180); returns how many."""
    cutoff = timezone.now() - timedelta(days=retention_days())
    deleted, _by_model = AuditEntry.objects.filter(time__lt=cutoff).delete()
    return deleted
