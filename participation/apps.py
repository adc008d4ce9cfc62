from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("公众参与")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import Message
        from .permissions import MessagePermissionPolicy

        register_permission_policy(Message, MessagePermissionPolicy(Message))
        # Celery's autodiscovery imports tasks modules in workers only; the web process that
        # schedules them (beat entries, .delay() calls) registers them here.
        from . import tasks  # noqa: F401
