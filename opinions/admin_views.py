"""Admin views of public participation: the consultations overview (their opinions, outcomes due
and overdue, the board's unanswered messages), the outcome page's summary and its publication,
and the XLSX export of opinions. Their URLs are registered in opinions/wagtail_hooks.py under the
names and paths they always had (participation_overview, participation_outcome, ...).

Consultations are always loaded through the user's units (participation/permissions.py): another
unit's consultation answers 404, county administrators see every unit's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from participation.models import ConsultationOutcome, ConsultationState, Message
from participation.outcome import pending_outcomes
from participation.permissions import consultations_for_user
from security.audit import personal_data_exported
from sites.spreadsheets import xlsx_response
from sites.tenancy import units_for_user

from .exports import opinions_workbook
from .models import Opinion
from .outcome import outcome_blockers, outcome_entries, outcome_statistics, publish_outcome
from .permissions import can_publish_outcome


def _consultation_for(request, pk: int):
    return get_object_or_404(consultations_for_user(request.user), pk=pk)


class ParticipationOverview(WagtailAdminTemplateMixin, TemplateView):
    """The user's consultations with their opinions still to handle, and outcomes due or overdue."""

    template_name = "participation/admin/overview.html"
    page_title = gettext_lazy("公众参与")
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not units_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        units = units_for_user(user)
        consultations = (
            consultations_for_user(user)
            .annotate(
                opinion_count=Count("opinions", filter=~Q(opinions__moderation="invalid")),
                pending_count=Count(
                    "opinions",
                    filter=~Q(opinions__moderation="invalid")
                    & (Q(opinions__decision="") | Q(opinions__moderation="pending")),
                ),
            )
            .order_by("-closes_at")
        )
        context["consultations"] = consultations
        context["pending_outcomes"] = pending_outcomes(units)
        context["overdue_outcomes"] = [item for item in context["pending_outcomes"] if item.overdue]
        context["messages_too_long"] = (
            Message.objects.filter(unit__in=units).unanswered_too_long().select_related("unit")
        )
        context["unanswered_messages"] = Message.objects.filter(unit__in=units).unanswered().count()
        return context


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = ConsultationOutcome
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 10})}


class OutcomeView(WagtailAdminTemplateMixin, TemplateView):
    """Write the summary of 意见采纳情况, see what the page will show, and publish it."""

    template_name = "participation/admin/outcome.html"
    page_title = gettext_lazy("意见采纳情况")
    header_icon = "doc-full"

    def dispatch(self, request, pk: int, *args, **kwargs):
        self.consultation = _consultation_for(request, pk)
        self.outcome = ConsultationOutcome.objects.filter(consultation=self.consultation).first()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.consultation.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("participation_overview"), "label": _("公众参与")},
            {"url": "", "label": self.consultation.title},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.consultation
        adopted, others = outcome_entries(consultation)
        context.update(
            consultation=consultation,
            outcome=self.outcome,
            form=form or OutcomeForm(instance=self.outcome),
            statistics=outcome_statistics(consultation),
            adopted=adopted,
            not_adopted=others,
            blockers=outcome_blockers(consultation),
            can_publish=can_publish_outcome(self.request.user, consultation.unit),
            published=consultation.state == ConsultationState.OUTCOME_PUBLISHED,
            opinions_url=reverse("opinions_admin:index") + f"?consultation={consultation.pk}",
            export_url=reverse("participation_export", args=[consultation.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.consultation.state == ConsultationState.OUTCOME_PUBLISHED:
            messages.error(request, _("采纳情况已经公布，不能再修改。"))
            return redirect("participation_outcome", self.consultation.pk)
        form = OutcomeForm(
            request.POST, instance=self.outcome or ConsultationOutcome(consultation=self.consultation)
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        outcome = form.save()
        self.outcome = outcome
        if "publish" not in request.POST:
            messages.success(request, _("总体情况说明已保存。"))
            return redirect("participation_outcome", self.consultation.pk)
        if not can_publish_outcome(request.user, self.consultation.unit):
            raise PermissionDenied
        try:
            publish_outcome(self.consultation, request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("participation_outcome", self.consultation.pk)
        messages.success(request, _("意见采纳情况已公布，留有电子邮箱的提交人将收到通知。"))
        return redirect("participation_outcome", self.consultation.pk)


def export_opinions(request, pk: int) -> FileResponse:
    consultation = _consultation_for(request, pk)
    workbook = opinions_workbook(consultation)
    personal_data_exported(request, consultation)
    return xlsx_response(workbook, f"{consultation.title}-意见及处理情况.xlsx")


def undecided_count(consultation) -> int:
    return Opinion.objects.filter(consultation=consultation).undecided().count()
