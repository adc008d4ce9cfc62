"""The availability probe (国办秘函〔2019〕19号: a site is unqualified when more than 5 % of page
loads over a week take 15 s or more). Every few minutes (beat, CELERY_BEAT_SCHEDULE) it loads the
home page and a few unit sections, in turn, and records each load's status and time.

It makes real HTTP requests to the configured site address (OVERSIGHT_SITE_URL, by default
WAGTAILADMIN_BASE_URL): only a request from outside measures what a citizen meets, the reverse
proxy, the application server's queue of workers, the database under load and the network. Django's
test client would run the view inside the worker itself and so report a page as fast while the
server behind nginx hangs or answers 502.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from datetime import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from sites.models import UnitSectionPage

from .models import ProbeResult

USER_AGENT = "oversight-availability-probe"


def sample_paths(at: datetime, size: int) -> list[str]:
    """The home page and `size` unit sections, a different few on each run so that every section
    is loaded in turn."""
    sections = list(
        UnitSectionPage.objects.live()
        .filter(locale=Locale.get_default(), unit__is_active=True)
        .order_by("unit__sort_order", "pk")
    )
    paths = ["/"]
    if sections and size:
        start = int(at.timestamp() // 60) * size % len(sections)
        chosen = [sections[(start + step) % len(sections)] for step in range(min(size, len(sections)))]
        for section in chosen:
            parts = section.get_url_parts()
            if parts is not None:
                paths.append(parts[2])
    return paths


def fetch(url: str, timeout: float) -> tuple[int | None, float, str]:
    """(status or None, seconds, error) of one load, the body read to its end."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status, error = response.status, ""
    except urllib.error.HTTPError as answered:
        answered.read()
        status, error = answered.code, ""
    except (OSError, ValueError) as failed:  # refused, timed out, DNS, a malformed address
        status, error = None, (str(getattr(failed, "reason", "")) or type(failed).__name__)[:200]
    return status, time.monotonic() - started, error


def probe(
    base_url: str | None = None, timeout: float | None = None, size: int | None = None
) -> list[ProbeResult]:
    """Load the sample once and record every load."""
    base_url = base_url or settings.OVERSIGHT_SITE_URL
    timeout = settings.OVERSIGHT_PROBE_TIMEOUT if timeout is None else timeout
    size = settings.OVERSIGHT_PROBE_SAMPLE if size is None else size
    at = timezone.now()
    results = []
    for path in sample_paths(at, size):
        url = urljoin(base_url.rstrip("/") + "/", path.lstrip("/"))
        status, seconds, error = fetch(url, timeout)
        results.append(ProbeResult(url=url, status=status, seconds=seconds, at=at, error=error))
    return ProbeResult.objects.bulk_create(results)
