"""The 通报 drafted from the ranking: a preview with the office's 文号 and period, and the same
draft as DOCX. The county administrators' alone; to anyone else they answer 404."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sites.official_documents import document_bytes, docx_response
from sites.tenancy import is_county_admin

from . import services
from .models import UnitScore
from .notice import NoticeDraft, draft_notice, notice_document

DATE_ERRORS = {
    "required": gettext_lazy("请填写日期。"),
    "invalid": gettext_lazy("请填写有效的日期，如 2026-12-01。"),
}


class NoticeForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("检查日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
        help_text=gettext_lazy("按这一天的检查结果和排名起草。"),
    )
    issued_on = forms.DateField(
        label=gettext_lazy("成文日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
        help_text=gettext_lazy("整改期限从这一天起算 10 个工作日。"),
    )
    number = forms.CharField(
        label=gettext_lazy("发文字号"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("如：盈政办通〔2026〕12号；留空则在 Word 中再填。"),
    )
    period = forms.CharField(
        label=gettext_lazy("检查期间"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("用于标题，如“2026年第四季度”；留空则为检查日期所在月份。"),
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if not UnitScore.objects.filter(day=day).exists():
            raise forms.ValidationError(_("这一天没有检查结果，请选择已检查的日期。"))
        return day


def _form(request: HttpRequest) -> NoticeForm:
    today = timezone.localdate()
    if request.GET:
        return NoticeForm(request.GET)
    day = services.latest_day(today)
    return NoticeForm({"day": day.isoformat() if day else "", "issued_on": today.isoformat()})


def _draft(form: NoticeForm) -> NoticeDraft:
    data = form.cleaned_data
    return draft_notice(
        data["day"], issued_on=data["issued_on"], number=data["number"], period=data["period"]
    )


def preview(request: HttpRequest) -> HttpResponse:
    if not is_county_admin(request.user):
        raise Http404
    form = _form(request)
    draft = _draft(form) if form.is_valid() else None
    context = {
        "page_title": _("起草通报"),
        "form": form,
        "draft": draft,
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "oversight/admin/notice.html", context)


def download(request: HttpRequest) -> HttpResponse:
    if not is_county_admin(request.user):
        raise Http404
    form = NoticeForm(request.GET)
    if not form.is_valid():
        # Back to the preview, which shows what is wrong with the dates and keeps what was typed.
        return redirect(f"{reverse('oversight:notice')}?{request.GET.urlencode()}")
    draft = _draft(form)
    return docx_response(document_bytes(notice_document(draft)), draft.filename)
