"""The nightly oversight recomputation (oversight/services.py) on Yingjiang's 50 units with the
demo: issue 14 asks for under 60 s on this machine. Its own queries are bounded (bulk writes);
the indicators' are one set per indicator, whatever the number of units."""

from __future__ import annotations

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from oversight import services
from oversight.models import UnitScore
from sites.models import Unit

MAX_SECONDS = 60


def test_nightly_recompute_of_the_whole_county(benchmark, county, db):
    today = timezone.localdate()
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        result = services.recompute(today)
    seconds = time.monotonic() - started
    units = Unit.objects.active().count()
    assert result.scores == units + 1 and UnitScore.objects.filter(day=today).count() == units + 1
    assert seconds < MAX_SECONDS, seconds
    print(f"recompute: {seconds:.1f} s, {len(queries)} queries, {units} units")
    # Each indicator's own queries (tests/test_indicators.py shows they do not grow with the items
    # found), plus a dozen here for the writes.
    per_indicator = {}
    for indicator in services.registered_indicators():
        with CaptureQueriesContext(connection) as counted:
            list(indicator.find(today))
        per_indicator[indicator.key] = len(counted)
    print(per_indicator)
    assert max(per_indicator.values()) <= 60, per_indicator
    assert len(queries) <= 12 + sum(per_indicator.values()) + 10, (len(queries), per_indicator)
    benchmark.pedantic(services.recompute, args=(today,), rounds=3, iterations=1)
