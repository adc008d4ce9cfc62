"""What a domain app tells the county's oversight (issue 14): its rule checks, as `Indicator`s
answered through the `oversight_indicators` hook (sites/hooks.py), and what each finds, as
`Finding`s.

The oversight app stores, scores and shows them; the domain app alone knows what its records
mean (an application overdue, a column stale). An indicator is a plain function of the day, so a
test passes the day it wants instead of freezing the clock, and the nightly run asks every
indicator once for all units (one query per indicator, not one per unit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Finding:
    """One item that needs action: an overdue application, a stale column."""

    unit_id: int | None  # None: the portal as a whole, not a unit's section
    key: str  # stable across days for the same item, e.g. "page:42", "application:7"
    title: str  # what the item is, as the unit's staff know it
    url: str  # where to act on it (an admin URL), or "" when there is no such place
    since: date | None = None  # the day it became due or stale, for "overdue by N days"
    detail: str = ""  # why it is found, e.g. "最近更新 2026-03-01"


@dataclass(frozen=True)
class Indicator:
    """A rule checked every day for every unit."""

    key: str  # unique across apps, e.g. "disclosure.stale_columns"
    label: str  # shown on the dashboards, e.g. "栏目超期未更新"
    find: Callable[[date], Iterable[Finding]]  # every finding on that day, for all units
    help_text: str = ""  # the rule and its source, e.g. "国办秘函〔2019〕19号：……"
    portal_only: bool = False  # counted for the portal (single-veto items), not per unit
