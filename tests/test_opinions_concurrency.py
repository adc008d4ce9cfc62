"""200 citizens submitting at once against PostgreSQL: every opinion saved, every code unique."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.test import Client

from opinions.models import Opinion
from participation import abuse

from .test_opinions import form_data, open_consultation
from .test_services import needs_postgres

SUBMISSIONS = 200
THREADS = 16


@needs_postgres
def test_two_hundred_concurrent_opinions_are_all_saved_with_unique_codes(
    transactional_db, django_db_serialized_rollback, small_county
):
    from django.core.cache import cache

    cache.clear()
    page = open_consultation()
    started = abuse.form_token(now=time.time() - 10)
    url = page.url + "submit/"

    def one(number: int) -> int:
        # Each citizen has an address and a phone of their own, so the limits do not apply.
        client = Client(REMOTE_ADDR=f"10.{number // 250}.{number % 250}.1")
        data = form_data(
            page, content=f"第 {number} 位网民的意见。", phone=f"139{number:08d}", email="", started=started
        )
        try:
            return client.post(url, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(one, range(SUBMISSIONS)))

    assert statuses == [302] * SUBMISSIONS
    codes = list(Opinion.objects.values_list("tracking_code", flat=True))
    assert len(codes) == SUBMISSIONS
    assert len(set(codes)) == SUBMISSIONS
    cache.clear()
