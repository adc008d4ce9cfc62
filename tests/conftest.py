"""Shared fixtures: a small county of three units, provisioned for real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sites.unit_file import UnitRecord, read_unit_file

ROOT = Path(__file__).resolve().parent.parent
YINGJIANG_FILE = ROOT / "sites" / "data" / "yingjiang_units.csv"
SMALL_COUNTY_SLUGS = ("xzfb", "pingyuan", "scjg")

# Playwright's sync API leaves an event loop registered in the test thread, and Django
# refuses ORM calls made while a loop runs. The calls made there are plain synchronous
# fixture code, so the guard is lifted for the test process (tests/browser/screens.py
# also keeps Django on its original connections while Playwright runs).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def yingjiang_records() -> list[UnitRecord]:
    return read_unit_file(YINGJIANG_FILE)


@pytest.fixture(scope="session")
def small_county_records(yingjiang_records) -> list[UnitRecord]:
    """The county office, 平原镇 and 县市场监督管理局 from the real Yingjiang file."""
    return [record for record in yingjiang_records if record.slug in SMALL_COUNTY_SLUGS]


@pytest.fixture
def small_county(db, small_county_records):
    from sites.provisioning import provision_units

    return provision_units(small_county_records)


@pytest.fixture
def start_celery_worker():
    """Starts real Celery workers on the Redis broker, as `make worker` does; extra keyword
    arguments become the worker's environment (e.g. where it delivers mail)."""
    workers: list[subprocess.Popen] = []

    def start(**environment: str) -> subprocess.Popen:
        from django.conf import settings

        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings", **environment}
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--pool=solo",
                "--loglevel=warning",
                f"--queues={settings.CELERY_TASK_DEFAULT_QUEUE}",
                "--without-heartbeat",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=env,
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
