from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "opinions"
    verbose_name = _("征求意见")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from sites.permissions import UnitScopedPermissionPolicy

        from .models import Opinion, OpinionGroup

        register_permission_policy(Opinion, UnitScopedPermissionPolicy(Opinion))
        register_permission_policy(OpinionGroup, UnitScopedPermissionPolicy(OpinionGroup))
        # Celery's autodiscovery imports tasks modules in workers only; the web process that
        # schedules them (beat entries, .delay() calls) registers them here.
        from . import tasks  # noqa: F401
