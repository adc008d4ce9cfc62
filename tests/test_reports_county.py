"""The county government's report (县人民政府, compiled by the county office): its Table 三 and Table
四 count the records of every unit it covers, and its Table 二 decisions are the figures the units
entered in their own reports, added up."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from decimal import Decimal

import pytest

from foi.models import Appeal, AppealKind, AppealOutcome, Application, OrganisationKind
from foi.replies import ReplyType
from reports import counting, services
from reports.models import AnnualReportPage
from reports.presentation import report_tables
from reports.tables import RESULT_ROW_KEYS, TABLE3_COLUMN_KEYS, TABLE4_COLUMNS, TABLE4_GROUPS
from sites.models import Unit, UnitKind
from tests.test_reports import YEAR, application, independent_count, normative, statutory_column

ROWS = ["new", "carried_in", *RESULT_ROW_KEYS, "results_total", "carried_out"]
# What each unit enters in its report: 行政许可, 行政处罚, 行政强制 decisions and 收费 (万元).
ENTERED = {
    "pingyuan": {
        "licensing_decisions": 12,
        "penalty_decisions": 4,
        "coercion_decisions": 1,
        "administrative_fees": Decimal("1.2500"),
    },
    "scjg": {
        "licensing_decisions": 305,
        "penalty_decisions": 87,
        "coercion_decisions": 9,
        "administrative_fees": Decimal("23.0075"),
    },
}
ENTERED_FIELDS = list(ENTERED["pingyuan"])
# The Table 二 decision cells (reports/presentation.py) and the field each shows.
DECISION_CELLS = {
    "licensing": "licensing_decisions",
    "penalty": "penalty_decisions",
    "coercion": "coercion_decisions",
}


def seed_applications(unit: Unit, count: int, seed: int) -> list[Application]:
    """Applications to the unit from November of the year before to December, every reply type."""
    rng = random.Random(seed)
    columns = ["citizen", *OrganisationKind.values]
    reply_types = list(ReplyType.values)
    made = []
    for _index in range(count):
        received = datetime.date(YEAR - 1, 11, 1) + datetime.timedelta(days=rng.randrange(0, 425))
        replied = None if rng.random() < 0.1 else received + datetime.timedelta(days=rng.randrange(1, 40))
        made.append(application(unit, received, replied, rng.choice(reply_types), rng.choice(columns)))
    Application.objects.bulk_create(made)
    return made


def seed_appeals(unit: Unit, count: int, seed: int) -> Counter:
    """Cases against the unit, some of the year before; returns Table 四 counted independently."""
    rng = random.Random(seed)
    expected: Counter = Counter()
    for _index in range(count):
        filed = datetime.date(YEAR - 1, 6, 1) + datetime.timedelta(days=rng.randrange(0, 560))
        kind = rng.choice(AppealKind.values)
        outcome = rng.choice(AppealOutcome.values)
        decided = None
        if outcome != AppealOutcome.PENDING:
            decided = filed + datetime.timedelta(days=rng.randrange(10, 200))
        Appeal.objects.create(unit=unit, kind=kind, filed_on=filed, outcome=outcome, decided_on=decided)
        if filed.year != YEAR:
            continue
        at_year_end = outcome if decided is not None and decided <= datetime.date(YEAR, 12, 31) else "pending"
        expected[(kind, at_year_end)] += 1
        expected[(kind, "total")] += 1
    return expected


def enter(report, figures: dict, *, publish: bool):
    """What the unit's editor does in the page editor: save the figures as a draft (and, once its
    review approves it, publish)."""
    draft = AnnualReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    for name, value in figures.items():
        setattr(draft, name, value)
    revision = draft.save_revision()
    if publish:
        revision.publish()


@pytest.fixture
def county(small_county):
    return {unit.slug: unit for unit in Unit.objects.filter(slug__in=["xzfb", "pingyuan", "scjg"])}


@pytest.mark.django_db
def test_the_county_report_sums_the_units_it_covers(county):
    office, pingyuan, scjg = county["xzfb"], county["pingyuan"], county["scjg"]
    assert office.kind == UnitKind.COUNTY_OFFICE and counting.is_compiled(office)
    assert set(counting.covered_units(office)) == {office, pingyuan, scjg}

    applications = {
        "xzfb": seed_applications(office, 25, seed=1),
        "pingyuan": seed_applications(pingyuan, 120, seed=2),
        "scjg": seed_applications(scjg, 80, seed=3),
    }
    appeals = seed_appeals(pingyuan, 6, seed=4) + seed_appeals(scjg, 9, seed=5)
    for unit, issued in ((pingyuan, 2), (scjg, 3)):
        for number in range(issued):
            normative(statutory_column(unit), f"{unit.slug}-{number}", datetime.date(YEAR, 3 + number, 1))

    # 平原镇 has published its report; 县市场监督管理局's is entered but still in review.
    reports = {}
    for unit in (pingyuan, scjg):
        reports[unit.slug] = services.generate_report(unit, YEAR, None)
        enter(reports[unit.slug], ENTERED[unit.slug], publish=unit is pingyuan)
    compiled = services.generate_report(office, YEAR, None)

    # Table 三: each cell is the count over every unit's applications, and the units' own cells
    # (the county office's own applications included) add up to it.
    expected = independent_count([item for items in applications.values() for item in items])
    own_office = independent_count(applications["xzfb"])
    rows = compiled.figures["table3"]["rows"]
    assert expected[("new", "total")] and expected[("carried_out", "total")]
    for row in ROWS:
        for column in TABLE3_COLUMN_KEYS:
            parts = [reports[slug].figures["table3"]["rows"][row][column] for slug in ("pingyuan", "scjg")]
            assert rows[row][column] == expected[(row, column)], (row, column)
            assert sum(parts) + own_office[(row, column)] == expected[(row, column)], (row, column)
    assert compiled.figures["table3"]["check"]["ok"]
    assert compiled.figures["compiled"] and len(compiled.figures["units"]) == 3

    # Table 四 and the normative documents of Table 二, likewise.
    table4 = compiled.figures["table4"]
    assert sum(appeals.values())
    for group, _label in TABLE4_GROUPS:
        for column, _label in TABLE4_COLUMNS:
            assert table4[group][column] == appeals[(group, column)], (group, column)
    assert compiled.figures["table2"]["normative"]["issued"] == 5

    # Table 二's decisions: what the units entered in their published reports; the report still
    # in review is named, not counted.
    (unpublished,) = [
        problem for problem in compiled.figures["problems"] if problem["code"] == "units_unpublished"
    ]
    assert scjg.name in unpublished["message"] and pingyuan.name not in unpublished["message"]
    published_only = {name: ENTERED["pingyuan"][name] for name in ENTERED_FIELDS}
    assert {name: getattr(compiled.get_latest_revision_as_object(), name) for name in ENTERED_FIELDS} == (
        published_only
    )
    AnnualReportPage.objects.get(pk=reports["scjg"].pk).get_latest_revision().publish()
    compiled = services.recount(compiled, None)
    assert not [problem for problem in compiled.figures["problems"] if problem["code"] == "units_unpublished"]
    sums = {name: sum(ENTERED[slug][name] for slug in ENTERED) for name in ENTERED_FIELDS}
    draft = compiled.get_latest_revision_as_object()
    assert {name: getattr(draft, name) for name in ENTERED_FIELDS} == sums
    shown = {
        key: value
        for _item, _measure, cells in report_tables(draft).table2_decisions
        for key, _label, value in cells
    }
    assert shown == {
        **{key: str(sums[name]) for key, name in DECISION_CELLS.items()},
        "fees": f"{sums['administrative_fees'].normalize():f}",
    }

    # A unit corrects its figures through its review: counting the county's report again takes
    # the correction once it is published.
    enter(reports["scjg"], {"licensing_decisions": 310}, publish=True)
    recounted = services.recount(compiled, None)
    assert recounted.licensing_decisions == ENTERED["pingyuan"]["licensing_decisions"] + 310
