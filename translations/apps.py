from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The Dai and Jingpo versions: wagtail-localize scoped to each unit, its review and report."""

    name = "translations"
    verbose_name = _("民族语言版本")
