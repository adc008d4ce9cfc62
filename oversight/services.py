"""The county's daily oversight: collect every indicator's findings, store them per unit and day,
score each unit and flag the single-veto items; the ranking; the weekly digest.

Public API: `registered_indicators`, `recompute`, `ranking`, `latest_day`, `unit_summary`,
`findings_for`, `send_digests`.

Every domain is read the same way, through the `oversight_indicators` hook (sites/hooks.py): each
indicator finds its items for all units at once, so a night's run costs one call per indicator
and a fixed number of queries here, whatever the number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from operations.mail import addresses, mail_staff
from sites import hooks
from sites.indicators import Finding, Indicator
from sites.models import Unit
from sites.tenancy import unit_staff

from .models import (
    BONUS_MAXIMUM,
    FULL_SCORE,
    BonusAward,
    Deduction,
    DigestSent,
    IndicatorSnapshot,
    UnitScore,
)
from .rules import VETO_RULES

PORTAL = None  # the unit id of findings about the portal as a whole


def registered_indicators() -> list[Indicator]:
    """Every indicator the apps answer through the hook."""
    return hooks.keyed_answers(hooks.OVERSIGHT_INDICATORS)


def finding_json(finding: Finding) -> dict:
    return {
        "key": finding.key,
        "title": finding.title,
        "url": finding.url,
        "since": finding.since.isoformat() if finding.since else None,
        "detail": finding.detail,
    }


def collect(today: date, indicators: Iterable[Indicator]) -> dict[tuple[int | None, str], list[dict]]:
    """{(unit id or None, indicator key): findings} for the day, each item once."""
    found: dict[tuple[int | None, str], dict[str, dict]] = defaultdict(dict)
    for indicator in indicators:
        for finding in indicator.find(today):
            unit_id = PORTAL if indicator.portal_only else finding.unit_id
            found[(unit_id, indicator.key)].setdefault(finding.key, finding_json(finding))
    return {place: list(items.values()) for place, items in found.items()}


@dataclass
class Assessment:
    score: Decimal
    bonus: Decimal
    deductions: list[dict] = field(default_factory=list)
    red_flags: list[dict] = field(default_factory=list)


def assess(
    counts: dict[str, int],
    deductions: list[Deduction],
    bonus: Decimal,
    veto_counts: dict[str, int],
    per_unit: bool,
) -> Assessment:
    """19号: 100 points less the deductions, each item's no more than its maximum, plus the bonus
    (at most 30); the veto items are flagged beside the score, which they do not change. An
    indicator without an active row in the deduction table is shown and counted, not scored."""
    lines = []
    for deduction in deductions:
        count = counts.get(deduction.indicator_key, 0)
        if not count:
            continue
        points = min(deduction.points_per_item * count, deduction.maximum_points)
        lines.append(
            {"key": deduction.indicator_key, "label": deduction.label, "count": count, "points": str(points)}
        )
    deducted = sum((Decimal(line["points"]) for line in lines), Decimal(0))
    bonus = min(bonus, Decimal(BONUS_MAXIMUM))
    score = max(Decimal(FULL_SCORE) - deducted, Decimal(0)) + bonus
    flags = [
        {"key": rule.key, "label": str(rule.label), "count": veto_counts.get(rule.key, 0)}
        for rule in VETO_RULES
        if (rule.per_unit or not per_unit) and veto_counts.get(rule.key, 0) >= rule.threshold
    ]
    return Assessment(score=score, bonus=bonus, deductions=lines, red_flags=flags)


def bonus_points(today: date) -> dict[int, Decimal]:
    """Each unit's bonus for the assessment year so far: the items awarded this year until today."""
    points: dict[int, Decimal] = defaultdict(Decimal)
    awards = BonusAward.objects.filter(awarded_on__year=today.year, awarded_on__lte=today).select_related(
        "item"
    )
    for award in awards:
        points[award.unit_id] += award.item.points
    return points


@dataclass(frozen=True)
class RecomputeResult:
    day: date
    snapshots: int
    scores: int


@transaction.atomic
def recompute(today: date, indicators: Iterable[Indicator] | None = None) -> RecomputeResult:
    """Store the day's findings and scores, replacing whatever that day held before.

    `indicators` defaults to every registered one; a caller (a test) may name its own."""
    indicators = registered_indicators() if indicators is None else hooks.unique_by_key(indicators)
    found = collect(today, indicators)
    unit_ids = list(Unit.objects.active().values_list("pk", flat=True))
    known = set(unit_ids)
    deductions = list(Deduction.objects.filter(active=True))
    bonuses = bonus_points(today)

    IndicatorSnapshot.objects.filter(day=today).delete()
    UnitScore.objects.filter(day=today).delete()

    snapshots, scores = [], []
    site_counts: dict[str, int] = defaultdict(int)
    for (unit_id, key), items in found.items():
        if unit_id is PORTAL or unit_id in known:
            site_counts[key] += len(items)
    for unit_id in [*unit_ids, PORTAL]:
        counts = {}
        for indicator in indicators:
            if indicator.portal_only and unit_id is not PORTAL:
                continue
            items = found.get((unit_id, indicator.key), [])
            counts[indicator.key] = len(items)
            snapshots.append(
                IndicatorSnapshot(
                    day=today, unit_id=unit_id, indicator_key=indicator.key, count=len(items), findings=items
                )
            )
        is_portal = unit_id is PORTAL
        assessment = assess(
            counts,
            deductions,
            Decimal(0) if is_portal else bonuses.get(unit_id, Decimal(0)),
            site_counts if is_portal else counts,
            per_unit=not is_portal,
        )
        scores.append(
            UnitScore(
                day=today,
                unit_id=unit_id,
                score=assessment.score,
                bonus=assessment.bonus,
                deductions=assessment.deductions,
                red_flags=assessment.red_flags,
            )
        )
    IndicatorSnapshot.objects.bulk_create(snapshots, batch_size=1000)
    UnitScore.objects.bulk_create(scores, batch_size=1000)
    return RecomputeResult(day=today, snapshots=len(snapshots), scores=len(scores))


