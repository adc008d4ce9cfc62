"""Issuing 索引号: `<credit code or unit code>/<year>-<5-digit running number of the unit in that year>`."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sites.models import Unit

from .models import GovernmentDocumentPage, IndexNumber


def format_index_number(unit: Unit, year: int, sequence: int) -> str:
    return f"{unit.index_prefix}/{year}-{sequence:05d}"


def issue_index_number(page: GovernmentDocumentPage) -> IndexNumber | None:
    """The document's index number, issued on first call and never changed afterwards.

    The year is that of first publication. Returns None for a page outside any unit's section.
    """
    issued = IndexNumber.objects.filter(translation_key=page.translation_key).first()
    if issued is not None:
        return issued
    unit = page.issuing_unit
    if unit is None:
        return None
    year = timezone.localdate(page.first_published_at or timezone.now()).year
    with transaction.atomic():
        # Locking the unit row serialises numbering per unit, so two editors publishing at
        # the same moment cannot both take the next number.
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        # Checked again under the lock: two language versions published at once share a number.
        issued = IndexNumber.objects.filter(translation_key=page.translation_key).first()
        if issued is not None:
            return issued
        last = IndexNumber.objects.filter(unit=unit, year=year).aggregate(last=Max("sequence"))["last"] or 0
        return IndexNumber.objects.create(
            translation_key=page.translation_key,
            unit=unit,
            year=year,
            sequence=last + 1,
            value=format_index_number(unit, year, last + 1),
        )
