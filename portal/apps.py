from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The one app that composes the others: the site search, the demo county."""

    name = "portal"
    verbose_name = _("门户")
