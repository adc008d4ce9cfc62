"""Shared fixtures: a small county of three units, provisioned for real."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sites.unit_file import UnitRecord, read_unit_file

YINGJIANG_FILE = Path(__file__).resolve().parent.parent / "sites" / "data" / "yingjiang_units.csv"
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
