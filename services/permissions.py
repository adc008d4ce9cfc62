"""Who may curate the county-wide lists (life events, the 办事一本通): the county office's staff and
the county administrators (services.may_curate), checked by Wagtail's own permission machinery."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy


class CuratorPermissionPolicy(BasePermissionPolicy):
    actions = frozenset({"add", "change", "delete", "view"})

    def _curates(self, user) -> bool:
        from .services import may_curate

        return may_curate(user)

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and self._curates(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if self.actions.intersection(actions) and self._curates(user):
            return manager.all()
        return manager.none()

    def users_with_any_permission(self, actions):
        from sites.tenancy import county_wide_users, unit_staff

        from .services import county_office

        users = get_user_model().objects.filter(is_active=True)
        if not self.actions.intersection(actions):
            return users.none()
        office = county_office()
        staff = unit_staff(office).values("pk") if office else []
        return users.filter(county_wide_users() | models_q_pk_in(staff)).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)


def models_q_pk_in(values):
    from django.db.models import Q

    return Q(pk__in=values)
