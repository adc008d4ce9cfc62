"""The annual reports as files: the OGI report as XLSX (its three tables) and DOCX (the whole report),
the website report as XLSX.

Each table is laid out once, as a `Grid` of cells and merged ranges in the official form's shape
(国办公开办函〔2021〕30号), and the XLSX and the DOCX both draw that grid, so the two files always
carry the same labels, figures and merged headers. Labels come from reports/tables.py through
reports/presentation.py; the figures are the ones stored on the report (`figures`), never recounted.

The reports are official documents: they are written in Chinese whatever language the page that
offers them is shown in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO
from typing import TYPE_CHECKING

from django.http import FileResponse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sites.official_documents import (
    BODY_SIZE,
    DOCX_BODY_FONT,
    DOCX_CONTENT_TYPE,
    DOCX_TITLE_FONT,
    TABLE_SIZE,
    TEXT_WIDTH_MM,
    add_title,
    docx_fonts,
    mark_header_row,
    official_document,
)
from sites.spreadsheets import xlsx_response

from .models import AnnualReportPage, WebsiteReport
from .presentation import ReportTables, report_tables
from .tables import (
    SECTION_TITLES,
    TABLE2_CONTENT_HEADING,
    TABLE2_DOCUMENT_ITEM,
    TABLE2_DOCUMENT_MEASURES,
    TABLE3_APPLICANT_HEADING,
    TABLE3_COLUMNS,
    TABLE3_ORGANISATION_HEADING,
    TABLE4_AFTER_HEADING,
    TABLE4_COLUMNS,
    TABLE4_DIRECT_HEADING,
    TABLE4_GROUPS,
    TABLE4_LITIGATION_HEADING,
)
from .website import website_rows

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

OFFICIAL_LANGUAGE = "zh-hans"

# Table 二's entered figures that are not counts: the fee is an amount in 万元 with up to four
# decimals, kept as the text the report prints rather than a float that may round it.
TABLE2_AMOUNT_KEYS = {"fees"}


# --- the tables as grids --------------------------------------------------------------------------


@dataclass
class Cell:
    value: str | int | None
    header: bool = False
    level: int = 0  # indentation of a row label (Table 三's （一） and 1. rows)


@dataclass
class Grid:
    """A table as the form draws it: rows of cells (None where a merged range covers the cell) and
    the merged ranges, 0-based and inclusive, as (first row, first column, last row, last column)."""

    widths: list[float]  # in spreadsheet character widths; the DOCX scales them to the page
    rows: list[list[Cell | None]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_rows: int = 0  # rows repeated at the top of each page in Word

    def add(self, *cells: Cell | None) -> int:
        row = list(cells) + [None] * (len(self.widths) - len(cells))
        self.rows.append(row)
        return len(self.rows) - 1

    def merge(self, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
        self.merges.append((first_row, first_column, last_row, last_column))


def _header(label) -> Cell:
    return Cell(str(label), header=True)


def table2_grid(tables: ReportTables) -> Grid:
    """Table 二 in its four blocks, each under the item of 条例 Art. 20 it reports on."""
    grid = Grid(widths=[30, 18, 18, 18])
    content = TABLE2_CONTENT_HEADING
    row = grid.add(_header(TABLE2_DOCUMENT_ITEM))
    grid.merge(row, 0, row, 3)
    grid.add(_header(content), *(_header(label) for _key, label in TABLE2_DOCUMENT_MEASURES))
    for _key, label, values in tables.table2_documents:
        grid.add(Cell(label), *(Cell(value) for value in values))
    for item, measure, rows in tables.table2_decisions:
        row = grid.add(_header(item))
        grid.merge(row, 0, row, 3)
        row = grid.add(_header(content), _header(measure))
        grid.merge(row, 1, row, 3)
        for key, label, value in rows:
            row = grid.add(Cell(label), Cell(value if key in TABLE2_AMOUNT_KEYS else int(value)))
            grid.merge(row, 1, row, 3)
    return grid


def table3_grid(tables: ReportTables) -> Grid:
    """Table 三: 申请人情况 over every value column, 法人或其他组织 over its five kinds, then the rows
    of tables.table3_rows(), heading rows without figures."""
    citizen, *organisations, total = TABLE3_COLUMNS
    width = 1 + len(TABLE3_COLUMNS)
    grid = Grid(widths=[48] + [9] * len(TABLE3_COLUMNS), header_rows=3)
    grid.add(Cell("", header=True), _header(TABLE3_APPLICANT_HEADING))
    grid.merge(0, 0, 2, 0)
    grid.merge(0, 1, 0, width - 1)
    grid.add(
        None,
        _header(citizen[1]),
        _header(TABLE3_ORGANISATION_HEADING),
        *([None] * (len(organisations) - 1)),
        _header(total[1]),
    )
    grid.merge(1, 1, 2, 1)
    grid.merge(1, 2, 1, 1 + len(organisations))
    grid.merge(1, width - 1, 2, width - 1)
    grid.add(None, None, *(_header(label) for _key, label in organisations))
    for table_row in tables.table3:
        label = Cell(str(table_row.row.label), level=table_row.row.level)
        if table_row.row.counted:
            grid.add(label, *(Cell(value) for value in table_row.values))
        else:
            grid.add(label, *(Cell(None) for _column in TABLE3_COLUMNS))
    return grid


def table4_grid(tables: ReportTables) -> Grid:
    """Table 四: 行政复议 (five columns) and 行政诉讼 (未经复议直接起诉 and 复议后起诉, five each), one row."""
    columns = [label for _key, label in TABLE4_COLUMNS]
    size = len(columns)
    grid = Grid(widths=[9] * (size * len(TABLE4_GROUPS)), header_rows=3)
    reconsideration = TABLE4_GROUPS[0][1]
    top = [_header(reconsideration)] + [None] * (size - 1) + [_header(TABLE4_LITIGATION_HEADING)]
    grid.add(*top)
    grid.merge(0, 0, 0, size - 1)
    grid.merge(0, size, 0, 3 * size - 1)
    middle = [_header(label) for label in columns]
    middle += [_header(TABLE4_DIRECT_HEADING)] + [None] * (size - 1) + [_header(TABLE4_AFTER_HEADING)]
    grid.add(*middle)
    for column in range(size):
        grid.merge(1, column, 2, column)
    grid.merge(1, size, 1, 2 * size - 1)
    grid.merge(1, 2 * size, 1, 3 * size - 1)
    grid.add(*([None] * size), *(_header(label) for label in columns * 2))
    grid.add(*(Cell(value) for value in tables.table4))
    return grid


def _table_grids(page: AnnualReportPage) -> dict[str, Grid]:
    tables = report_tables(page)
    return {"two": table2_grid(tables), "three": table3_grid(tables), "four": table4_grid(tables)}


# --- XLSX -----------------------------------------------------------------------------------------

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _sheet_names() -> dict[str, str]:
    return {"two": _("表二 主动公开"), "three": _("表三 依申请公开"), "four": _("表四 复议诉讼")}


def _title_row(sheet: Worksheet, row: int, text: str, width: int, size: int) -> None:
    sheet.cell(row=row, column=1, value=text).font = Font(bold=True, size=size)
    sheet.cell(row=row, column=1).alignment = Alignment(
        horizontal="center", vertical="center", wrap_text=True
    )
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _draw_grid(sheet: Worksheet, grid: Grid, top: int) -> None:
    """The grid from row `top` (1-based) down, every cell bordered (merged ones too, or a merged
    range shows its border on its first cell only)."""
    for index, row in enumerate(grid.rows):
        for column, cell in enumerate(row, start=1):
            target = sheet.cell(row=top + index, column=column)
            target.border = BORDER
            if cell is None:
                continue
            target.value = cell.value
            if cell.header:
                target.font = Font(bold=True)
                target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            elif column == 1 and isinstance(cell.value, str):
                target.alignment = Alignment(
                    horizontal="left", vertical="center", wrap_text=True, indent=2 * cell.level
                )
            else:
                target.alignment = Alignment(horizontal="center", vertical="center")
    for first_row, first_column, last_row, last_column in grid.merges:
        sheet.merge_cells(
            start_row=top + first_row,
            start_column=first_column + 1,
            end_row=top + last_row,
            end_column=last_column + 1,
        )
    for column, width in enumerate(grid.widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def annual_report_workbook(page: AnnualReportPage) -> Workbook:
    """One sheet per table (表二, 表三, 表四): each keeps the column widths of its own form, which one
    sheet holding all three could not. Each sheet opens with the report's title and the section."""
    with translation.override(OFFICIAL_LANGUAGE):
        workbook = Workbook()
        workbook.remove(workbook.active)
        names = _sheet_names()
        for key, grid in _table_grids(page).items():
            sheet = workbook.create_sheet(names[key])
            width = len(grid.widths)
            _title_row(sheet, 1, page.title, width, 14)
            _title_row(sheet, 2, str(SECTION_TITLES[key]), width, 12)
            sheet.row_dimensions[1].height = 24
            _draw_grid(sheet, grid, top=3)
            sheet.freeze_panes = sheet.cell(row=3 + grid.header_rows, column=1)
            sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
            sheet.page_setup.orientation = "landscape" if width > 8 else "portrait"
            sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            if grid.header_rows:
                sheet.print_title_rows = f"1:{2 + grid.header_rows}"
        return workbook


