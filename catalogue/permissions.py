"""Who may see and maintain which catalogue items.

Provisioning gives unit groups no model permissions at all (only admin access), and it should
not have to: membership of a unit's editors or reviewers group *is* the right to keep that unit's
catalogue. County administrators (and superusers) keep everyone's. Nobody else gets anything, so
the policy denies by default.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.provisioning import COUNTY_ADMINS_GROUP
from sites.tenancy import is_county_admin, units_for_user

__all__ = ["CatalogueItemPermissionPolicy", "county_wide_users", "is_county_admin", "units_for_user"]

ACTIONS = frozenset({"add", "change", "delete", "view"})


@dataclass(frozen=True)
class CatalogueAccess:
    whole_county: bool
    unit_ids: frozenset[int]

    @property
    def any(self) -> bool:
        return self.whole_county or bool(self.unit_ids)


def county_wide_users() -> Q:
    """The users `is_county_admin` says yes to, as a filter on users."""
    return (
        Q(is_superuser=True)
        | Q(groups__name=COUNTY_ADMINS_GROUP)
        | Q(groups__page_permissions__page__depth=1)
    )


class CatalogueItemPermissionPolicy(BasePermissionPolicy):
    # Cached on the user object for one request, since every button and column asks again.
    permission_cache_name = "_catalogue_access_cache"

    def get_all_permissions_for_user(self, user) -> CatalogueAccess:
        if is_county_admin(user):
            return CatalogueAccess(whole_county=True, unit_ids=frozenset())
        return CatalogueAccess(
            whole_county=False, unit_ids=frozenset(units_for_user(user).values_list("id", flat=True))
        )

    def access(self, user) -> CatalogueAccess:
        return self.get_cached_permissions_for_user(user)

    def user_has_permission(self, user, action) -> bool:
        return action in ACTIONS and self.access(user).any

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action not in ACTIONS:
            return False
        access = self.access(user)
        return access.whole_county or instance.unit_id in access.unit_ids

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not ACTIONS.intersection(actions):
            return manager.none()
        access = self.access(user)
        if access.whole_county:
            return manager.all()
        return manager.filter(unit_id__in=access.unit_ids)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not ACTIONS.intersection(actions):
            return users.none()
        unit_groups = Q(groups__edited_unit__isnull=False) | Q(groups__reviewed_unit__isnull=False)
        return users.filter(county_wide_users() | unit_groups).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        users = get_user_model().objects.filter(is_active=True)
        if not ACTIONS.intersection(actions):
            return users.none()
        unit = instance.unit
        return users.filter(
            county_wide_users()
            | Q(groups__in=[group for group in (unit.editors_group_id, unit.reviewers_group_id) if group])
        ).distinct()
