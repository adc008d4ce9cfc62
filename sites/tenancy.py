"""Which part of the page tree a user works in.

Wagtail scopes the explorer, editing and admin search by page permissions, but its
page chooser lists every page. These helpers give the chooser the same limits.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.models import GroupPagePermission, Page
from wagtail.query import PageQuerySet

from .models import COUNTY_ADMINS_GROUP, Unit, UnitQuerySet, UnitSectionPage


def inside_subtrees(paths: Iterable[str]) -> Q:
    """Pages in the subtrees at these tree paths, the roots included; nothing when there are none."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def permitted_roots(user) -> PageQuerySet:
    """The pages on which the user's groups hold page permissions (e.g. their unit's sections)."""
    page_ids = GroupPagePermission.objects.filter(group__user=user).values_list("page_id", flat=True)
    return Page.objects.filter(id__in=page_ids)


def sees_whole_tree(user) -> bool:
    if user.is_superuser:
        return True
    return permitted_roots(user).filter(depth=1).exists()


def restrict_to_permitted_subtrees(pages: PageQuerySet, user) -> PageQuerySet:
    """Pages inside the user's permitted subtrees, plus their ancestors so they can be browsed to."""
    if sees_whole_tree(user):
        return pages
    roots = list(permitted_roots(user).only("path", "depth"))
    if not roots:
        return pages.none()
    ancestor_paths = set()
    for root in roots:
        ancestor_paths.update(root.path[: Page.steplen * depth] for depth in range(1, root.depth))
    return pages.filter(inside_subtrees(root.path for root in roots) | Q(path__in=ancestor_paths))


def is_county_admin(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.groups.filter(name=COUNTY_ADMINS_GROUP).exists():
        return True
    # Whoever holds page permissions on the root works for the whole county too.
    return sees_whole_tree(user)


def units_for_user(user) -> UnitQuerySet:
    """The units whose catalogue the user keeps: all of them for county administrators."""
    if is_county_admin(user):
        return Unit.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Unit.objects.none()
    return Unit.objects.for_user(user)


def unit_staff(unit: Unit) -> QuerySet:
    """The unit's active staff (users): the members of its editors and reviewers groups."""
    groups = [group for group in (unit.editors_group_id, unit.reviewers_group_id) if group]
    return get_user_model().objects.filter(is_active=True, groups__in=groups).distinct()


def county_wide_users() -> Q:
    """The users `is_county_admin` says yes to, as a filter on users."""
    return (
        Q(is_superuser=True)
        | Q(groups__name=COUNTY_ADMINS_GROUP)
        | Q(groups__page_permissions__page__depth=1)
    )


def county_admins() -> QuerySet:
    """The active users who work for the whole county (`is_county_admin`)."""
    return get_user_model().objects.filter(county_wide_users(), is_active=True).distinct()


def section_unit_ids(locale=None) -> dict[str, int]:
    """Each unit section's tree path mapped to its unit's id, in `locale` or in every tree.

    With `unit_id_at` it gives the unit of any number of pages from this one query, as the
    county-wide checks (sites/indicators.py) need: one lookup per page would be a query each.
    """
    sections = (
        UnitSectionPage.objects.all() if locale is None else UnitSectionPage.objects.filter(locale=locale)
    )
    return dict(sections.values_list("path", "unit_id"))


def unit_id_at(path: str, sections: dict[str, int]) -> int | None:
    """The unit whose section (in `sections`, from `section_unit_ids`) holds the page at `path`."""
    for length in {len(section_path) for section_path in sections}:
        if (unit_id := sections.get(path[:length])) is not None:
            return unit_id
    return None
