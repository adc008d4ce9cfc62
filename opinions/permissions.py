"""Who may see and handle which opinions, opinion groups and messages.

Like the catalogue (catalogue/permissions.py): membership of a unit's editors or reviewers group
is the right to handle that unit's opinions and messages; county administrators handle every
unit's. Everyone else gets nothing, and nobody may delete an opinion or a message: they are
records the outcome and the annual report are built from.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Locale

from sites.permissions import UnitScopedPermissionPolicy as BaseUnitScopedPermissionPolicy
from sites.tenancy import is_county_admin, units_for_user

__all__ = ["UnitScopedPermissionPolicy", "can_publish_outcome", "consultations_for_user", "units_for_user"]


class UnitScopedPermissionPolicy(BaseUnitScopedPermissionPolicy):
    """Opinions, opinion groups and messages: never deleted, they are the records outcomes and
    annual reports are built from."""

    actions = frozenset({"add", "change", "view"})
    permission_cache_name = "_participation_access_cache"


def consultations_of_units(units):
    """The consultations (default-language pages) kept in these units' sections."""
    from participation.models import ConsultationPage
    from sites.models import UnitSectionPage

    sections = UnitSectionPage.objects.filter(unit__in=units, locale=Locale.get_default())
    inside = Q()
    for section in sections.only("path"):
        inside |= Q(path__startswith=section.path)
    if not inside:
        return ConsultationPage.objects.none()
    return ConsultationPage.objects.filter(inside, locale=Locale.get_default())


def consultations_for_user(user):
    return consultations_of_units(units_for_user(user))


def can_publish_outcome(user, unit) -> bool:
    """Publishing the outcome is the reviewers' step, as publishing a page is."""
    if is_county_admin(user):
        return True
    if unit is None or not unit.reviewers_group_id:
        return False
    return user.is_active and user.groups.filter(pk=unit.reviewers_group_id).exists()
