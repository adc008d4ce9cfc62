"""XLSX helpers shared by the apps that offer spreadsheets (the catalogue, opinions)."""

from __future__ import annotations

from io import BytesIO

from django.http import FileResponse
from openpyxl import Workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as an .xlsx file, every cell written as a value.

    openpyxl stores any string that starts with "=" as a formula, so an opinion or a name a citizen
    typed as "=HYPERLINK(…)" would open in the staff's spreadsheet program as a live formula
    (formula injection). No export here writes a formula on purpose: every formula cell is written
    back as the text it was given.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> FileResponse:
    """The workbook as a download; FileResponse writes an RFC 5987 filename* for a Chinese name,
    with an ASCII fallback."""
    return FileResponse(
        BytesIO(workbook_bytes(workbook)),
        as_attachment=True,
        filename=filename,
        content_type=XLSX_CONTENT_TYPE,
    )