def latest_day(today: date) -> date | None:
    """The last day recomputed, up to `today`."""
    return UnitScore.objects.filter(day__lte=today).aggregate(day=Max("day"))["day"]


@dataclass(frozen=True)
class RankedScore:
    rank: int
    score: UnitScore
    counts: dict[str, int]

    @property
    def unit(self) -> Unit:
        return self.score.unit


def ranking(day: date) -> list[RankedScore]:
    """The units by score on the day, best first; equal scores share a rank (1, 2, 2, 4)."""
    scores = list(
        UnitScore.objects.filter(day=day, unit__isnull=False)
        .select_related("unit")
        .order_by("-score", "unit__sort_order", "unit__pk")
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, key, count in IndicatorSnapshot.objects.filter(day=day, unit__isnull=False).values_list(
        "unit_id", "indicator_key", "count"
    ):
        counts[unit_id][key] = count
    ranked, rank = [], 0
    for position, score in enumerate(scores, start=1):
        if position == 1 or score.score != scores[position - 2].score:
            rank = position
        ranked.append(RankedScore(rank=rank, score=score, counts=counts[score.unit_id]))
    return ranked


def indicator_labels() -> dict[str, str]:
    """Each indicator's label, by key: the registered ones', then the deduction table's."""
    labels = {row.indicator_key: row.label for row in Deduction.objects.all()}
    labels.update({indicator.key: str(indicator.label) for indicator in registered_indicators()})
    return labels


def findings_for(unit: Unit | None, day: date, key: str | None = None):
    """The day's snapshots with findings of a unit (None: the portal), one indicator or all."""
    snapshots = IndicatorSnapshot.objects.filter(day=day, count__gt=0)
    snapshots = snapshots.filter(unit__isnull=True) if unit is None else snapshots.filter(unit=unit)
    if key is not None:
        snapshots = snapshots.filter(indicator_key=key)
    return snapshots.order_by("indicator_key")


@dataclass(frozen=True)
class UnitSummary:
    unit: Unit
    day: date
    score: UnitScore | None
    snapshots: list[IndicatorSnapshot]

    @property
    def needs_action(self) -> bool:
        return bool(self.snapshots)

    @property
    def total(self) -> int:
        return sum(snapshot.count for snapshot in self.snapshots)


def unit_summary(unit: Unit, day: date) -> UnitSummary:
    return UnitSummary(
        unit=unit,
        day=day,
        score=UnitScore.objects.filter(day=day, unit=unit).first(),
        snapshots=list(findings_for(unit, day)),
    )


# --- the weekly digest -------------------------------------------------------------------------


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def digest_body(summary: UnitSummary, labels: dict[str, str], base_url: str) -> str:
    lines = [
        _("%(unit)s：截至 %(day)s，以下事项需要处理（共 %(total)d 项）。")
        % {"unit": summary.unit.name, "day": summary.day.isoformat(), "total": summary.total},
        "",
    ]
    for snapshot in summary.snapshots:
        lines.append(f"{labels.get(snapshot.indicator_key, snapshot.indicator_key)}：{snapshot.count}")
        for item in snapshot.findings:
            detail = f"（{item['detail']}）" if item["detail"] else ""
            url = (
                f" {base_url}{item['url']}"
                if item["url"].startswith("/")
                else (f" {item['url']}" if item["url"] else "")
            )
            lines.append(f"  - {item['title']}{detail}{url}")
        lines.append("")
    lines.append(
        _("管理后台首页“今日待办”列出全部事项：%(url)s") % {"url": base_url + reverse("wagtailadmin_home")}
    )
    return "\n".join(lines)


def send_digests(today: date, base_url: str = "") -> int:
    """Mail each unit's staff what needs action, from the last recomputed day: once a week, and
    nothing to a unit with nothing to do. Returns how many units were mailed."""
    day = latest_day(today)
    if day is None:
        return 0
    week = week_of(today)
    done = set(DigestSent.objects.filter(week=week).values_list("unit_id", flat=True))
    pending = (
        IndicatorSnapshot.objects.filter(day=day, count__gt=0, unit__isnull=False)
        .exclude(unit_id__in=done)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    labels = indicator_labels()
    sent = 0
    for unit in Unit.objects.active().filter(pk__in=pending):
        summary = unit_summary(unit, day)
        recipients = addresses(unit_staff(unit))
        _record, created = DigestSent.objects.get_or_create(unit=unit, week=week, defaults={"sent_on": today})
        if not created or not recipients:
            continue
        subject = _("%(unit)s 政务公开待办事项（%(day)s）") % {"unit": unit.name, "day": day.isoformat()}
        mail_staff(recipients, subject, digest_body(summary, labels, base_url))
        sent += 1
    return sent
