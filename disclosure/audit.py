"""The audit trail of a document's life cycle: attribute and validity changes, with who and when.

Wagtail already logs edits, publishing, unpublishing and review decisions; these entries join
them in the page's history and in the site history report (exportable as XLSX or CSV).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter, log

ATTRIBUTE_CHANGED = "disclosure.change_attribute"
VALIDITY_CHANGED = "disclosure.change_validity"


def log_lifecycle_changes(page, before: dict, user, revision) -> None:
    """Log what changed since the previous revision (`before` is that revision's content)."""
    if before.get("disclosure_attribute") != page.disclosure_attribute:
        log(
            instance=page,
            action=ATTRIBUTE_CHANGED,
            user=user,
            revision=revision,
            data={"from": before.get("disclosure_attribute") or "", "to": page.disclosure_attribute},
        )
    if before.get("validity", "valid") != page.validity:
        log(
            instance=page,
            action=VALIDITY_CHANGED,
            user=user,
            revision=revision,
            data={
                "from": before.get("validity") or "",
                "to": page.validity,
                "date": page.validity_changed_on.isoformat() if page.validity_changed_on else "",
                "reason": page.validity_reason,
            },
        )


class AttributeChangeFormatter(LogFormatter):
    label = gettext_lazy("更改公开属性")

    def format_message(self, log_entry):
        from .models import DisclosureAttribute

        labels = dict(DisclosureAttribute.choices)
        return _("公开属性由“%(before)s”改为“%(after)s”") % {
            "before": labels.get(log_entry.data.get("from"), _("未选择")),
            "after": labels.get(log_entry.data.get("to"), log_entry.data.get("to")),
        }


class ValidityChangeFormatter(LogFormatter):
    label = gettext_lazy("更改有效性")

    def format_message(self, log_entry):
        from .models import Validity

        labels = dict(Validity.choices)
        message = _("有效性由“%(before)s”改为“%(after)s”") % {
            "before": labels.get(log_entry.data.get("from"), "—"),
            "after": labels.get(log_entry.data.get("to"), "—"),
        }
        if log_entry.data.get("reason"):
            message += _("（%(date)s，%(reason)s）") % {
                "date": log_entry.data.get("date", ""),
                "reason": log_entry.data["reason"],
            }
        return message
