"""A handbook is regenerated whenever one of its guides is published or withdrawn."""

from __future__ import annotations

from django.db import transaction
from wagtail.signals import page_published, page_unpublished


def _guide_changed(sender, instance, **kwargs) -> None:
    from .handbook import includes
    from .models import Handbook, HandbookState
    from .tasks import generate_handbook

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
