"""The real services: PostgreSQL when DATABASE_URL is set, Redis and a Celery worker when REDIS_URL is."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
needs_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL"), reason="DATABASE_URL 未设置：本次使用内嵌 SQLite，未测试 PostgreSQL"
)
needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="REDIS_URL 未设置：Celery 任务在进程内执行，未测试 Redis 和 worker",
)


@needs_postgres
@pytest.mark.django_db
def test_database_url_selects_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_embedded_database_is_sqlite_without_database_url():
    if os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL 已设置")
    assert connection.vendor == "sqlite"
    assert settings.CELERY_TASK_ALWAYS_EAGER == (not os.environ.get("REDIS_URL"))


@needs_redis
def test_redis_cache_round_trip():
    from django.core.cache import cache

    cache.set("ogcms-test-key", "盈江", 30)
    assert cache.get("ogcms-test-key") == "盈江"


@pytest.fixture
def celery_worker_process(start_celery_worker):
    return start_celery_worker()


@needs_redis
def test_celery_worker_runs_tasks_from_redis(celery_worker_process):
    from cms.tasks import health_check

    assert not settings.CELERY_TASK_ALWAYS_EAGER
    started = time.monotonic()
    result = health_check.delay()
    # The worker needs a few seconds to boot; the task waits in Redis meanwhile.
    assert result.get(timeout=60) == {"worker": "ok", "database": connection.vendor}
    assert celery_worker_process.poll() is None, "worker exited"
    assert time.monotonic() - started < 60


@pytest.mark.django_db
def test_tasks_run_in_process_without_redis():
    if os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL 已设置：任务交给 worker")
    from cms.tasks import health_check

    assert health_check.delay().get(timeout=5) == {"worker": "ok", "database": connection.vendor}
