"""Signal handlers of government documents: the index number, and one disclosure state per
document across languages.

The Chinese (default-locale) source decides. When it is published, its attribute and validity
are copied to every language version; a version whose attribute changed (e.g. 公开 → 删减后公开,
whose redacted text is not yet translated and reviewed) or whose source is no longer publicly
disclosed goes off the site at once. A translation published while its source is not live and
public is withdrawn again at once: the translation views refuse it first with a message
(translations/wagtail_hooks.py), this is the last line for every other path (workflow approval,
scheduled publishing). Unpublishing the source takes the translations with it (sites/withdrawal.py).
"""

from wagtail.models import Locale
from wagtail.signals import page_published

from sites.withdrawal import WITHDRAWN_WITH_SOURCE, withdraw

from .models import PUBLIC_ATTRIBUTES, SOURCE_DECIDED_FIELDS, GovernmentDocumentPage


def issue_index_number_on_first_publish(sender, instance, **kwargs):
    from .index_numbers import issue_index_number

    issue_index_number(instance)


def follow_source_document(sender, instance: GovernmentDocumentPage, **kwargs):
    if instance.alias_of_id is not None:
        return  # Wagtail keeps aliases identical to their original.
    if instance.locale_id == Locale.get_default().pk:
        _spread_to_translations(instance)
    else:
        _align_with_source(instance)


def _spread_to_translations(source: GovernmentDocumentPage) -> None:
    translations = GovernmentDocumentPage.objects.filter(
        translation_key=source.translation_key, alias_of__isnull=True
    ).exclude(pk=source.pk)
    if source.disclosure_attribute in PUBLIC_ATTRIBUTES:
        leaving = translations.exclude(disclosure_attribute=source.disclosure_attribute)
    else:
        leaving = translations
    leaving = list(leaving.live())
    decided = {name: getattr(source, name) for name in SOURCE_DECIDED_FIELDS}
    translations.update(**decided)
    for translation in leaving:
        # Unpublishing saves the whole page: it must carry the source's values, not its old ones.
        vars(translation).update(decided)
        withdraw(translation, WITHDRAWN_WITH_SOURCE)


def _align_with_source(translation: GovernmentDocumentPage) -> None:
    source = translation.source_document
    if source.pk == translation.pk:
        return
    decided = {name: getattr(source, name) for name in SOURCE_DECIDED_FIELDS}
    GovernmentDocumentPage.objects.filter(pk=translation.pk).update(**decided)
    vars(translation).update(decided)
    if not translation.source_is_public:
        withdraw(translation, WITHDRAWN_WITH_SOURCE)


def connect() -> None:
    page_published.connect(issue_index_number_on_first_publish, sender=GovernmentDocumentPage)
    page_published.connect(follow_source_document, sender=GovernmentDocumentPage)
