"""Admin forms of the service register, the life events and the 办事一本通."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from disclosure.models import ColumnPage
from sites.locales import default_locale
from sites.models import Unit, UnitSectionPage
from sites.tenancy import units_for_user

from .models import Handbook, HandbookScope, HandbookState, LifeEvent, ServiceItem
from .services import county_office


class ServiceItemForm(WagtailAdminModelForm):
    class Meta:
        model = ServiceItem
        fields = ["unit", "name", "code", "kind", "theme", "audience", "sort_order"]
        widgets = {"unit": forms.Select}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        units = units_for_user(user).order_by("sort_order", "name") if user else Unit.objects.none()
        self.fields["unit"].queryset = units
        self.fields["unit"].error_messages["invalid_choice"] = _("所选单位不存在或不属于您的单位。")
        if units.count() == 1:
            self.fields["unit"].initial = units.get().pk


class ItemChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.unit.short_name or obj.unit.name}：{obj.name}"


class LifeEventForm(WagtailAdminModelForm):
    items = ItemChoices(
        label=_("所含事项"),
        queryset=ServiceItem.objects.select_related("unit"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("办成这件事需要办理的各单位事项。"),
    )

    class Meta:
        model = LifeEvent
        fields = ["name", "slug", "description", "audience", "items", "sort_order"]


class HandbookForm(WagtailAdminModelForm):
    class Meta:
        model = Handbook
        fields = ["title", "scope", "life_events", "units", "is_published", "column"]
        widgets = {"life_events": forms.CheckboxSelectMultiple, "units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.active().order_by("sort_order", "id")
        # Published in one of the county office's own columns.
        office = county_office()
        section = (
            UnitSectionPage.objects.filter(unit=office, locale=default_locale()).first() if office else None
        )
        columns = ColumnPage.objects.descendant_of(section) if section else ColumnPage.objects.none()
        self.fields["column"].queryset = columns

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope == HandbookScope.LIFE_EVENTS and not cleaned.get("life_events"):
            self.add_error("life_events", _("按主题事件编排时，请至少选择一个主题事件。"))
        if scope == HandbookScope.UNITS and not cleaned.get("units"):
            self.add_error("units", _("按单位编排时，请至少选择一个单位。"))
        return cleaned

    def save(self, commit=True):
        handbook = super().save(commit=commit)
        if commit:
            schedule(handbook)
        return handbook


def schedule(handbook: Handbook) -> None:
    """Queue the handbook's (re)generation once the transaction that changed it is committed."""
    from .tasks import generate_handbook

    Handbook.objects.filter(pk=handbook.pk).update(state=HandbookState.PENDING, progress=0, error="")
    transaction.on_commit(lambda: generate_handbook.delay(handbook.pk))
