"""索引号 under concurrent publication: unique and gap-free per unit and year on PostgreSQL.

Publishers run in threads of their own, each on its own database connection, released
together by a barrier. Numbering is serialised by locking the unit row
(`disclosure.index_numbers.issue_index_number`); without that lock two publishers read
the same `max(sequence)` and one of them hits the unique constraint.
"""

from __future__ import annotations

import os
import re
import threading
import traceback

import pytest
from django.db import connection
from django.utils import timezone

from disclosure.models import GovernmentDocumentPage, IndexNumber
from sites.models import Unit
from tests.test_documents import new_document

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="需要 PostgreSQL（设置 DATABASE_URL）：SQLite 不支持并发写入",
    ),
    # Threads see only committed data, hence a transactional test; its flush would also
    # remove the root page, collection and locale from Wagtail's migrations, which
    # serialized rollback restores for the next transactional test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

N = 12
JOIN_TIMEOUT = 60


@pytest.fixture
def no_search_index_updates(settings):
    """Keeps the search index out of the race.

    The database search backend indexes every saved page synchronously inside `Page.save()`'s
    transaction and then rewrites `title_norm` on every index entry
    (`modelsearch.backends.database.postgres` `_refresh_title_norms`). Concurrent publishers
    deadlock there; the immediate task backend swallows the error and leaves the transaction
    broken, so `publish()` fails with TransactionManagementError before any 索引号 is issued.
    That is a separate problem; this module is about numbering.
    """
    settings.WAGTAILSEARCH_BACKENDS = {
        alias: {**config, "AUTO_UPDATE": False} for alias, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }


def publish_concurrently(page_ids: list[int]) -> None:
    """Publishes each page's latest revision from a thread of its own, all starting together."""
    barrier = threading.Barrier(len(page_ids))
    errors: dict[int, str] = {}

    def publisher(page_id: int) -> None:
        try:
            revision = GovernmentDocumentPage.objects.get(pk=page_id).get_latest_revision()
            barrier.wait(timeout=JOIN_TIMEOUT)
            revision.publish()
        except BaseException as error:
            errors[page_id] = "".join(traceback.format_exception(error))
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=publisher, args=(page_id,)) for page_id in page_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "发布线程未在限定时间内结束"
    assert not errors, "并发发布失败：\n" + "\n".join(f"页面 {pk}:\n{error}" for pk, error in errors.items())


def drafts(slug: str, count: int) -> list[int]:
    """Saved but unpublished documents in the unit's 法定主动公开内容 column."""
    pages = [new_document(slug, publish=False) for _ in range(count)]
    assert all(page.index_number == "" for page in pages)
    return [page.pk for page in pages]


def assert_numbered_1_to_n(slug: str, page_ids: list[int], year: int) -> None:
    unit = Unit.objects.get(slug=slug)
    issued = IndexNumber.objects.filter(unit=unit, year=year)
    assert sorted(issued.values_list("sequence", flat=True)) == list(range(1, len(page_ids) + 1))
    assert issued.values("value").distinct().count() == len(page_ids)

    pages = GovernmentDocumentPage.objects.filter(pk__in=page_ids)
    assert pages.count() == len(page_ids) and all(page.live for page in pages)
    values = [page.index_number for page in pages]
    assert all(values) and len(set(values)) == len(values)
    pattern = re.compile(rf"{re.escape(unit.index_prefix)}/{year}-(\d{{5}})")
    sequences = sorted(int(pattern.fullmatch(value).group(1)) for value in values)
    assert sequences == list(range(1, len(page_ids) + 1))


def test_concurrent_publishers_get_unique_gap_free_numbers(small_county_records, no_search_index_updates):
    from sites.provisioning import provision_units

    provision_units(small_county_records)
    page_ids = drafts("pingyuan", N)

    publish_concurrently(page_ids)

    assert_numbered_1_to_n("pingyuan", page_ids, timezone.localdate().year)


def test_concurrent_publishers_of_two_units_each_number_from_one(
    small_county_records, no_search_index_updates
):
    from sites.provisioning import provision_units

    provision_units(small_county_records)
    pingyuan = drafts("pingyuan", N // 2)
    scjg = drafts("scjg", N // 2)
    interleaved = [page_id for pair in zip(pingyuan, scjg, strict=True) for page_id in pair]

    publish_concurrently(interleaved)

    year = timezone.localdate().year
    assert_numbered_1_to_n("pingyuan", pingyuan, year)
    assert_numbered_1_to_n("scjg", scjg, year)
