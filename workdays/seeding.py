"""Seeding the calendar from the `chinesecalendar` package (import name `chinese_calendar`),
which carries the State Council's arrangements for 2004–2026.

Years entered by an administrator are never touched; seeding adds what is missing and, with
`refresh=True`, brings the days of years it seeded itself back in line with the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .models import CalendarSource, DayKind

# The package's English keys, as the calendar shows them.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass
class SeedReport:
    years_added: list[int] = field(default_factory=list)
    days_added: int = 0
    days_updated: int = 0
    years_skipped: list[int] = field(default_factory=list)  # entered by an administrator
    package_version: str = ""

    def summary(self) -> str:
        added = "、".join(str(year) for year in self.years_added) or "无"
        skipped = "、".join(str(year) for year in self.years_skipped) or "无"
        return (
            f"chinesecalendar {self.package_version}：新登记年份 {added}；"
            f"新增日期 {self.days_added} 个，更新 {self.days_updated} 个；管理员录入、未改动的年份 {skipped}。"
        )


def package_arrangements() -> tuple[str, dict[int, dict[date, tuple[str, str]]]]:
    """(package version, {year: {day: (kind, name)}}) from the installed package."""
    import chinese_calendar

    by_year: dict[int, dict[date, tuple[str, str]]] = {}
    for kind, days in (
        (DayKind.HOLIDAY, chinese_calendar.holidays),
        (DayKind.WORKDAY, chinese_calendar.workdays),
    ):
        for day, english in days.items():
            name = HOLIDAY_NAMES.get(english) or _package_chinese_name(chinese_calendar, english)
            by_year.setdefault(day.year, {})[day] = (str(kind), name)
    return chinese_calendar.__version__, by_year


def _package_chinese_name(chinese_calendar, english: str) -> str:
    for holiday in chinese_calendar.Holiday:
        if holiday.value == english:
            return holiday.chinese
    return english


def seed_from_package(
    special_day_model=None, calendar_year_model=None, *, refresh: bool = False
) -> SeedReport:
    """Enter every year the package knows that is not yet entered. Idempotent.

    The models are parameters so that a data migration can pass its historical models.
    """
    from .models import CalendarYear, SpecialDay

    special_day_model = special_day_model or SpecialDay
    calendar_year_model = calendar_year_model or CalendarYear
    version, by_year = package_arrangements()
    report = SeedReport(package_version=version)
    entered = dict(calendar_year_model.objects.values_list("year", "source"))
    for year, days in sorted(by_year.items()):
        source = entered.get(year)
        if source == CalendarSource.ADMIN:
            report.years_skipped.append(year)
            continue
        existing = {item.day: item for item in special_day_model.objects.filter(day__year=year)}
        new = [
            special_day_model(day=day, kind=kind, name=name)
            for day, (kind, name) in sorted(days.items())
            if day not in existing
        ]
        special_day_model.objects.bulk_create(new)
        report.days_added += len(new)
        if refresh and source == CalendarSource.SEEDED:
            for day, (kind, name) in days.items():
                item = existing.get(day)
                if item is not None and (item.kind, item.name) != (kind, name):
                    item.kind, item.name = kind, name
                    item.save(update_fields=["kind", "name"])
                    report.days_updated += 1
        if source is None:
            calendar_year_model.objects.create(
                year=year,
                source=CalendarSource.SEEDED,
                note=f"由 chinesecalendar {version} 数据导入（国务院办公厅节假日安排通知）。",
            )
            report.years_added.append(year)
    if report.days_added or report.days_updated or report.years_added:
        from .services import calendar_changed

        calendar_changed()
    return report
