from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "services"
    verbose_name = _("政务服务")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from sites.permissions import UnitScopedPermissionPolicy

        from . import signals
        from .models import Handbook, LifeEvent, ServiceItem
        from .permissions import CuratorPermissionPolicy

        # A unit's own service list: its staff and the county administrators; everyone else denied.
        register_permission_policy(ServiceItem, UnitScopedPermissionPolicy(ServiceItem))
        # The county-wide lists: the county office's staff and the county administrators.
        register_permission_policy(LifeEvent, CuratorPermissionPolicy(LifeEvent))
        register_permission_policy(Handbook, CuratorPermissionPolicy(Handbook))
        signals.connect()
        # Celery's autodiscovery imports tasks modules in workers only; the web process that
        # schedules them registers them here.
        from . import tasks  # noqa: F401
