"""The interpretation indicators of the county's oversight (issue 14): a policy without its
interpretation 3 working days after publication, and interpretations not linked both ways."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from interpretation.indicators import find_overdue_interpretations, find_unlinked_interpretations
from sites.models import Unit
from tests.test_documents import new_document, statutory
from tests.test_interpretation import new_interpretation

CHINA = ZoneInfo("Asia/Shanghai")
# Monday; March 2026 has no holiday: + 3 working days = Thursday 2026-03-05.
PUBLISHED = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA)


def by_key(findings) -> dict:
    return {finding.key: finding for finding in findings}


@pytest.mark.django_db
def test_policy_without_interpretation_after_3_working_days_is_found_until_interpreted(small_county):
    policy = new_document("scjg", is_normative=True, first_published_at=PUBLISHED)
    new_document("scjg", first_published_at=PUBLISHED)  # needs no interpretation
    key = f"page:{policy.pk}"

    assert key not in by_key(find_overdue_interpretations(datetime.date(2026, 3, 5)))
    findings = by_key(find_overdue_interpretations(datetime.date(2026, 3, 6)))
    assert list(findings) == [key]
    assert findings[key].unit_id == Unit.objects.get(slug="scjg").pk
    assert findings[key].url == reverse("interpretation:unit", args=["scjg"])
    assert findings[key].since == datetime.date(2026, 3, 6)

    new_interpretation(statutory("scjg"), [policy], first_published_at=PUBLISHED + datetime.timedelta(days=4))
    assert key not in by_key(find_overdue_interpretations(datetime.date(2026, 3, 6)))


@pytest.mark.django_db
def test_interpretation_without_a_public_policy_is_found(small_county):
    today = datetime.date(2026, 12, 1)
    policy = new_document("pingyuan", is_normative=True, first_published_at=PUBLISHED)
    linked = new_interpretation(statutory("pingyuan"), [policy], first_published_at=PUBLISHED)
    alone = new_interpretation(statutory("pingyuan"), [], first_published_at=PUBLISHED)

    findings = by_key(find_unlinked_interpretations(today))
    assert list(findings) == [f"page:{alone.pk}"]
    assert findings[f"page:{alone.pk}"].unit_id == Unit.objects.get(slug="pingyuan").pk
    assert findings[f"page:{alone.pk}"].url == reverse("wagtailadmin_pages:edit", args=[alone.pk])

    # Published ahead of its policy: neither shows the other until the policy is published.
    draft_policy = new_document("pingyuan", is_normative=True, publish=False)
    ahead = new_interpretation(statutory("pingyuan"), [draft_policy], first_published_at=PUBLISHED)
    assert "不公开" in by_key(find_unlinked_interpretations(today))[f"page:{ahead.pk}"].detail
    draft_policy.save_revision().publish()
    assert f"page:{ahead.pk}" not in by_key(find_unlinked_interpretations(today))
    assert f"page:{linked.pk}" not in by_key(find_unlinked_interpretations(today))
