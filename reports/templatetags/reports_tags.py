from __future__ import annotations

from django import template

from ..presentation import report_tables
from ..tables import (
    SECTION_TITLES,
    TABLE2_DOCUMENT_ITEM,
    TABLE2_DOCUMENT_MEASURES,
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
)

register = template.Library()


@register.inclusion_tag("reports/includes/tables.html")
def report_tables_of(page, cells_url: str = "") -> dict:
    """Tables 二, 三 and 四 of a report page; with `cells_url` every figure links to its records."""
    return {
        "tables": report_tables(page),
        "cells_url": cells_url,
        "titles": SECTION_TITLES,
        "item_one": TABLE2_DOCUMENT_ITEM,
        "measures": TABLE2_DOCUMENT_MEASURES,
        "organisation_columns": TABLE3_COLUMNS[1:6],
        "appeal_groups": TABLE4_GROUPS,
        "appeal_columns": TABLE4_COLUMNS,
    }