def annual_report_xlsx_response(page: AnnualReportPage) -> FileResponse:
    return xlsx_response(annual_report_workbook(page), f"{page.title}.xlsx")


def _website_value(value: str, raw) -> str | int:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else value


def _website_raw_values(report: WebsiteReport) -> dict[tuple[str, str], object]:
    """The untyped values behind website_rows' texts, so that counts go into the sheet as numbers:
    the counted figures as stored, and the entered counts (the report's integer fields, whose rows
    are labelled with the field's name and a unit such as “（个）”)."""
    raw: dict[tuple[str, str], object] = {}
    for section in report.figures.get("sections", []):
        for row in section["rows"]:
            raw[(str(section["title"]), str(row["label"]))] = row["value"]
    counts = [
        model_field
        for model_field in WebsiteReport._meta.concrete_fields
        if model_field.get_internal_type() in ("PositiveIntegerField", "PositiveBigIntegerField")
        and model_field.name != "year"
    ]
    for title, rows in website_rows(report):
        for label, _text in rows:
            for model_field in counts:
                if str(label).startswith(str(model_field.verbose_name)):
                    raw[(str(title), str(label))] = getattr(report, model_field.attname)
    return raw


def website_report_workbook(report: WebsiteReport) -> Workbook:
    """政府网站工作年度报表 as two columns, 项目 | 数据, section by section."""
    with translation.override(OFFICIAL_LANGUAGE):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("政府网站工作年度报表")
        _title_row(sheet, 1, str(report), 2, 14)
        sheet.append([_("项目"), _("数据")])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
            cell.border = BORDER
        raw = _website_raw_values(report)
        for title, rows in website_rows(report):
            sheet.append([str(title)])
            row = sheet.max_row
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            sheet.cell(row=row, column=1).font = Font(bold=True)
            for label, text in rows:
                sheet.append([str(label), _website_value(str(text), raw.get((str(title), str(label))))])
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                cell.border = BORDER
                cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions["A"].width = 48
        sheet.column_dimensions["B"].width = 40
        return workbook


