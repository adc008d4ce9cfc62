from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("公开事项标准目录")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import CatalogueItem
        from .permissions import CatalogueItemPermissionPolicy

        # Before any view asks, or Wagtail would fall back to Django model permissions, which
        # unit groups do not hold.
        register_permission_policy(CatalogueItem, CatalogueItemPermissionPolicy(CatalogueItem))
