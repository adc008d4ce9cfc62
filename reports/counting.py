"""The figures of the OGI annual report, counted from the system's own records.

Table 二 from the units' documents, Table 三 from the applications (依申请公开), Table 四 from the
register of 行政复议 and 行政诉讼 cases. Every count also keeps the records behind it, so that a
figure can be opened onto its documents or applications and a check that fails names the records
that break it. The county government's report (the county office's) counts every unit it covers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from wagtail.models import Locale

from disclosure.models import GovernmentDocumentPage, Validity
from foi.models import CLOSED, Appeal, AppealKind, AppealOutcome, ApplicantKind, Application
from foi.replies import REPLY_KINDS
from sites.models import Unit, UnitKind, UnitSectionPage
from sites.tenancy import inside_subtrees

from .tables import RESULT_ROW_KEYS, TABLE3_COLUMN_KEYS, TABLE4_COLUMNS, TABLE4_GROUPS

# Units that report to the public on their own: 村（居）委员会 are not administrative organs and
# keep 村务公开 instead of an OGI annual report.
REPORTING_KINDS = [UnitKind.COUNTY_OFFICE, UnitKind.COUNTY_BUREAU, UnitKind.FARM, UnitKind.TOWNSHIP]


def reporting_units():
    return Unit.objects.active().filter(kind__in=REPORTING_KINDS).order_by("sort_order", "name")


def is_compiled(unit: Unit) -> bool:
    """The county office publishes the county government's report, which sums every unit's."""
    return unit.kind == UnitKind.COUNTY_OFFICE


def covered_units(unit: Unit) -> list[Unit]:
    return list(reporting_units()) if is_compiled(unit) else [unit]


@dataclass
class Problem:
    """A record that a check found wrong, with the records to open."""

    code: str
    message: str
    applications: list[int] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)
    blocking: bool = False

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "applications": self.applications,
            "documents": self.documents,
            "blocking": self.blocking,
        }


# --- Table 二 ----------------------------------------------------------------------------------


def inside_sections(units: list[Unit]) -> Q:
    """Pages in the units' sections of the Chinese tree (translations count once, as their source)."""
    sections = UnitSectionPage.objects.filter(unit__in=units, locale=Locale.get_default())
    return inside_subtrees(sections.values_list("path", flat=True)) & Q(alias_of__isnull=True)


def unit_documents(units: list[Unit]):
    """The units' documents as published in the Chinese tree."""
    return GovernmentDocumentPage.objects.filter(inside_sections(units)).exclude(
        first_published_at__isnull=True
    )


def normative_documents(units: list[Unit], year: int) -> dict[str, list[int]]:
    """行政规范性文件 issued, repealed (废止 or 失效) and valid at the end of the year, by page id.

    A county has no power to make 规章 (立法法 Art. 93), so that row keeps no documents.
    """
    year_end = date(year, 12, 31)
    documents = unit_documents(units).filter(is_normative=True, written_date__lte=year_end)
    rows = documents.values_list("pk", "written_date", "validity", "validity_changed_on")
    issued, repealed, valid = [], [], []
    for pk, written, validity, changed in rows.order_by("written_date", "pk"):
        if written.year == year:
            issued.append(pk)
        ended = validity != Validity.VALID and changed is not None
        if ended and changed.year == year:
            repealed.append(pk)
        if not ended or changed > year_end:
            valid.append(pk)
    return {"issued": issued, "repealed": repealed, "valid": valid}


