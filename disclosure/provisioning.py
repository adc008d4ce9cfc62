"""The standard columns every unit section opens with (seed 三(三)1), answered to provisioning."""

from __future__ import annotations

from sites.models import UnitSectionPage

from .models import ColumnKind, ColumnPage

# In display order.
STANDARD_COLUMNS = (
    ("guide", ColumnKind.GUIDE),
    ("rules", ColumnKind.RULES),
    ("statutory", ColumnKind.STATUTORY),
    ("annual-reports", ColumnKind.ANNUAL_REPORT),
)


def ensure_standard_columns(section: UnitSectionPage) -> bool:
    """Open the standard columns a section lacks; returns whether any was created.

    A page the unit already keeps at a standard slug is its content: it is left alone.
    """
    existing_kinds = set(ColumnPage.objects.child_of(section).values_list("column_kind", flat=True))
    taken_slugs = set(section.get_children().values_list("slug", flat=True))
    created = False
    for slug, kind in STANDARD_COLUMNS:
        if kind in existing_kinds or slug in taken_slugs:
            continue
        column = ColumnPage(title=str(kind.label), slug=slug, column_kind=kind)
        section.add_child(instance=column)
        column.save_revision().publish()
        created = True
    return created
