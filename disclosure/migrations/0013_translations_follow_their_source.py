"""Translations published before the Chinese source decided for every language (issue 11).

A Dai or Jingpo translation keeps the attribute and validity of its Chinese source, and leaves
the site when the source is not live or not publicly disclosed; from now on disclosure/signals.py
and sites/withdrawal.py keep it so. This brings the translations already in the database in line
once. The page's history records nothing here: a migration has no user and no log registry.
"""

from django.conf import settings
from django.db import migrations

DECIDED_FIELDS = ("disclosure_attribute", "validity", "validity_changed_on", "validity_reason")
PUBLIC_ATTRIBUTES = ("public", "redacted")


def follow_sources(apps, schema_editor):
    from wagtail.coreutils import get_supported_content_language_variant

    documents = apps.get_model("disclosure", "GovernmentDocumentPage")
    locales = apps.get_model("wagtailcore", "Locale")
    default = locales.objects.filter(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    ).first()
    if default is None:
        return
    sources = documents.objects.filter(locale=default, alias_of__isnull=True)
    for source in sources.values("translation_key", "live", *DECIDED_FIELDS):
        translations = documents.objects.filter(
            translation_key=source["translation_key"], alias_of__isnull=True
        ).exclude(locale=default)
        changed = translations.exclude(disclosure_attribute=source["disclosure_attribute"])
        withheld = not source["live"] or source["disclosure_attribute"] not in PUBLIC_ATTRIBUTES
        leaving = translations if withheld else changed
        leaving.filter(live=True).update(live=False, has_unpublished_changes=True, live_revision=None)
        translations.update(**{name: source[name] for name in DECIDED_FIELDS})


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0012_columnpage_from_sites"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(follow_sources, migrations.RunPython.noop)]
