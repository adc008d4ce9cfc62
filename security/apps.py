from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Accounts and audit (等保 2.0 level 3): second factor, password policy, the audit log."""

    name = "security"
    verbose_name = _("安全与审计")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import signals
        from .roles import ensure_auditors_group

        signals.connect()
        post_migrate.connect(ensure_auditors_group, sender=self)
