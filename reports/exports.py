"""The annual reports as XLSX (openpyxl) and DOCX (python-docx) in the official order of
国办公开办函〔2021〕30号, laid out from reports/presentation.py and reports/tables.py."""

from __future__ import annotations

from html.parser import HTMLParser
from io import BytesIO

from django.http import FileResponse, HttpResponse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from sites.spreadsheets import xlsx_response

from .presentation import report_tables
from .tables import (
    SECTION_TITLES,
    TABLE2_CONTENT_HEADING,
    TABLE2_DOCUMENT_ITEM,
    TABLE2_DOCUMENT_MEASURES,
    TABLE3_APPLICANT_HEADING,
    TABLE3_CHECK_NOTE,
    TABLE3_COLUMNS,
    TABLE3_ORGANISATION_HEADING,
    TABLE4_AFTER_HEADING,
    TABLE4_COLUMNS,
    TABLE4_DIRECT_HEADING,
    TABLE4_GROUPS,
    TABLE4_LITIGATION_HEADING,
)
from .website import website_rows

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
THIN = Side(style="thin")


def table_rows(page) -> list[tuple[str, list[list[str | int]]]]:
    """Tables 二, 三 and 四 as (title, rows of cells), header rows first: one layout for both files."""
    tables = report_tables(page)
    measures = [str(label) for _key, label in TABLE2_DOCUMENT_MEASURES]
    content = str(TABLE2_CONTENT_HEADING)
    second: list[list[str | int]] = [[str(TABLE2_DOCUMENT_ITEM)], [content, *measures]]
    second += [[label, *values] for _key, label, values in tables.table2_documents]
    for item, measure, rows in tables.table2_decisions:
        second += [[item], [content, measure]]
        second += [[label, float(value) if key == "fees" else int(value)] for key, label, value in rows]
    columns = [str(label) for _key, label in TABLE3_COLUMNS]
    organisations = str(TABLE3_ORGANISATION_HEADING)
    third: list[list[str | int]] = [[str(TABLE3_CHECK_NOTE), str(TABLE3_APPLICANT_HEADING)]]
    third += [["", columns[0], organisations, "", "", "", "", columns[-1]]]
    third += [["", "", *columns[1:6], ""]]
    third += [[str(row.row.label), *row.values] for row in tables.table3]
    outcome_labels = [str(label) for _key, label in TABLE4_COLUMNS]
    groups = [str(label) for _key, label in TABLE4_GROUPS]
    fourth: list[list[str | int]] = [[groups[0], "", "", "", "", str(TABLE4_LITIGATION_HEADING)]]
    fourth += [["", "", "", "", "", str(TABLE4_DIRECT_HEADING), "", "", "", "", str(TABLE4_AFTER_HEADING)]]
    fourth += [outcome_labels * 3, list(tables.table4)]
    return [
        (str(SECTION_TITLES["two"]), second),
        (str(SECTION_TITLES["three"]), third),
        (str(SECTION_TITLES["four"]), fourth),
    ]


def annual_report_workbook(page) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "年度报告"
    sheet.append([page.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for title, rows in table_rows(page):
        sheet.append([])
        sheet.append([title])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJKLMNOP":
        sheet.column_dimensions[letter].width = 12
    return workbook


def annual_report_xlsx_response(page) -> FileResponse:
    return xlsx_response(annual_report_workbook(page), f"{page.title}.xlsx")


class _Paragraphs(HTMLParser):
    """Rich text as plain paragraphs: the letter's text, without the markup."""

    BLOCKS = {"p", "h3", "h4", "li"}

    def __init__(self):
        super().__init__()
        self.paragraphs: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._text = []

    def handle_endtag(self, tag):
        if tag in self.BLOCKS and self._text is not None:
            text = "".join(self._text).strip()
            if text:
                self.paragraphs.append(text)
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def paragraphs(html: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed(html or "")
    return parser.paragraphs


def annual_report_document(page):
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.add_heading(page.title, level=1)
    texts = {"one": page.overview, "five": page.problems_and_improvements, "six": page.other_matters}
    tables = dict(table_rows(page))
    for key, title in SECTION_TITLES.items():
        document.add_heading(str(title), level=2)
        if key in texts:
            for text in paragraphs(texts[key]) or ["（未填写）"]:
                document.add_paragraph(text)
            continue
        rows = tables[str(title)]
        width = max(len(row) for row in rows)
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for row_cells, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row_cells.cells, values, strict=False):
                cell.text = str(value)
    return document


def annual_report_docx_response(page) -> HttpResponse:
    buffer = BytesIO()
    annual_report_document(page).save(buffer)
    return FileResponse(
        BytesIO(buffer.getvalue()),
        as_attachment=True,
        filename=f"{page.title}.docx",
        content_type=DOCX_CONTENT_TYPE,
    )


def website_report_workbook(report) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "网站年度报表"
    sheet.append([str(report)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["项目", "数据"])
    for title, items in website_rows(report):
        sheet.append([str(title)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        for label, value in items:
            sheet.append([str(label), int(value) if str(value).isdigit() else str(value)])
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 40
    return workbook


def website_report_xlsx_response(report) -> FileResponse:
    return xlsx_response(website_report_workbook(report), f"{report}.xlsx")
