"""A report's tables as rows of labelled cells, read by the public page, the editor's panel and the
XLSX and DOCX exports alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .tables import (
    TABLE2_DECISION_BLOCKS,
    TABLE2_DOCUMENT_MEASURES,
    TABLE2_DOCUMENT_ROWS,
    TABLE3_COLUMN_KEYS,
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    Row,
    table3_rows,
)


@dataclass
class Table3Row:
    row: Row
    values: list[int] = field(default_factory=list)  # empty in a heading row

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(column key, value) pairs, for links to the applications behind each figure."""
        return list(zip(TABLE3_COLUMN_KEYS, self.values, strict=False))


@dataclass
class ReportTables:
    table2_documents: list[tuple[str, str, list[int]]]  # (row key, label, [issued, repealed, valid])
    table2_decisions: list[
        tuple[str, str, list[tuple[str, str, str]]]
    ]  # (item, measure, [(key, label, value)])
    table3: list[Table3Row]
    table4: list[int]  # 15 values: 行政复议, 直接起诉, 复议后起诉, five columns each
    check: dict
    cross_year: dict
    problems: list[dict]

    @property
    def table2_document_cells(self) -> list[tuple[str, str, list[tuple[str, int]]]]:
        """Table 二's document rows with each figure's measure, for links to the documents behind it."""
        measures = [measure for measure, _label in TABLE2_DOCUMENT_MEASURES]
        return [
            (key, label, list(zip(measures, values, strict=True)))
            for key, label, values in self.table2_documents
        ]


def _fees(value: Decimal | None) -> str:
    value = Decimal(value or 0)
    return f"{value.normalize():f}" if value else "0"


def report_tables(page) -> ReportTables:
    figures = page.figures
    second, third, fourth = figures["table2"], figures["table3"], figures["table4"]
    entered = {
        "licensing": str(page.licensing_decisions),
        "penalty": str(page.penalty_decisions),
        "coercion": str(page.coercion_decisions),
        "fees": _fees(page.administrative_fees),
    }
    documents = [
        (key, str(label), [second[key][measure] for measure, _measure_label in TABLE2_DOCUMENT_MEASURES])
        for key, label in TABLE2_DOCUMENT_ROWS
    ]
    decisions = [
        (str(item), str(measure), [(key, str(label), entered[key]) for key, label in rows])
        for item, measure, rows in TABLE2_DECISION_BLOCKS
    ]
    rows = []
    for row in table3_rows():
        values = [third["rows"][row.key][column] for column, _label in TABLE3_COLUMNS] if row.counted else []
        rows.append(Table3Row(row, values))
    appeals = [fourth[group][column] for group, _label in TABLE4_GROUPS for column, _label in TABLE4_COLUMNS]
    return ReportTables(
        table2_documents=documents,
        table2_decisions=decisions,
        table3=rows,
        table4=appeals,
        check=third["check"],
        cross_year=second["cross_year"],
        problems=figures.get("problems", []),
    )
