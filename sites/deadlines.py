"""What a domain app tells the county's deadline registry (工作时限台账, issue 14): for a dated task
of the county's plan, which units have done it and the evidence, as `DeadlineEvidence` answered
through the `deadline_evidence` hook (sites/hooks.py).

The plan (盈江县基层政务公开标准化规范化工作实施方案 四(四)) dates each task: register the contacts,
file the standard catalogue, fill its columns, report on the work. Where a domain's records show
that a unit has done a task (a catalogue with items, every item with published content, the annual
report live), the domain app says so; the oversight app keeps the deadlines, compares the evidence
with each due date and shows every unit's status. Like an indicator, one call answers for every
unit at once, so the registry's queries do not grow with the number of units.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Evidence:
    """What a unit's records show about one task."""

    done: bool
    done_on: date | None = None  # the day it was done, when the records know it
    url: str = ""  # where to see the evidence (an admin URL), or ""
    detail: str = ""  # what was found, e.g. "共 12 个事项"


@dataclass(frozen=True)
class DeadlineEvidence:
    """A kind of evidence a deadline may be checked against."""

    key: str  # unique across apps, e.g. "catalogue.filed"
    label: str  # shown when the county picks a deadline's kind, e.g. "编制公开事项标准目录"
    # find(due_on, day): {unit_id: Evidence} as the records stood on `day`, for a task due on
    # `due_on` (the annual report's year is the one before). A unit left out has nothing to show.
    find: Callable[[date, date], dict[int, Evidence]]
    help_text: str = ""
