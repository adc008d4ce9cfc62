from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "oversight"
    verbose_name = _("县级监管")

    def ready(self):
        # Celery's autodiscovery imports tasks modules in workers only; the web process that
        # queues them (the 重新检查 button) registers them here.
        from . import tasks  # noqa: F401
