"""What a finished review workflow does: WAGTAIL_FINISH_WORKFLOW_ACTION.

Wagtail imports this while it defines its own models, so the module imports no models itself.
"""

from __future__ import annotations


def publish_approved_workflow_state(workflow_state, user=None) -> None:
    """Publish what both review steps approved.

    The approval itself is the authority to publish: the approver's page permissions are not asked
    again, since unit reviewers hold none to publish with (sites/provisioning.py)."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
