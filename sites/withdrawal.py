"""What goes off the public site together: a page's subtree, its translations, a unit's sections.

Wagtail routes a request through unpublished pages (`Page.route` checks only the last page),
and its unpublish action leaves the descendants live unless asked, so a withdrawn column would
still serve its documents, feeds and files. Here the rule is kept in one place: whenever a page
is unpublished, by anyone or anything, its live children follow, and so do the live translations
of a Chinese (default-locale) page, the source that decides each page's live state in every
language. Aliases already follow their original (Wagtail).

Deactivating a unit withdraws its sections (every language) with everything under them.
Nothing is republished silently: reactivating a unit submits its sections to the unit's review
workflow, and only when a reviewer approves a page (publishes it) do the pages withdrawn with it
come back, and only those unchanged since they were withdrawn (their latest revision is the one
that was live, i.e. already approved). A page edited since goes through review on its own; a
translation withdrawn with its source is not restored with it (it was translated from an older
source and is re-synchronised and reviewed).
"""

from __future__ import annotations

from contextvars import ContextVar

from django.utils.translation import gettext_lazy as _
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Locale, Page, PageLogEntry, Revision
from wagtail.signals import page_published, page_unpublished

WITHDRAWN_WITH_PARENT = "sites.withdrawn_with_parent"
WITHDRAWN_WITH_SOURCE = "sites.withdrawn_with_source"
WITHDRAWN_WITH_UNIT = "sites.withdrawn_with_unit"
RESTORED_WITH_PARENT = "sites.restored_with_parent"
WITHDRAWAL_ACTIONS = (WITHDRAWN_WITH_PARENT, WITHDRAWN_WITH_SOURCE, WITHDRAWN_WITH_UNIT)
# What each entry says in a page's history.
LOG_ACTION_LABELS = {
    WITHDRAWN_WITH_PARENT: _("随上级页面撤下"),
    WITHDRAWN_WITH_SOURCE: _("随中文原文撤下"),
    WITHDRAWN_WITH_UNIT: _("随单位停用撤下"),
    RESTORED_WITH_PARENT: _("随上级页面恢复发布"),
}
# The entries after which a page's live state is what a person (or this module) last decided.
LIVE_STATE_ACTIONS = (*WITHDRAWAL_ACTIONS, RESTORED_WITH_PARENT, "wagtail.publish", "wagtail.unpublish")

# Why the cascade under way withdraws pages (a unit's deactivation marks everything it takes).
_reason: ContextVar[str | None] = ContextVar("withdrawal_reason", default=None)


def withdraw(page: Page, action: str, user=None) -> None:
    """Unpublish `page` as the system's duty (the user may lack the right), recording why and
    which revision was live, so that an unchanged page can be restored with its parent."""
    page = page.specific
    # The caller's copy may be stale: a cascade under way may have withdrawn the page already.
    if not page.live or not Page.objects.filter(pk=page.pk, live=True).exists():
        return
    live_revision_id = page.live_revision_id
    UnpublishPageAction(page, user=user, log_action=False).execute(skip_permission_checks=True)
    log(instance=page, action=action, user=user, data={"revision": live_revision_id})


def follow_unpublished_page(sender, instance: Page, **kwargs) -> None:
    reason = _reason.get()
    for child in Page.objects.child_of(instance).live():
        withdraw(child, reason or WITHDRAWN_WITH_PARENT)
    if instance.alias_of_id is None and instance.locale_id == Locale.get_default().pk:
        translations = Page.objects.filter(translation_key=instance.translation_key, alias_of__isnull=True)
        for translation in translations.exclude(pk=instance.pk).live():
            withdraw(translation, reason or WITHDRAWN_WITH_SOURCE)


def restore_children_withdrawn_with(sender, instance: Page, **kwargs) -> None:
    """A page that comes back (through review) brings back the unchanged pages withdrawn with it."""
    for child in Page.objects.child_of(instance).filter(live=False, alias_of__isnull=True):
        revision_id = _restorable_revision(child)
        if revision_id is not None:
            revision = Revision.objects.get(pk=revision_id)
            PublishPageRevisionAction(revision, log_action=False).execute(skip_permission_checks=True)
            log(instance=child.specific, action=RESTORED_WITH_PARENT, data={"revision": revision_id})


def _last_live_state_entry(page: Page) -> PageLogEntry | None:
    entries = PageLogEntry.objects.filter(page=page, action__in=LIVE_STATE_ACTIONS)
    return entries.order_by("-timestamp", "-pk").first()


def _last_live_state_action(page: Page) -> str | None:
    entry = _last_live_state_entry(page)
    return entry.action if entry else None


def _restorable_revision(page: Page) -> int | None:
    entry = _last_live_state_entry(page)
    if entry is None or entry.action not in (WITHDRAWN_WITH_PARENT, WITHDRAWN_WITH_UNIT):
        return None
    revision_id = (entry.data or {}).get("revision")
    if revision_id is None or page.latest_revision_id != revision_id:
        return None
    return revision_id


def withdraw_unit(unit, user=None) -> None:
    """Take a deactivated unit's sections, in every language, and all under them off the site."""
    from .models import UnitSectionPage

    token = _reason.set(WITHDRAWN_WITH_UNIT)
    try:
        for section in UnitSectionPage.objects.filter(unit=unit).live():
            withdraw(section, WITHDRAWN_WITH_UNIT, user)
    finally:
        _reason.reset(token)


def resubmit_unit(unit, user=None) -> None:
    """A reactivated unit's withdrawn sections go to its reviewers; approval restores them."""
    from .models import UnitSectionPage

    sections = UnitSectionPage.objects.filter(unit=unit, live=False, alias_of__isnull=True)
    for section in sections:
        workflow = section.get_workflow()
        if _last_live_state_action(section) != WITHDRAWN_WITH_UNIT:
            continue
        if workflow is None or section.workflow_in_progress:
            continue
        workflow.start(section, user)


def connect() -> None:
    page_unpublished.connect(follow_unpublished_page, dispatch_uid="sites.follow_unpublished_page")
    page_published.connect(restore_children_withdrawn_with, dispatch_uid="sites.restore_children")
