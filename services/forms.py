"""The admin form of a guide: its 事项 must be its unit's, and it may go on towards publication
only with every census element filled in (a draft may be saved incomplete)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sites.forms import UnitScopedPageForm
from sites.models import unit_of

# The buttons of Wagtail's page editor that send the page on towards publication (as reports/forms.py).
ONWARD_ACTIONS = ("action-publish", "action-submit", "action-workflow-action", "action-restart-workflow")
NOT_OWN_ITEM = _("只能选择本单位的政务服务事项。")
FEE_UNSTATED = _("收费的事项须写明收费标准和收费依据；不收费的请取消勾选“收费”。")
MISSING_HERE = _("提交审核或发布前必须填写此项。")
# The census elements that are one field of the form (the others are rows of an inline panel).
ELEMENT_FIELDS = {
    "name": "service_item",
    "conditions": "conditions",
    "location": "location",
    "hours": "hours",
    "phone": "consult_phone",
}


def _rows(formset, *required: str) -> int:
    """How many rows of an inline formset are kept with every `required` field filled in."""
    if formset is None:
        return 0
    formset.is_valid()
    count = 0
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE"):
            continue
        if all(str(data.get(name) or "").strip() for name in required):
            count += 1
    return count


class ServiceGuidePageForm(UnitScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("service_item")
        unit = self._unit()
        if field is not None:
            # A guide's 事项 is its own unit's, whoever edits it (county administrators too).
            field.queryset = field.queryset.filter(unit=unit) if unit else field.queryset.none()

    def _unit(self):
        if self.parent_page is not None:
            return unit_of(self.parent_page)
        return unit_of(self.instance) if self.instance.pk else None

    def present_elements(self, cleaned: dict) -> dict[str, bool]:
        return {
            "name": bool(cleaned.get("service_item") and str(cleaned.get("title") or "").strip()),
            "basis": bool(_rows(self.formsets.get("basis"), "law")),
            "conditions": bool(str(cleaned.get("conditions") or "").strip()),
            "materials": bool(_rows(self.formsets.get("materials"), "name")),
            "location": bool(str(cleaned.get("location") or "").strip()),
            "hours": bool(str(cleaned.get("hours") or "").strip()),
            "phone": bool(str(cleaned.get("consult_phone") or "").strip()),
            "steps": bool(_rows(self.formsets.get("steps"), "name")),
        }

    def clean(self):
        from .models import incomplete_message, missing_census_elements

        cleaned = super().clean()
        item = cleaned.get("service_item")
        unit = self._unit()
        if item is not None and unit is not None and item.unit_id != unit.pk:
            self.add_error("service_item", NOT_OWN_ITEM)
        if any(action in self.data for action in ONWARD_ACTIONS):
            if cleaned.get("charged") and not (
                str(cleaned.get("fee_amount") or "").strip() and str(cleaned.get("fee_basis") or "").strip()
            ):
                self.add_error("fee_amount", FEE_UNSTATED)
            present = self.present_elements(cleaned)
            missing = missing_census_elements(present)
            if missing:
                # Marked at the field too, where the element is one field of the form.
                for key, name in ELEMENT_FIELDS.items():
                    if not present[key] and name in self.fields and name not in self.errors:
                        self.add_error(name, MISSING_HERE)
                raise ValidationError(incomplete_message(missing))
        return cleaned
