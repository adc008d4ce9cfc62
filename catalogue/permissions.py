"""Who may see and maintain which catalogue items: the unit's editors and reviewers keep its
catalogue, county administrators everyone's (sites/permissions.py); items may also be deleted."""

from __future__ import annotations

from sites.permissions import UnitScopedPermissionPolicy
from sites.tenancy import county_wide_users, is_county_admin, units_for_user

__all__ = ["CatalogueItemPermissionPolicy", "county_wide_users", "is_county_admin", "units_for_user"]


class CatalogueItemPermissionPolicy(UnitScopedPermissionPolicy):
    actions = frozenset({"add", "change", "delete", "view"})
    permission_cache_name = "_catalogue_access_cache"
