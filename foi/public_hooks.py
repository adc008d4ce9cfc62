"""What the public side of 依申请公开 answers to the foundation's hooks (sites/hooks.py): the unit's
form in every section, the county's entry under the 政务公开 index, and the receiving office and
procedure in each 政府信息公开指南 column. Imported by wagtail_hooks.py."""

from __future__ import annotations

from wagtail import hooks

from sites import hooks as site_hooks
from sites.models import section_of

from .pages import ApplicationPage, ensure_application_page, ensure_county_application_page

GUIDE_COLUMN_KIND = "guide"  # disclosure.models.ColumnKind.GUIDE


@hooks.register(site_hooks.PROVISION_UNIT_SECTION)
def provision_application_page(section):
    return ensure_application_page(section)


@hooks.register(site_hooks.PROVISION_PORTAL)
def provision_county_application_page(index, locales):
    return ensure_county_application_page(index, locales)


@hooks.register(site_hooks.CONSTRUCT_COLUMN_CONTEXT)
def receiving_office_in_guide(page, request, context):
    """A unit's 政府信息公开指南: the receiving office from the unit record, its online form, and
    the procedure as an accessible flowchart."""
    if page.column_kind != GUIDE_COLUMN_KIND:
        return
    section = section_of(page)
    if section is None:
        return
    unit = section.unit
    form = ApplicationPage.objects.child_of(section).live().public().first()
    context["receiving_office"] = {"unit": unit, "form": form}
    context["column_parts"].append("foi/includes/receiving_office.html")
    context["column_parts"].append("foi/includes/procedure.html")
    context["column_stylesheets"].append("foi/foi.css")
