"""Who may curate the county-wide lists (life events, the 办事一本通): the county office's staff and
the county administrators (services.may_curate), checked by Wagtail's own permission machinery."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.tenancy import county_wide_users, unit_staff

from .services import county_office, may_curate


class CuratorPermissionPolicy(BasePermissionPolicy):
    actions = frozenset({"add", "change", "delete", "view"})

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and may_curate(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if self.actions.intersection(actions) and may_curate(user):
            return manager.all()
        return manager.none()

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions.intersection(actions):
            return users.none()
        office = county_office()
        office_staff = Q(pk__in=unit_staff(office).values("pk")) if office else Q(pk__in=[])
        return users.filter(county_wide_users() | office_staff).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)
