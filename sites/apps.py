from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "sites"
    label = "sites"
    verbose_name = _("单位与专栏")

    def ready(self):
        from . import withdrawal

        withdrawal.connect()
