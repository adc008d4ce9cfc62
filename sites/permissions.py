"""A permission policy for records that belong to a unit (a model with a `unit` foreign key).

Provisioning gives unit groups no model permissions at all, and it should not have to:
membership of a unit's editors or reviewers group *is* the right to handle that unit's records.
County administrators (and superusers) handle every unit's. Nobody else gets anything, so the
policy denies by default. Subclasses say which actions it grants.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry

from .models import Unit
from .tenancy import (
    county_wide_users,
    is_county_admin,
    restrict_to_permitted_subtrees,
    unit_staff,
    units_for_user,
)


@dataclass(frozen=True)
class UnitAccess:
    whole_county: bool
    unit_ids: frozenset[int]

    @property
    def any(self) -> bool:
        return self.whole_county or bool(self.unit_ids)


class UnitScopedPermissionPolicy(BasePermissionPolicy):
    actions: frozenset[str] = frozenset({"add", "change", "view"})
    # Cached on the user object for one request, since every button and column asks again.
    permission_cache_name = "_unit_access_cache"

    def get_all_permissions_for_user(self, user) -> UnitAccess:
        if is_county_admin(user):
            return UnitAccess(whole_county=True, unit_ids=frozenset())
        return UnitAccess(False, frozenset(units_for_user(user).values_list("id", flat=True)))

    def access(self, user) -> UnitAccess:
        return self.get_cached_permissions_for_user(user)

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and self.access(user).any

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action not in self.actions:
            return False
        access = self.access(user)
        return access.whole_county or instance.unit_id in access.unit_ids

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not self.actions.intersection(actions):
            return manager.none()
        access = self.access(user)
        if access.whole_county:
            return manager.all()
        return manager.filter(unit_id__in=access.unit_ids)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions.intersection(actions):
            return users.none()
        unit_groups = Q(groups__edited_unit__isnull=False) | Q(groups__reviewed_unit__isnull=False)
        return users.filter(county_wide_users() | unit_groups).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions.intersection(actions):
            return users.none()
        unit_members = Q(pk__in=unit_staff(instance.unit).values("pk"))
        return users.filter(county_wide_users() | unit_members).distinct()


def instances_user_may_change(model, user):
    """The records of `model` the user may change, as its registered permission policy says."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, ["change"])


def usable(user, model: type[Model]) -> QuerySet | None:
    """What the user may choose for a field or block pointing at `model`: what its chooser offers.

    Pages inside the user's sections (and the county pages above them), the files and images of
    the user's collections, the user's units; everything for county administrators. None when
    `model` belongs to no unit (e.g. subject categories), which anyone may choose.
    """
    if issubclass(model, Page):
        pages = model._default_manager.all()
        return pages if is_county_admin(user) else restrict_to_permitted_subtrees(pages, user)
    if issubclass(model, Unit):
        return units_for_user(user)
    if model in (get_document_model(), get_image_model()):
        return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, ["choose"])
    return None
