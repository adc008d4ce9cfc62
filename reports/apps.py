from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("年度报告")

    def ready(self):
        # Celery's autodiscovery imports tasks modules in workers only; the web process that
        # schedules them registers them here.
        from . import tasks  # noqa: F401
