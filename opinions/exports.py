"""All opinions of a consultation, with their decisions and reasons, as one XLSX sheet.

For the unit's own records and for the county's checks; it holds contact details, so only staff
who may handle the consultation's opinions can download it (participation/admin_views.py)."""

from __future__ import annotations

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .models import Opinion

COLUMNS = (
    ("序号", 6),
    ("查询码", 14),
    ("渠道", 10),
    ("提交时间", 18),
    ("针对条款", 12),
    ("态度", 8),
    ("意见内容", 60),
    ("姓名", 10),
    ("电话", 16),
    ("电子邮箱", 24),
    ("审核", 12),
    ("同类意见", 20),
    ("处理结果", 14),
    ("理由", 40),
    ("对草案的修改", 40),
    ("处理时间", 18),
)


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def opinions_workbook(consultation) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "意见及处理情况"
    sheet.append([f"{consultation.title} 意见及处理情况"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([title for title, _width in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    opinions = (
        Opinion.objects.filter(consultation=consultation.canonical)
        .select_related("group")
        .order_by("submitted_at", "id")
    )
    for number, opinion in enumerate(opinions, start=1):
        sheet.append(
            [
                number,
                opinion.tracking_code,
                opinion.get_channel_display(),
                _when(opinion.submitted_at),
                opinion.target,
                opinion.get_stance_display(),
                opinion.content,
                opinion.name,
                opinion.phone,
                opinion.email,
                opinion.get_moderation_display(),
                opinion.group.title if opinion.group else "",
                opinion.get_decision_display() if opinion.decision else "未处理",
                opinion.reason,
                opinion.change_made,
                _when(opinion.decided_at),
            ]
        )
    for index, (_title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    return workbook
