"""The register of applications (依申请公开登记簿) as one XLSX sheet, for the unit's records.

It holds the applicants' identities and contacts, so only staff who handle the applications can
download it (foi/admin_views.py, audited as a personal-data export). Cells are written as text
by sites/spreadsheets.py, so a name typed as "=HYPERLINK(…)" stays a name.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

COLUMNS = (
    ("登记号", 20),
    ("查询码", 14),
    ("办理单位", 24),
    ("申请方式", 14),
    ("收到申请日期", 12),
    ("申请人类型", 12),
    ("姓名或名称", 16),
    ("证件类型", 14),
    ("证件号码", 22),
    ("联系电话", 16),
    ("电子邮箱", 24),
    ("通信地址", 30),
    ("所需信息", 50),
    ("文号", 16),
    ("获取方式", 12),
    ("办理状态", 14),
    ("答复截止日", 12),
    ("答复类型", 30),
    ("答复日期", 12),
)


def _day(value) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def register_workbook(applications: QuerySet) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "依申请公开登记簿"
    sheet.append([f"政府信息公开申请登记簿（{timezone.localdate():%Y-%m-%d} 导出）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([title for title, _width in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for application in applications.select_related("unit").order_by("unit__name", "year", "sequence"):
        sheet.append(
            [
                str(application.register_number),
                application.tracking_code,
                application.unit.name,
                application.get_channel_display(),
                _day(application.received_on),
                application.get_applicant_kind_display(),
                application.name,
                application.get_id_kind_display(),
                application.id_number,
                application.phone,
                application.email,
                application.address,
                application.description,
                application.document_number,
                application.get_delivery_method_display(),
                application.get_state_display(),
                _day(application.due_on),
                application.get_reply_type_display() if application.reply_type else "",
                _day(application.replied_on),
            ]
        )
    for index, (_title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    return workbook
