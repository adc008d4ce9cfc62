"""The review indicators of the county's oversight (issue 14): documents past the Art. 26 limit of
20 working days, and non-public documents not re-evaluated this year."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from disclosure.models import DisclosureAttribute
from review.indicators import find_documents_not_re_evaluated, find_overdue_publications
from review.models import Decision
from review.services import record_re_evaluation
from sites.models import Unit
from tests.test_documents import new_document
from tests.test_review_workflow import member


def by_key(findings) -> dict:
    return {finding.key: finding for finding in findings}


@pytest.mark.django_db
def test_document_unpublished_20_working_days_after_its_written_date_is_overdue_until_published(small_county):
    # 2026-03-02 + 20 working days = 2026-03-30 (no holiday in March).
    waiting = new_document("scjg", publish=False, written_date=datetime.date(2026, 3, 2))
    new_document(
        "scjg",
        publish=False,
        written_date=datetime.date(2026, 3, 2),
        disclosure_attribute=DisclosureAttribute.NOT_PUBLIC,
    )
    key = f"page:{waiting.pk}"

    assert key not in by_key(find_overdue_publications(datetime.date(2026, 3, 30)))
    findings = by_key(find_overdue_publications(datetime.date(2026, 3, 31)))
    assert list(findings) == [key]
    finding = findings[key]
    assert finding.unit_id == Unit.objects.get(slug="scjg").pk
    assert finding.url == reverse("wagtailadmin_pages:edit", args=[waiting.pk])
    assert finding.since == datetime.date(2026, 3, 31) and "2026-03-30" in finding.detail

    waiting.save_revision().publish()
    assert key not in by_key(find_overdue_publications(datetime.date(2026, 3, 31)))


@pytest.mark.django_db
def test_non_public_document_is_found_until_re_evaluated_this_year(small_county):
    pingyuan = Unit.objects.get(slug="pingyuan")
    kept = new_document("pingyuan", disclosure_attribute=DisclosureAttribute.NOT_PUBLIC)
    new_document("pingyuan")
    key = f"page:{kept.pk}"
    today = datetime.date(2026, 6, 1)

    findings = by_key(find_documents_not_re_evaluated(today))
    assert list(findings) == [key]
    assert findings[key].unit_id == pingyuan.pk
    assert findings[key].url == reverse("review:re_evaluation_year", args=["pingyuan", 2026])

    record_re_evaluation(
        kept,
        unit=pingyuan,
        year=2026,
        decision=Decision.KEEP,
        reason="涉及内部管理",
        user=member("pingyuan", "editor", "py_editor"),
    )
    assert key not in by_key(find_documents_not_re_evaluated(today))
    # Next year it is due again.
    assert key in by_key(find_documents_not_re_evaluated(datetime.date(2027, 1, 4)))
