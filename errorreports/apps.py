from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErrorReportsConfig(AppConfig):
    """我为政府网站找错: citizens report errors on the site, the county office answers them."""

    name = "errorreports"
    verbose_name = _("我为政府网站找错")
