"""Working-day arithmetic on the official calendar, for statutory deadlines.

Chinese administrative practice: the day on which the clock starts (receipt of an application,
closing of a consultation, publication of a policy) does not count; counting begins with the next
day, skips weekends and statutory holidays, and counts make-up working days (调休, a Saturday or
Sunday worked in exchange for a holiday). The deadline is the n-th working day so counted.

For a year whose arrangement has not been entered (no `CalendarYear` record) only weekends are
skipped, and the result says it is provisional and which years are missing.

Public API (imported by other apps): `SkippedDay`, `MakeUpDay`, `Deadline`, `add_working_days`,
`working_days_between`, `is_working_day`, `years_without_data`, `upcoming_years_without_data`,
`as_local_date`, `clear_cache`.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CalendarYear, DayKind, SpecialDay

WEEKDAY_NAMES = (
    gettext_lazy("星期一"),
    gettext_lazy("星期二"),
    gettext_lazy("星期三"),
    gettext_lazy("星期四"),
    gettext_lazy("星期五"),
    gettext_lazy("星期六"),
    gettext_lazy("星期日"),
)


def weekday_name(day: date) -> str:
    return str(WEEKDAY_NAMES[day.weekday()])


def format_day(day: date) -> str:
    """2025年10月1日（星期三）"""
    return _("%(year)d年%(month)d月%(day)d日（%(weekday)s）") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
        "weekday": weekday_name(day),
    }


@dataclass(frozen=True)
class SkippedDay:
    """A day inside the period that does not count, and why ("星期六", "国庆节", "春节")."""

    day: date
    reason: str


@dataclass(frozen=True)
class MakeUpDay:
    """A Saturday or Sunday inside the period that counts because it is a 调休 working day;
    `reason` names the holiday it makes up for."""

    day: date
    reason: str


@dataclass(frozen=True)
class Deadline:
    start: date  # the day the clock starts (counting begins the next working day)
    working_days: int
    due: date
    provisional: bool  # True if any day counted falls in a year with no holiday data
    skipped: tuple[SkippedDay, ...]
    missing_years: tuple[int, ...]
    # Weekend days counted as working days (调休); shown in the explanation.
    make_up_days: tuple[MakeUpDay, ...] = field(default=())

    def explanation(self) -> list[str]:
        """How the due date was reached, one Chinese sentence per line."""
        if self.working_days == 0:
            lines = [
                _("起算日：%(day)s。期限为 0 个工作日，截止日即起算日。") % {"day": format_day(self.start)}
            ]
        else:
            lines = [
                _("起算日：%(day)s，当日不计入，自次日起计算 %(count)d 个工作日。")
                % {"day": format_day(self.start), "count": self.working_days}
            ]
        events: list[tuple[date, str]] = [(item.day, _skipped_line(item)) for item in self.skipped]
        events += [
            (
                item.day,
                _("计入：%(day)s，%(reason)s调休上班。")
                % {"day": format_day(item.day), "reason": item.reason},
            )
            for item in self.make_up_days
        ]
        lines += [text for _day, text in sorted(events)]
        if self.working_days:
            lines.append(
                _("截止日：%(day)s，即第 %(count)d 个工作日。")
                % {"day": format_day(self.due), "count": self.working_days}
            )
        if self.provisional:
            lines.append(
                _(
                    "暂定：%(years)s 年节假日安排尚未录入，该年只扣除周末；"
                    "录入国务院公布的安排后，截止日可能变化。"
                )
                % {"years": "、".join(str(year) for year in self.missing_years)}
            )
        return lines


def _skipped_line(item: SkippedDay) -> str:
    if item.reason == weekday_name(item.day):
        # A plain weekend: "2026年12月26日，星期六" rather than naming the weekday twice.
        return _("不计入：%(year)d年%(month)d月%(day)d日，%(reason)s。") % {
            "year": item.day.year,
            "month": item.day.month,
            "day": item.day.day,
            "reason": item.reason,
        }
    return _("不计入：%(day)s，%(reason)s。") % {"day": format_day(item.day), "reason": item.reason}


def as_local_date(value: date | datetime) -> date:
    """A datetime (e.g. a submission time) counts from its local calendar day in the county."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def add_working_days(start: date, n: int) -> Deadline:
    """The n-th working day after `start` (which itself does not count), with the reasoning."""
    start = as_local_date(start)
    if n < 0:
        raise ValueError(_("工作日数不能为负数。"))
    calendar = _calendar()
    day = start
    counted = 0
    skipped: list[SkippedDay] = []
    make_up: list[MakeUpDay] = []
    years: set[int] = set()
    while counted < n:
        day += timedelta(days=1)
        years.add(day.year)
        working, reason = calendar.status(day)
        if working:
            counted += 1
            if reason:
                make_up.append(MakeUpDay(day, reason))
        else:
            skipped.append(SkippedDay(day, reason))
    missing = tuple(sorted(year for year in years if not calendar.has_data(year)))
    return Deadline(
        start=start,
        working_days=n,
        due=day,
        provisional=bool(missing),
        skipped=tuple(skipped),
        missing_years=missing,
        make_up_days=tuple(make_up),
    )


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative if `end` is before `start`.

    `working_days_between(start, add_working_days(start, n).due) == n`.
    """
    start, end = as_local_date(start), as_local_date(end)
    if end < start:
        return -working_days_between(end, start)
    calendar = _calendar()
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        count += calendar.status(day)[0]
    return count


def is_working_day(day: date) -> bool:
    return _calendar().status(as_local_date(day))[0]


def years_without_data(years: Iterable[int]) -> list[int]:
    """Those of `years` whose holiday arrangement has not been entered, sorted."""
    calendar = _calendar()
    return sorted({year for year in years if not calendar.has_data(year)})


def upcoming_years_without_data(today: date | None = None) -> list[int]:
    """This year and next year, where their arrangement is missing (the admin banner's concern)."""
    today = today or timezone.localdate()
    return years_without_data([today.year, today.year + 1])


# --- Calendar data and its cache -------------------------------------------------------------
#
# Deadlines are computed for whole lists of rows, so a year's special days are read once (one
# query) and kept in this process. Writes elsewhere are noticed through a version token in
# Django's cache (Redis, shared by all processes, when REDIS_URL is set), bumped after each
# committed change; while this process has an uncommitted change, nothing is cached, so a
# rolled-back edit never leaves stale data behind.


class _Calendar:
    """A snapshot of the calendar, loading each year's special days on first use."""

    def __init__(self) -> None:
        self._years_with_data: frozenset[int] | None = None
        self._days: dict[int, dict[date, tuple[str, str]]] = {}

    def has_data(self, year: int) -> bool:
        if self._years_with_data is None:
            self._years_with_data = frozenset(CalendarYear.objects.values_list("year", flat=True))
        return year in self._years_with_data

    def special_days(self, year: int) -> dict[date, tuple[str, str]]:
        days = self._days.get(year)
        if days is None:
            days = {
                day: (kind, name)
                for day, kind, name in SpecialDay.objects.filter(day__year=year).values_list(
                    "day", "kind", "name"
                )
            }
            self._days[year] = days
        return days

    def status(self, day: date) -> tuple[bool, str]:
        """(counts as a working day, why): the reason is the holiday's name for a holiday or a
        调休 weekend working day, the weekday's name for a plain weekend, empty otherwise."""
        weekend = day.weekday() >= 5
        special = self.special_days(day.year).get(day)
        if special is not None:
            kind, name = special
            if kind == DayKind.WORKDAY:
                return True, name if weekend else ""
            return False, name
        if weekend:
            return False, weekday_name(day)
        return True, ""


_VERSION_KEY = "workdays:calendar-version"
_lock = threading.Lock()
_shared: _Calendar | None = None
_shared_version: str | None = None
_uncommitted_changes = False


def _current_version() -> str | None:
    try:
        version = cache.get(_VERSION_KEY)
        if version is None:
            cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(_VERSION_KEY)
        return version
    except Exception:
        # The cache being down must not stop deadline computations: read the database instead.
        return None


def _calendar() -> _Calendar:
    global _shared, _shared_version
    if _uncommitted_changes:
        return _Calendar()
    version = _current_version()
    if version is None:
        return _Calendar()
    with _lock:
        if _shared is None or _shared_version != version:
            _shared, _shared_version = _Calendar(), version
        return _shared


def _forget_local() -> None:
    global _shared, _shared_version
    with _lock:
        _shared, _shared_version = None, None


def _bump_version() -> None:
    try:
        cache.set(_VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        pass  # other processes then keep their snapshot until the cache is back; see _current_version


def _after_commit() -> None:
    global _uncommitted_changes
    _uncommitted_changes = False
    _forget_local()
    _bump_version()


def calendar_changed() -> None:
    """Call after writing special days or years without model signals (e.g. bulk_create)."""
    global _uncommitted_changes
    _forget_local()
    if transaction.get_connection().in_atomic_block:
        _uncommitted_changes = True
        transaction.on_commit(_after_commit)
    else:
        _bump_version()


def clear_cache() -> None:
    """Forget every cached calendar (for tests whose transactions are rolled back)."""
    global _uncommitted_changes
    _uncommitted_changes = False
    _forget_local()
    _bump_version()
