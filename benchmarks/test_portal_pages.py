"""How fast the public portal answers with Yingjiang's 50 units, and how many queries it costs.

Run with `make bench`. Query counts are asserted (they do not depend on the machine);
times are reported by pytest-benchmark for comparison between runs.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Upper bounds: a page that needs more queries than this has grown an N+1 somewhere. The language
# bar, hreflang alternates and breadcrumbs cost a constant ~10 queries per page (tree and
# translation look-ups), the footer setting and the 政务公开 link 2 more; the home page's ten lists
# each pay Wagtail's one query for view restrictions (`.public()`); a document page also loads its
# interpretations and keywords. Measured with the 50 units: the same counts as with three.
MAX_QUERIES = {
    "/": 32,
    "/zwgk/": 16,
    "/zwgk/pingyuan/": 25,
    "/zwgk/pingyuan/profile/": 20,
    "/zwgk/xzfb/statutory/": 26,
    "/zwgk/xzfb/statutory/yingjiang-openness-standardisation-plan-2020/": 28,
}


@pytest.mark.parametrize("url", list(MAX_QUERIES))
def test_public_page(benchmark, county, client, db, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= MAX_QUERIES[url], (len(queries), [q["sql"] for q in queries])
    response = benchmark(client.get, url)
    assert response.status_code == 200