def table2(units: list[Unit], year: int, previous: dict | None) -> tuple[dict, list[Problem]]:
    """Table 二's document rows and the cross-year rule: valid = last year's valid + issued − repealed.

    `previous` is last year's published figures, when there are any: the rule is checked against
    what was published, so a document entered afterwards with last year's date shows up here.
    """
    normative = normative_documents(units, year)
    if previous and "normative_ids" in previous.get("table2", {}):
        previous_ids = previous["table2"]["normative_ids"]["valid"]
        previous_source = "published"
    else:
        previous_ids = normative_documents(units, year - 1)["valid"]
        previous_source = "counted"
    figures = {
        "rules": {"issued": 0, "repealed": 0, "valid": 0},
        "normative": {measure: len(ids) for measure, ids in normative.items()},
        "normative_ids": normative,
        "cross_year": {
            "previous_valid": len(previous_ids),
            "previous_source": previous_source,
            "expected": len(previous_ids) + len(normative["issued"]) - len(normative["repealed"]),
        },
    }
    problems = []
    expected = (set(previous_ids) | set(normative["issued"])) - set(normative["repealed"])
    actual = set(normative["valid"])
    figures["cross_year"]["ok"] = expected == actual and figures["cross_year"]["expected"] == len(actual)
    if not figures["cross_year"]["ok"]:
        problems.append(
            Problem(
                "cross_year",
                _(
                    "行政规范性文件现行有效件数（%(valid)d）不等于上年度现行有效件数（%(previous)d）加本年制发"
                    "（%(issued)d）减本年废止（%(repealed)d）：请核对下列文件的成文日期和有效性记录。"
                )
                % {
                    "valid": len(actual),
                    "previous": len(previous_ids),
                    "issued": len(normative["issued"]),
                    "repealed": len(normative["repealed"]),
                },
                documents=sorted(expected ^ actual),
            )
        )
    return figures, problems


# --- Table 三 ----------------------------------------------------------------------------------


def applicant_column(applicant_kind: str, organisation_kind: str) -> str:
    if applicant_kind == ApplicantKind.CITIZEN:
        return "citizen"
    return organisation_kind or "other"


def application_cells(units: list[Unit], year: int) -> tuple[dict[tuple[str, str], list[int]], list[Problem]]:
    """Which applications each Table 三 cell counts, and the closed ones no reply row can take.

    Received in the year: 一. Received before and not replied by 1 January: 二. Replied in the
    year: the row of its reply type. Not replied by 31 December: 四. An application closed without
    a reply type or reply date is counted where it came in but in no result row, so the check row
    fails and names it.
    """
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    rows = (
        Application.objects.filter(unit__in=units, received_on__lte=year_end)
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=year_start))
        .values_list(
            "pk", "applicant_kind", "organisation_kind", "received_on", "replied_on", "reply_type", "state"
        )
        .order_by("received_on", "pk")
    )
    cells: dict[tuple[str, str], list[int]] = defaultdict(list)
    broken: list[int] = []
    for pk, applicant_kind, organisation_kind, received_on, replied_on, reply_type, state in rows:
        if state in CLOSED and replied_on is None and received_on < year_start:
            # Closed long ago without a reply date: not this year's to count, but still wrong.
            broken.append(pk)
            continue
        column = applicant_column(applicant_kind, organisation_kind)
        cells[("new" if received_on >= year_start else "carried_in", column)].append(pk)
        if (replied_on is not None and replied_on > year_end) or (replied_on is None and state not in CLOSED):
            cells[("carried_out", column)].append(pk)
        elif replied_on is not None and reply_type in REPLY_KINDS:
            cells[(REPLY_KINDS[reply_type].row, column)].append(pk)
            cells[("results_total", column)].append(pk)
        else:
            broken.append(pk)
    for (row, _column), pks in list(cells.items()):
        cells[(row, "total")].extend(pks)
    problems = []
    if broken:
        problems.append(
            Problem(
                "no_reply",
                _(
                    "%(count)d 件申请已办结但没有答复类型或答复日期，未计入任何办理结果：请补全答复记录后重新统计。"
                )
                % {"count": len(broken)},
                applications=broken,
                blocking=True,
            )
        )
    return cells, problems


