"""The auditor role (审计员): reads and exports the audit log, edits nothing."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

AUDITORS_GROUP = "审计员"
AUDITOR_PERMISSIONS = (("wagtailadmin", "access_admin"), ("security", "view_auditentry"))


def ensure_auditors_group(**kwargs) -> Group | None:
    """After each migrate: the auditors' group with exactly the admin and the audit log.

    It holds no page, collection or model permission, so its members see no page tree,
    no documents and no editing views."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    if kwargs.get("signal") and "plan" not in kwargs:
        # `flush` (tests between transactional cases) sends post_migrate with no plan: every group
        # is gone then, and a test restoring the database's saved rows brings this one back itself.
        return None

    # Another app's post_migrate may not have run yet on a new database.
    for label in {app for app, _code in AUDITOR_PERMISSIONS}:
        create_permissions(apps.get_app_config(label), verbosity=0)
    group, _created = Group.objects.get_or_create(name=AUDITORS_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label__in=[app for app, _code in AUDITOR_PERMISSIONS],
        codename__in=[code for _app, code in AUDITOR_PERMISSIONS],
    )
    group.permissions.add(*permissions)
    return group
