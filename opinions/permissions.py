"""Who may handle which opinions and publish a consultation's outcome.

Like the catalogue (catalogue/permissions.py): membership of a unit's editors or reviewers group
is the right to handle that unit's opinions (sites.permissions.UnitScopedPermissionPolicy,
registered in OpinionsConfig.ready()); county administrators handle every unit's. Everyone else
gets nothing, and nobody may delete an opinion: opinions are the records the outcome and the
annual report are built from. Which consultations a user works on: participation/permissions.py.
"""

from __future__ import annotations

from sites.tenancy import is_county_admin


def can_publish_outcome(user, unit) -> bool:
    """Publishing the outcome is the reviewers' step, as publishing a page is."""
    if is_county_admin(user):
        return True
    if unit is None or not unit.reviewers_group_id:
        return False
    return user.is_active and user.groups.filter(pk=unit.reviewers_group_id).exists()
