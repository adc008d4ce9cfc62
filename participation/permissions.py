"""Which consultations and messages a user may handle.

Membership of a unit's editors or reviewers group is the right to handle that unit's messages
(sites.permissions.UnitScopedPermissionPolicy); county administrators handle every unit's.
Nobody deletes a message: it is a record the annual report is built from. The policy is
registered in ParticipationConfig.ready().
"""

from __future__ import annotations

from wagtail.models import Locale

from sites.permissions import UnitScopedPermissionPolicy
from sites.tenancy import inside_subtrees, units_for_user


class MessagePermissionPolicy(UnitScopedPermissionPolicy):
    # Messages come from citizens only: staff answer them but do not create them.
    def user_has_permission(self, user, action) -> bool:
        return action != "add" and super().user_has_permission(user, action)


def consultations_of_units(units):
    """The consultations (default-language pages) kept in these units' sections."""
    from sites.models import UnitSectionPage

    from .models import ConsultationPage

    default = Locale.get_default()
    sections = UnitSectionPage.objects.filter(unit__in=units, locale=default).only("path")
    paths = [section.path for section in sections]
    if not paths:
        return ConsultationPage.objects.none()
    return ConsultationPage.objects.filter(inside_subtrees(paths), locale=default)


def consultations_for_user(user):
    return consultations_of_units(units_for_user(user))