def website_report_xlsx_response(report: WebsiteReport) -> FileResponse:
    return xlsx_response(website_report_workbook(report), f"{report}.xlsx")


# --- rich text ------------------------------------------------------------------------------------


@dataclass
class Paragraph:
    """A paragraph of a report's rich text, as Word shows it."""

    runs: list[tuple[str, bool, bool]] = field(default_factory=list)  # (text, bold, italic)
    heading: bool = False
    marker: str = ""  # "•" or "1." for a list item
    level: int = 0  # list nesting

    @property
    def text(self) -> str:
        return "".join(text for text, _bold, _italic in self.runs)


class _RichTextParser(HTMLParser):
    """Wagtail rich text (as stored, or expanded) to paragraphs. Links keep their text only: the
    printed report has nowhere to point them, so neither their stored form (<a linktype="page"
    id="…">) nor an expanded address matters, and no database look-up is needed."""

    BLOCKS = {"p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li"}
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
    SKIPPED = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[Paragraph] = []
        self.current: Paragraph | None = None
        self.lists: list[list] = []  # [tag, items so far] of each open list
        self.bold = 0
        self.italic = 0
        self.skipping = 0

    def _close(self) -> None:
        paragraph, self.current = self.current, None
        if paragraph is None or not paragraph.text.strip():
            return
        # White space that HTML would not show at the paragraph's ends.
        text, bold, italic = paragraph.runs[0]
        paragraph.runs[0] = (text.lstrip(" "), bold, italic)
        text, bold, italic = paragraph.runs[-1]
        paragraph.runs[-1] = (text.rstrip(" "), bold, italic)
        self.paragraphs.append(paragraph)

    def _open(self, tag: str) -> None:
        self._close()
        paragraph = Paragraph(heading=tag in self.HEADINGS)
        if tag == "li" and self.lists:
            kind = self.lists[-1]
            kind[1] += 1
            paragraph.marker = f"{kind[1]}." if kind[0] == "ol" else "•"
            paragraph.level = len(self.lists) - 1
        self.current = paragraph

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in ("ul", "ol"):
            self._close()
            self.lists.append([tag, 0])
        elif tag in self.BLOCKS:
            # Draftail never puts a <p> in a list item, but pasted HTML may: it stays the item's text.
            if not (tag == "p" and self.current is not None and self.current.marker):
                self._open(tag)
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "br":
            self._text("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self._text("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("ul", "ol"):
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag in self.BLOCKS:
            if not (tag == "p" and self.current is not None and self.current.marker):
                self._close()
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        # HTML collapses white space: the source's line breaks are not the writer's.
        text = re.sub(r"\s+", " ", data)
        if text.strip() or (self.current is not None and self.current.runs):
            self._text(text)

    def _text(self, text: str) -> None:
        if self.current is None:
            self.current = Paragraph()
        self.current.runs.append((text, bool(self.bold) or self.current.heading, bool(self.italic)))

    def close(self) -> None:
        super().close()
        self._close()


def rich_text_paragraphs(html: str) -> list[Paragraph]:
    """The paragraphs of a rich text field: p, h3/h4 as bold paragraphs, list items with their
    bullet or number, links as their text."""
    parser = _RichTextParser()
    parser.feed(html or "")
    parser.close()
    return parser.paragraphs


# --- DOCX -----------------------------------------------------------------------------------------

HEADING_SIZE = 16


def _write_rich_text(document, html: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for block in rich_text_paragraphs(html):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if block.marker:
            paragraph.paragraph_format.left_indent = Pt(2 * BODY_SIZE * (block.level + 1))
            paragraph.paragraph_format.first_line_indent = Pt(-BODY_SIZE * 1.5)
            paragraph.add_run(f"{block.marker} ")
        else:
            paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)  # two characters
        for text, bold, italic in block.runs:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None


def _write_table(document, grid: Grid) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    table = document.add_table(rows=len(grid.rows), cols=len(grid.widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(grid.widths)
    widths = [Mm(TEXT_WIDTH_MM * width / total) for width in grid.widths]
    # Word reads each cell's width, LibreOffice the table grid's: both are set.
    for index, column in enumerate(table.columns):
        column.width = widths[index]
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = widths[index]
    for index in range(grid.header_rows):
        mark_header_row(table.rows[index])
    # Merge first: a merge joins the cells' paragraphs, so text written before it would be doubled.
    for first_row, first_column, last_row, last_column in grid.merges:
        table.cell(first_row, first_column).merge(table.cell(last_row, last_column))
    for row_index, row in enumerate(grid.rows):
        for column_index, cell in enumerate(row):
            if cell is None:
                continue
            target = table.cell(row_index, column_index)
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = target.paragraphs[0]
            paragraph.paragraph_format.line_spacing = 1.0
            paragraph.paragraph_format.first_line_indent = Pt(0)
            label = column_index == 0 and not cell.header and isinstance(cell.value, str)
            if label:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                paragraph.paragraph_format.left_indent = Pt(TABLE_SIZE * cell.level)
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if cell.value is not None and cell.value != "":
                run = paragraph.add_run(str(cell.value))
                docx_fonts(run, DOCX_BODY_FONT, TABLE_SIZE, bold=cell.header)


def annual_report_document(page: AnnualReportPage) -> WordDocument:
    """The whole report as a Word document: the title, then sections 一 to 六 in order, 一, 五 and
    六 from the unit's text, 二, 三 and 四 as the form's tables."""
    from docx.shared import Pt

    with translation.override(OFFICIAL_LANGUAGE):
        grids = _table_grids(page)
        texts = {
            "one": page.overview,
            "five": page.problems_and_improvements,
            "six": page.other_matters,
        }
        unit = page.unit if page.pk else None
        document = official_document(page.title, unit.name if unit else "")
        add_title(document, page.title)
        document.add_paragraph()
        for key, heading_text in SECTION_TITLES.items():
            heading = document.add_paragraph()
            heading.paragraph_format.first_line_indent = Pt(2 * HEADING_SIZE)
            heading.paragraph_format.keep_with_next = True
            docx_fonts(heading.add_run(str(heading_text)), DOCX_TITLE_FONT, HEADING_SIZE)
            if key in grids:
                _write_table(document, grids[key])
                document.add_paragraph()
            else:
                _write_rich_text(document, texts[key])
        return document


def annual_report_docx_response(page: AnnualReportPage) -> FileResponse:
    buffer = BytesIO()
    annual_report_document(page).save(buffer)
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename=f"{page.title}.docx", content_type=DOCX_CONTENT_TYPE
    )
