"""Unit reviewers no longer hold the page "publish" permission: their pages go public when the
review workflow approves them. Provisioning stops granting it; this takes it back on existing
installs."""

from django.db import migrations


def withdraw_reviewers_publish_permission(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Unit = apps.get_model("sites", "Unit")
    reviewer_groups = Unit.objects.exclude(reviewers_group=None).values("reviewers_group")
    editor_groups = Unit.objects.exclude(editors_group=None).values("editors_group")
    for groups in (reviewer_groups, editor_groups):
        GroupPagePermission.objects.filter(
            group__in=groups,
            permission__content_type__app_label="wagtailcore",
            permission__codename="publish_page",
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_emergency_publication"),
        ("sites", "0003_columnpage_to_disclosure"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Not reversible into the old grant on purpose: nothing should give unit staff a way round review.
    operations = [migrations.RunPython(withdraw_reviewers_publish_permission, migrations.RunPython.noop)]
