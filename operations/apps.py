from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Keeping the site running: the outbox of outgoing mail, backups and restores."""

    name = "operations"
    label = "operations"
    verbose_name = _("运行维护")

    def ready(self):
        # Celery's autodiscovery imports tasks modules in workers only; the web process that
        # queues deliveries (after each commit) registers them here.
        from . import tasks  # noqa: F401
