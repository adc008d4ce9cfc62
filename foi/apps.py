from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "foi"
    verbose_name = _("依申请公开")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from sites.permissions import UnitScopedPermissionPolicy

        from .models import Appeal, Application

        # Only the handling unit's staff and the county administrators: everyone else is denied.
        register_permission_policy(Application, UnitScopedPermissionPolicy(Application))
        register_permission_policy(Appeal, UnitScopedPermissionPolicy(Appeal))
        # Celery's autodiscovery imports tasks modules in workers only; the web process that
        # schedules them registers them here.
        from . import tasks  # noqa: F401
