"""A handbook is regenerated whenever one of its guides is published or withdrawn."""

from __future__ import annotations

from django.db import transaction
from wagtail.signals import page_published, page_unpublished


def _guide_changed(sender, instance, **kwargs) -> None:
    from sites.locales import default_locale

    from .handbook import includes
    from .models import Handbook, HandbookState
    from .tasks import generate_handbook

    # The 一本通 is compiled from the Chinese guides; their Dai and Jingpo copies follow them.
    if instance.locale_id != default_locale().pk:
        return
    # A handbook already waiting for the worker will read the change when it runs.
    for handbook in Handbook.objects.exclude(state=HandbookState.PENDING):
        if includes(handbook, instance):
            Handbook.objects.filter(pk=handbook.pk).update(state=HandbookState.PENDING, progress=0)
            transaction.on_commit(lambda pk=handbook.pk: generate_handbook.delay(pk))


def connect() -> None:
    from .models import ServiceGuidePage

    page_published.connect(_guide_changed, sender=ServiceGuidePage, dispatch_uid="services_guide_published")
    page_unpublished.connect(
        _guide_changed, sender=ServiceGuidePage, dispatch_uid="services_guide_unpublished"
    )