def table3(units: list[Unit], year: int, previous: dict | None) -> tuple[dict, list[Problem]]:
    cells, problems = application_cells(units, year)
    row_keys = ["new", "carried_in", *RESULT_ROW_KEYS, "results_total", "carried_out"]
    counts = {
        row: {column: len(cells.get((row, column), [])) for column in TABLE3_COLUMN_KEYS} for row in row_keys
    }
    left = {column: counts["new"][column] + counts["carried_in"][column] for column in TABLE3_COLUMN_KEYS}
    right = {
        column: counts["results_total"][column] + counts["carried_out"][column]
        for column in TABLE3_COLUMN_KEYS
    }
    figures = {"rows": counts, "check": {"ok": left == right, "left": left, "right": right}}
    if not figures["check"]["ok"] and not problems:
        problems.append(
            Problem("check_row", _("表三校验不通过：一＋二 不等于 三（七）总计＋四。"), blocking=True)
        )
    if previous and "table3" in previous:
        published = previous["table3"]["rows"]["carried_out"]["total"]
        if published != counts["carried_in"]["total"]:
            problems.append(
                Problem(
                    "carried_in",
                    _(
                        "上年结转申请数（%(now)d）与上年度年报公布的“结转下年度继续办理”数（%(published)d）不一致："
                        "请核对下列申请的收到日期和答复日期。"
                    )
                    % {"now": counts["carried_in"]["total"], "published": published},
                    applications=cells.get(("carried_in", "total"), []),
                )
            )
    return figures, problems


# --- Table 四 ----------------------------------------------------------------------------------


def appeal_cells(units: list[Unit], year: int) -> dict[tuple[str, str], list[int]]:
    """Cases accepted in the year, by kind and by their result at the end of the year."""
    year_end = date(year, 12, 31)
    cells: dict[tuple[str, str], list[int]] = defaultdict(list)
    for appeal in Appeal.objects.filter(unit__in=units, filed_on__year=year).order_by("filed_on", "pk"):
        outcome = appeal.outcome_on(year_end)
        cells[(appeal.kind, outcome)].append(appeal.pk)
        cells[(appeal.kind, "total")].append(appeal.pk)
    return cells


def table4(units: list[Unit], year: int) -> dict:
    cells = appeal_cells(units, year)
    return {
        group: {column: len(cells.get((group, column), [])) for column, _label in TABLE4_COLUMNS}
        for group, _label in TABLE4_GROUPS
    }


assert {group for group, _label in TABLE4_GROUPS} == set(AppealKind.values)
assert {column for column, _label in TABLE4_COLUMNS} - {"total"} == set(AppealOutcome.values)


# --- fees (section 六) ---------------------------------------------------------------------------


def fees_charged(units: list[Unit], year: int) -> dict:
    """Information-processing fees actually paid in the year (国办函〔2020〕109号)."""
    paid = Application.objects.filter(unit__in=units, fee_paid_on__year=year, fee_amount__gt=0)
    total = paid.aggregate(total=Sum("fee_amount"))["total"] or Decimal("0")
    return {"count": paid.count(), "yuan": str(total.quantize(Decimal("0.01")))}


def fees_paragraph(fees: dict) -> str:
    if not fees["count"]:
        return _("本年度未收取政府信息公开信息处理费。")
    return _("本年度共对 %(count)d 件政府信息公开申请收取信息处理费，合计 %(yuan)s 元。") % fees


# --- the whole report -------------------------------------------------------------------------


def count_report(unit: Unit, year: int, previous: dict | None = None) -> dict:
    """Every counted figure of the unit's report for the year, as stored on the report page."""
    units = covered_units(unit)
    second, second_problems = table2(units, year, previous)
    third, third_problems = table3(units, year, previous)
    return {
        "year": year,
        "compiled": is_compiled(unit),
        "units": [covered.name for covered in units],
        "table2": second,
        "table3": third,
        "table4": table4(units, year),
        "fees": fees_charged(units, year),
        "problems": [problem.as_json() for problem in second_problems + third_problems],
    }
