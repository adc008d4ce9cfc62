"""Admin views of the deadline registry (工作时限台账) and the 附件2 contact list: the county
administrators' alone; to anyone else they answer 404, like the county dashboard."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from sites.models import Unit
from sites.spreadsheets import xlsx_response
from sites.tenancy import is_county_admin

from . import deadlines
from .models import Deadline


def _county_admin_only(request: HttpRequest) -> None:
    if not is_county_admin(request.user):
        raise Http404


class CompletionForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.active(), widget=forms.HiddenInput)
    completed_on = forms.DateField(
        label=gettext_lazy("完成日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": gettext_lazy("请填写完成日期。"),
            "invalid": gettext_lazy("请填写有效的日期，如 2026-12-01。"),
        },
    )
    reference = forms.CharField(label=gettext_lazy("文号或备注"), max_length=200, required=False)

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("完成日期不能晚于今天。"))
        return day


def index(request: HttpRequest) -> HttpResponse:
    _county_admin_only(request)
    today = timezone.localdate()
    rows = [
        {
            "deadline": deadline,
            "kind": deadlines.evidence_kind(deadline.evidence_kind),
            "counts": deadlines.status_counts(deadlines.unit_statuses(deadline, today)),
            "passed": deadline.due_on < today,
        }
        for deadline in Deadline.objects.prefetch_related("completions")
    ]
    context = {
        "page_title": _("工作时限台账"),
        "rows": rows,
        "statuses": list(deadlines.Status),
        "today": today,
    }
    return TemplateResponse(request, "oversight/admin/deadlines.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    _county_admin_only(request)
    deadline = get_object_or_404(Deadline, pk=pk)
    bound = None
    if request.method == "POST":
        if request.POST.get("action") == "undo":
            unit = get_object_or_404(Unit, pk=request.POST.get("unit"))
            if deadlines.undo_completion(deadline, unit):
                messages.success(request, _("已撤销 %(unit)s 的完成登记。") % {"unit": unit.name})
            return redirect("oversight:deadline", pk=deadline.pk)
        bound = CompletionForm(request.POST)
        if bound.is_valid():
            unit = bound.cleaned_data["unit"]
            data = deadlines.CompletionInput(
                bound.cleaned_data["completed_on"], bound.cleaned_data["reference"]
            )
            deadlines.record_completion(deadline, unit, data, request.user)
            messages.success(request, _("已登记 %(unit)s 完成。") % {"unit": unit.name})
            return redirect("oversight:deadline", pk=deadline.pk)
        messages.error(request, _("未能登记，请按提示修改。"))
    today = timezone.localdate()
    rows = deadlines.unit_statuses(deadline, today)
    bound_unit = bound.data.get("unit") if bound is not None else None
    context = {
        "page_title": deadline.title,
        "deadline": deadline,
        "kind": deadlines.evidence_kind(deadline.evidence_kind),
        "counts": deadlines.status_counts(rows),
        "rows": [
            {
                "row": row,
                "form": bound
                if bound_unit == str(row.unit.pk)
                else CompletionForm(
                    initial={
                        "unit": row.unit.pk,
                        "completed_on": row.completion.completed_on if row.completion else today,
                        "reference": row.completion.reference if row.completion else "",
                    },
                    auto_id=f"id_%s_{row.unit.pk}",
                ),
            }
            for row in rows
        ],
        "today": today,
    }
    status = 400 if bound is not None else 200
    return TemplateResponse(request, "oversight/admin/deadline.html", context, status=status)


CONTACT_HEADER = (
    gettext_lazy("序号"),
    gettext_lazy("单位"),
    gettext_lazy("分管领导（姓名、职务）"),
    gettext_lazy("具体负责人（姓名、联系方式）"),
    gettext_lazy("单位联系电话"),
    gettext_lazy("电子邮箱"),
)


def contacts_xlsx(request: HttpRequest) -> HttpResponse:
    """附件2 基层政务公开标准化规范化工作联系人员名单, from the units' own records."""
    _county_admin_only(request)
    title = _("基层政务公开标准化规范化工作联系人员名单")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("联系人员名单")
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(CONTACT_HEADER))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([str(label) for label in CONTACT_HEADER])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    units = Unit.objects.active().order_by("sort_order", "pk")
    for number, unit in enumerate(units, start=1):
        sheet.append(
            [number, unit.name, unit.responsible_leader, unit.contact_person, unit.phone, unit.email]
        )
    for column, width in zip("ABCDEF", (6, 32, 28, 32, 16, 28), strict=True):
        sheet.column_dimensions[column].width = width
    return xlsx_response(workbook, f"{title}.xlsx")
