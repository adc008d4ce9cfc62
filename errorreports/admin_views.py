"""The handlers' views: the list of reports with their deadlines, and one report to answer.

Only the county office's staff and the county administrators get them (services.may_handle);
anyone else gets 404, as for a report that does not exist. Each view checks again on the server."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from security.audit import personal_data_viewed, record
from security.models import AuditAction

from .forms import AnswerForm
from .services import answer_report, may_handle, reports_for

REPORTS_SHOWN = 200


class HandlerOnly:
    def dispatch(self, request, *args, **kwargs):
        if not may_handle(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ReportList(HandlerOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "errorreports/admin/list.html"
    page_title = gettext_lazy("网站找错")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = reports_for(self.request.user).select_related("unit")
        if self.request.GET.get("state") == "unanswered":
            reports = reports.unanswered()
        context.update(
            reports=list(reports.order_by("replied_at", "due_date", "-received_at")[:REPORTS_SHOWN]),
            overdue_count=reports_for(self.request.user).overdue().count(),
            unanswered_count=reports_for(self.request.user).unanswered().count(),
            state=self.request.GET.get("state", ""),
            today=timezone.localdate(),
        )
        return context


class AnswerView(HandlerOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "errorreports/admin/answer.html"
    page_title = gettext_lazy("答复网站找错")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not may_handle(request.user):
            raise Http404
        self.report = get_object_or_404(
            reports_for(request.user).select_related("unit", "replied_by"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.report.tracking_code

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("errorreports_admin:index"), "label": _("网站找错")},
            {"url": "", "label": self.report.tracking_code},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.report,
            form=form or AnswerForm(initial={"reply": self.report.reply}),
            deadline=self.report.deadline,
        )
        return context

    def get(self, request, *args, **kwargs):
        if self.report.name or self.report.contact:
            personal_data_viewed(request, self.report)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        answered_before = self.report.replied_at is not None
        answer_report(self.report, form.cleaned_data["reply"], request.user)
        record(
            request,
            AuditAction.ERROR_REPORT_ANSWERED,
            self.report,
            _("修改答复") if answered_before else _("答复"),
        )
        messages.success(request, _("答复已保存，报告人可用查询码查看。"))
        return redirect("errorreports_admin:answer", self.report.pk)
