from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "sites"
    label = "sites"
    verbose_name = _("单位与专栏")

    def ready(self):
        from . import withdrawal

        withdrawal.connect()

        from wagtail.models import Page

        from .forms import UnitScopedPageForm

        # Every page is edited with the form that refuses another unit's files, images, pages and
        # units. Set on each page model rather than on Page, which wagtail.admin (readied after
        # this app) sets to its own form; a model with a form of its own subclasses this one.
        for model in apps.get_models():
            if issubclass(model, Page) and model is not Page and "base_form_class" not in vars(model):
                model.base_form_class = UnitScopedPageForm
