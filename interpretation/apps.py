from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interpretation"
    verbose_name = _("政策解读")

    def ready(self):
        from . import signals

        signals.connect()
