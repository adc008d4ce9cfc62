"""Admin dashboard pieces that speak of the user's own unit rather than the whole county."""

from __future__ import annotations

from django.conf import settings
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .models import Unit, UnitSectionPage


def default_language_sections(user) -> list[UnitSectionPage]:
    units = Unit.objects.for_user(user)
    return list(
        UnitSectionPage.objects.filter(unit__in=units, locale__language_code=settings.LANGUAGE_CODE)
        .select_related("unit")
        .order_by("unit__sort_order")
    )


class UnitPagesSummaryItem(PagesSummaryItem):
    """Counts the pages of the user's own section(s), not of every tree the user can browse through."""

    def __init__(self, request, sections: list[UnitSectionPage]):
        super().__init__(request)
        self.sections = sections

    def get_context_data(self, parent_context):
        total = sum(Page.objects.descendant_of(section, inclusive=True).count() for section in self.sections)
        return {
            "root_page": self.sections[0],
            "total_pages": total,
            "site_name": self.sections[0].unit.name,
        }


class MyUnitPanel(Component):
    """Where a unit's editor starts: the unit's section, its standard columns and its files."""

    name = "my_unit"
    template_name = "sites/admin/my_unit_panel.html"
    order = 50

    def __init__(self, sections: list[UnitSectionPage]):
        self.sections = sections

    def get_context_data(self, parent_context):
        return {"entries": [(section, section.get_children().specific()) for section in self.sections]}
