"""Spreadsheets of the catalogue, in the layouts the county files with the prefecture.

openpyxl writes them: it is well kept, pure Python (nothing to compile on the county's servers)
and writes real .xlsx files, with merged title rows, column widths and wrapped text, which the
offices open in WPS or Excel without the conversion warnings a CSV would bring.
"""

from __future__ import annotations

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from disclosure.domains import Domain
from sites.models import Unit

from .models import CatalogueItem

# 附件3: 序号 then the eight elements, with widths (in characters) that fit what each holds.
CATALOGUE_COLUMNS = (
    ("序号", 6),
    ("公开事项名称", 20),
    ("公开内容（要素）", 36),
    ("公开依据", 36),
    ("公开时限", 18),
    ("公开主体", 18),
    ("公开方式", 12),
    ("公开渠道", 24),
    ("公开对象", 14),
)
RESPONSIBILITY_COLUMNS = (
    ("序号", 6),
    ("试点领域", 20),
    ("目录编制单位", 60),
    ("公开事项数", 12),
)

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")


def county_name() -> str:
    """The county as titles name it: "盈江县" from the portal's "盈江县人民政府"."""
    return settings.WAGTAIL_SITE_NAME.removesuffix("人民政府")


def catalogue_title(domain: Domain) -> str:
    return f"{county_name()}{domain.label}领域基层政务公开标准目录"


def responsibility_title() -> str:
    return f"{county_name()}{len(Domain)}个试点领域政务公开事项标准指引及目录编制责任清单"


def unit_catalogue_workbook(unit: Unit, domain: Domain) -> Workbook:
    """附件3: one unit's catalogue in one domain, one row per item."""
    items = CatalogueItem.objects.for_unit(unit).filter(domain=domain).order_by("sort_order", "id")
    rows = [
        [
            number,
            item.name,
            item.content,
            item.legal_basis,
            item.time_limit,
            item.responsible_body,
            item.method,
            item.channel,
            item.audience_text,
        ]
        for number, item in enumerate(items, start=1)
    ]
    return _table_workbook(catalogue_title(domain), CATALOGUE_COLUMNS, rows, sheet_title=str(domain.label))


def responsibility_workbook() -> Workbook:
    """附件1: every domain, in its official order, with the units that keep a catalogue in it."""
    items = CatalogueItem.objects.select_related("unit").order_by("unit__sort_order", "unit_id")
    units_by_domain: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for item in items:
        counts[item.domain] = counts.get(item.domain, 0) + 1
        names = units_by_domain.setdefault(item.domain, [])
        if item.unit.name not in names:
            names.append(item.unit.name)
    rows = [
        [number, str(domain.label), "、".join(units_by_domain.get(domain, [])), counts.get(domain, 0)]
        for number, domain in enumerate(Domain, start=1)
    ]
    return _table_workbook(responsibility_title(), RESPONSIBILITY_COLUMNS, rows, sheet_title="责任清单")


def _table_workbook(
    title: str, columns: tuple[tuple[str, int], ...], rows: list[list], *, sheet_title: str
) -> Workbook:
    workbook = Workbook()
    sheet: Worksheet = workbook.active
    # Sheet titles may not exceed 31 characters in .xlsx.
    sheet.title = sheet_title[:31]

    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=16)
    sheet.cell(row=1, column=1).alignment = _CENTRE
    sheet.row_dimensions[1].height = 36

    sheet.append([heading for heading, _width in columns])
    for index, (_heading, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=2, column=index)
        cell.font = Font(bold=True)
        cell.alignment = _CENTRE
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(index)].width = width

    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.alignment = _WRAP
            cell.border = _BORDER

    # The header stays in view and is repeated on every printed page.
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    return workbook
