"""XLSX helpers shared by the apps that offer spreadsheets (the catalogue, opinions)."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
