"""Every indicator answered through the `oversight_indicators` hook (issue 14): unique keys, and
each finds its items for the whole county in a bounded number of queries, the same with a few
items as with many (one query per unit or per page would show here)."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.blocks import rich_text_stream
from disclosure.models import DisclosureAttribute
from sites import hooks as site_hooks
from sites.indicators import Finding, Indicator
from sites.models import Unit
from tests.test_attachments import attach, upload
from tests.test_catalogue import make_item
from tests.test_documents import new_document, statutory
from tests.test_foi_services import submit
from tests.test_indicators_participation import new_message
from tests.test_interpretation import new_interpretation

CHINA = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 12, 1)
SLUGS = ("xzfb", "pingyuan", "scjg")
# Every indicator of the county together, on a county of any size (110 with the content checks).
MAX_QUERIES = 130
_numbers = itertools.count()


def registered_indicators() -> list[Indicator]:
    return [
        indicator for answer in site_hooks.answers(site_hooks.OVERSIGHT_INDICATORS) for indicator in answer()
    ]


def add_items(per_unit: int) -> None:
    """In every unit: public documents linking a deleted page, with attachments whose file is
    gone, drafts past the Art. 26 limit, non-public documents, normative policies without an
    interpretation, interpretations without a policy, catalogue items, messages, applications."""
    old = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA)
    for slug in SLUGS:
        unit = Unit.objects.get(slug=slug)
        for _index in range(per_unit):
            gone = new_document(slug)
            gone_id = gone.pk
            gone.delete()
            page = new_document(
                slug,
                first_published_at=old,
                is_normative=True,
                body=rich_text_stream(f'<p><a linktype="page" id="{gone_id}">旧链接</a></p>'),
            )
            file = upload(slug, f"附件{next(_numbers)}")
            attach(page, file)
            file.file.storage.delete(file.file.name)
            new_document(slug, publish=False, written_date=datetime.date(2026, 3, 2))
            new_document(slug, disclosure_attribute=DisclosureAttribute.NOT_PUBLIC)
            new_interpretation(statutory(slug), [], first_published_at=old)
            make_item(slug, column=statutory(slug))
            new_message(unit, old)
            submit(unit, today=datetime.date(2026, 3, 2))


def query_counts(indicators: list[Indicator]) -> tuple[dict[str, int], dict[str, list[Finding]]]:
    counts, findings = {}, {}
    # Cold, as on the first night: the content check keeps attachments' text in the cache.
    cache.clear()
    for indicator in indicators:
        with CaptureQueriesContext(connection) as queries:
            findings[indicator.key] = list(indicator.find(TODAY))
        counts[indicator.key] = len(queries)
    return counts, findings


@pytest.mark.django_db
def test_every_indicator_has_a_unique_key_and_a_bounded_number_of_queries(
    small_county, django_assert_max_num_queries
):
    indicators = registered_indicators()
    keys = [indicator.key for indicator in indicators]
    assert len(keys) == len(set(keys))
    assert {key.split(".")[0] for key in keys} == {
        "disclosure",
        "catalogue",
        "review",
        "interpretation",
        "participation",
        "foi",
        "reports",
        "portal",  # oversight's own checks of the portal as a whole
        "oversight",  # the deadline registry's tasks not done yet
        "errorreports",  # 我为政府网站找错 reports answered late
    }
    for indicator in indicators:
        assert indicator.label and indicator.help_text

    add_items(per_unit=1)
    query_counts(indicators)  # fills the per-process caches (content types, the wording list)
    few, _findings = query_counts(indicators)
    add_items(per_unit=3)
    with django_assert_max_num_queries(MAX_QUERIES):
        many, findings = query_counts(indicators)
    # Four times the items, no more queries.
    growing = {key: count for key, count in many.items() if count > few[key]}
    assert not growing, (few, many)
    unit_ids = set(Unit.objects.values_list("pk", flat=True)) | {None}
    for key in keys:
        for finding in findings[key]:
            assert finding.unit_id in unit_ids and finding.key and finding.title
    # Each kind of item added is found for every unit, four times.
    for key in (
        "disclosure.broken_links",
        "disclosure.missing_attachments",
        "review.overdue_publications",
        "review.not_re_evaluated",
        "interpretation.overdue",
        "interpretation.unlinked",
        "participation.overdue_messages",
        "participation.messages_unanswered_three_months",
        "foi.overdue_applications",
    ):
        per_unit = [
            sum(1 for finding in findings[key] if finding.unit_id == unit.pk) for unit in Unit.objects.all()
        ]
        assert per_unit == [4, 4, 4], key
