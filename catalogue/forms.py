"""The admin form for catalogue items: it only ever offers the user's own units and columns."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from disclosure.models import ColumnPage
from sites.models import Unit, UnitSectionPage
from sites.tenancy import inside_subtrees, units_for_user


class ColumnChoiceField(forms.ModelChoiceField):
    """Columns labelled with their unit, since a county administrator sees every unit's."""

    def __init__(self, *args, section_names: dict[str, str], **kwargs):
        self.section_names = section_names
        super().__init__(*args, **kwargs)

    def label_from_instance(self, column: ColumnPage) -> str:
        for length in range(UnitSectionPage.steplen, len(column.path), UnitSectionPage.steplen):
            if unit_name := self.section_names.get(column.path[:length]):
                return f"{unit_name} / {column.title}"
        return column.title


class CatalogueItemForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for_user(self.for_user) if self.for_user else Unit.objects.none()
        unit_field = self.fields["unit"]
        unit_field.queryset = units
        if units.count() == 1:
            # One unit to choose from: it is chosen already.
            unit_field.empty_label = None
            unit_field.initial = units.get().pk

        # Columns of the default language tree: the catalogue is kept once per unit, and the
        # public page finds the column's translation itself.
        sections = UnitSectionPage.objects.filter(unit__in=units, locale=Locale.get_default()).select_related(
            "unit"
        )
        section_names = {section.path: section.unit.display_name for section in sections}
        columns = ColumnPage.objects.filter(inside_subtrees(section_names)).order_by("path")
        self.fields["column"] = ColumnChoiceField(
            queryset=columns,
            required=False,
            label=_("发布栏目"),
            help_text=self.fields["column"].help_text,
            section_names=section_names,
        )
