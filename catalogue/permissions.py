"""Who may see and maintain which catalogue items: the unit's editors and reviewers keep its
catalogue, county administrators everyone's (sites/permissions.py); items may also be deleted."""

from __future__ import annotations

from sites.permissions import UnitScopedPermissionPolicy


class CatalogueItemPermissionPolicy(UnitScopedPermissionPolicy):
    actions = frozenset({"add", "change", "delete", "view"})
    permission_cache_name = "_catalogue_access_cache"
