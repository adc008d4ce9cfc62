from __future__ import annotations

from django import template

from .. import tables
from ..presentation import report_tables

register = template.Library()


@register.inclusion_tag("reports/includes/tables.html")
def report_tables_of(page, cells_url: str = "") -> dict:
    """Tables 二, 三 and 四 of a report page; with `cells_url` every figure links to its records."""
    return {
        "tables": report_tables(page),
        "cells_url": cells_url,
        "labels": tables,
        "organisation_columns": tables.TABLE3_COLUMNS[1:6],
    }
