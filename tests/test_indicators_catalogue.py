"""The catalogue indicator of the county's oversight (issue 14): an item whose column shows the
public nothing is found until a public document is published there."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.indicators import find_items_without_content
from disclosure.models import DisclosureAttribute
from sites.models import Unit
from tests.test_catalogue import column_of, make_document, make_item


def findings(today: datetime.date | None = None) -> dict:
    return {finding.key: finding for finding in find_items_without_content(today or timezone.localdate())}


@pytest.mark.django_db
def test_item_without_published_content_is_found_until_a_public_document_is_there(small_county):
    column = column_of("pingyuan")
    item = make_item("pingyuan", column=column)
    without_column = make_item("scjg")
    key = f"catalogue_item:{item.pk}"

    finding = findings()[key]
    assert finding.unit_id == Unit.objects.get(slug="pingyuan").pk
    assert finding.url == reverse("catalogue:edit", args=[item.pk])
    assert findings()[f"catalogue_item:{without_column.pk}"].unit_id == Unit.objects.get(slug="scjg").pk

    make_document(column, "不公开的文件", attribute=DisclosureAttribute.NOT_PUBLIC)
    make_document(column, "草稿", live=False)
    assert key in findings()
    make_document(column, "公开的文件")
    assert key not in findings()
    assert item.has_published_content
    # Not on a day before the document was published.
    assert key in findings(timezone.localdate() - datetime.timedelta(days=1))
