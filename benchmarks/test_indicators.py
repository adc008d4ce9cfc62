"""How long the oversight indicators take on Yingjiang's 50 units with the demo, and how many
queries they cost (issue 14: the nightly recomputation must finish in under 60 s).

Run with `make bench`. Query counts are asserted; the time is reported by pytest-benchmark.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sites import hooks as site_hooks

# 132 on the full demo (1,252 pages), most of them the content check's: it still looks up the
# Chinese source of each document it reads (one query each); the other indicators need 77.
MAX_QUERIES = 150


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
