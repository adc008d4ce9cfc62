"""What the public sees of the service guides, and who curates the county-wide lists.

Every public surface (browse pages, kiosk, 一本通) starts from `public_guides()`: live, not behind a
view restriction, in the reader's language tree, in an active unit's section. An unpublished or
draft guide is on none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Locale

from sites.locales import default_locale
from sites.models import Unit, UnitKind, UnitSectionPage
from sites.tenancy import inside_subtrees, is_county_admin, unit_staff

from .models import LifeEvent, ServiceGuidePage, ServiceItem, Theme

COUNTY_OFFICE_SLUG = "xzfb"


def county_office() -> Unit | None:
    """The unit that curates life events and compiles the 一本通: the active county office."""
    return Unit.objects.active().filter(kind=UnitKind.COUNTY_OFFICE).order_by("sort_order", "id").first()


def may_curate(user) -> bool:
    """The county office's staff and the county administrators curate; nobody else."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_county_admin(user):
        return True
    unit = county_office()
    return unit is not None and unit_staff(unit).filter(pk=user.pk).exists()


def _visible_guides(locale: Locale) -> QuerySet:
    sections = UnitSectionPage.objects.live().public().filter(unit__is_active=True, locale=locale)
    inside = inside_subtrees(sections.values_list("path", flat=True))
    return ServiceGuidePage.objects.visible_to_public().filter(
        inside, locale=locale, service_item__isnull=False
    )


def public_guides(locale: Locale | None = None) -> QuerySet:
    """Guides the public may open, in `locale`'s tree (the active language's by default): live, not
    behind a view restriction, naming their 事项, in the live section of an active unit.

    The Chinese guide decides for its Dai and Jingpo copies, as for documents: a copy is public only
    while its Chinese source is (a restriction or withdrawal of the source takes the copies along)."""
    locale = locale or Locale.get_active()
    guides = _visible_guides(locale)
    source_locale = default_locale()
    if locale.pk != source_locale.pk:
        guides = guides.filter(translation_key__in=_visible_guides(source_locale).values("translation_key"))
    return guides.select_related("service_item", "service_item__unit")


def may_serve(page: ServiceGuidePage) -> bool:
    """Whether the guide's own URL may answer: it is live and in an active unit's section, and a Dai
    or Jingpo copy's Chinese source is public. (A restriction on the page itself is Wagtail's to ask
    for, before the page is served.)"""
    unit = page.unit
    if not page.live or unit is None or not unit.is_active:
        return False
    source_locale = default_locale()
    if page.locale_id == source_locale.pk:
        return True
    return _visible_guides(source_locale).filter(translation_key=page.translation_key).exists()


@dataclass
class ItemGuides:
    item: ServiceItem
    guides: list[ServiceGuidePage]


def group_by_item(guides) -> list[ItemGuides]:
    """Guides grouped under their 事项, in the items' order."""
    groups: dict[int, ItemGuides] = {}
    for guide in guides:
        groups.setdefault(guide.service_item_id, ItemGuides(guide.service_item, [])).guides.append(guide)
    ordered = sorted(groups.values(), key=lambda g: (g.item.unit.sort_order, g.item.sort_order, g.item.name))
    for group in ordered:
        group.guides.sort(key=lambda guide: guide.handling_item)
    return ordered


def guides_of_unit(unit: Unit) -> list[ItemGuides]:
    return group_by_item(public_guides().filter(service_item__unit=unit))


def guides_of_theme(theme: str) -> list[ItemGuides]:
    return group_by_item(public_guides().filter(service_item__theme=theme))


def guides_of_event(event: LifeEvent) -> list[ItemGuides]:
    return group_by_item(public_guides().filter(service_item__in=event.items.all()))


def units_with_guides() -> list[Unit]:
    ids = set(public_guides().values_list("service_item__unit_id", flat=True))
    return list(Unit.objects.filter(pk__in=ids).order_by("sort_order", "id"))


def themes_with_guides() -> list[tuple[str, str]]:
    present = set(public_guides().values_list("service_item__theme", flat=True))
    return [(value, label) for value, label in Theme.choices if value in present]


def life_events() -> list[LifeEvent]:
    """The curated life events that lead to at least one public guide (no empty tiles)."""
    ids = set(public_guides().values_list("service_item__life_events", flat=True)) - {None}
    return list(LifeEvent.objects.filter(pk__in=ids))


def public_guide(pk: int) -> ServiceGuidePage | None:
    return public_guides().filter(pk=pk).first()
