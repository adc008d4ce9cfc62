"""How long the oversight indicators take on Yingjiang's 50 units with the demo, and how many
queries they cost (issue 14: the nightly recomputation must finish in under 60 s).

Run with `make bench`. Query counts are asserted; the time is reported by pytest-benchmark.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.demo import load_demo
from sites import hooks as site_hooks

MAX_QUERIES = 90


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker, yingjiang_records):
    with django_db_blocker.unblock():
        load_demo(yingjiang_records, progress=lambda message: None)
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


def run_all() -> int:
    today = timezone.localdate()
    indicators = [
        indicator for answer in site_hooks.answers(site_hooks.OVERSIGHT_INDICATORS) for indicator in answer()
    ]
    return sum(len(list(indicator.find(today))) for indicator in indicators)


def test_all_indicators(benchmark, county, db):
    with CaptureQueriesContext(connection) as queries:
        findings = run_all()
    assert len(queries) <= MAX_QUERIES
    assert findings > 0
    benchmark.pedantic(run_all, rounds=3, iterations=1)
