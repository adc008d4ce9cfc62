"""Wiring of the opinions app: its answers to the consultation page's hooks (sites/hooks.py), the
admin for opinions (moderation and decisions, registration of opinions received offline, groups
of opinions answered once), and the 公众参与 admin pages, menu item and dashboard panel.

Every admin view loads through the user's unit scope, so another unit's opinion answers 404
exactly like one that does not exist. The permission policies are registered in
OpinionsConfig.ready()."""

from __future__ import annotations

from django.contrib import messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView

from participation.models import Message
from participation.outcome import pending_outcomes
from participation.permissions import consultations_for_user
from security.audit import personal_data_viewed
from sites.hooks import CONSTRUCT_CONSULTATION_CONTEXT, CONSULTATION_VIEWS
from sites.permissions import instances_user_may_change
from sites.tenancy import units_for_user
from sites.viewsets import UnitScopedViewSet

from . import admin_views, views
from .forms import GroupForm, OpinionHandleForm, StaffOpinionForm
from .models import Channel, Decision, Moderation, Opinion, OpinionGroup
from .services import DuplicateOpinion, OpinionInput, decide_group, submit_opinion

# --- the consultation page (participation.ConsultationPage) ---


@hooks.register(CONSULTATION_VIEWS)
def consultation_views():
    return {"submit": views.submit_opinion, "submitted": views.submitted, "outcome": views.outcome_page}


@hooks.register(CONSTRUCT_CONSULTATION_CONTEXT)
def construct_consultation_context(page, request, context, form):
    views.construct_consultation_context(page, request, context, form)


# --- admin for opinions ---


def _consultations_for_request(request):
    return consultations_for_user(request.user)


class OpinionFilterSet(WagtailFilterSet):
    consultation = ModelChoiceFilter(label=_("征求意见"), queryset=_consultations_for_request)
    moderation = ChoiceFilter(label=_("审核"), choices=Moderation.choices)
    decision = ChoiceFilter(
        label=_("处理结果"),
        choices=[("none", _("未处理"))] + list(Decision.choices),
        method="filter_decision",
    )
    channel = ChoiceFilter(label=_("渠道"), choices=Channel.choices)

    class Meta:
        model = Opinion
        fields = ["consultation", "moderation", "channel"]

    def filter_decision(self, queryset, name, value):
        return queryset.filter(decision="" if value == "none" else value)


class OpinionIndexView(IndexView):
    def get_base_queryset(self):
        return instances_user_may_change(Opinion, self.request.user).select_related("consultation", "unit")


class OpinionCreateView(CreateView):
    """Registers an opinion received by letter, fax, e-mail or in person."""

    def save_instance(self):
        data = self.form.cleaned_data
        return submit_opinion(
            data["consultation"],
            OpinionInput.from_cleaned_data(data, channel=data["channel"], consent=True),
            registered_by=self.request.user,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DuplicateOpinion:
            messages.error(self.request, _("这条意见已经登记过（同一联系方式、相同内容）。"))
            return self.form_invalid(form)


class OpinionEditView(EditView):
    def get_queryset(self):
        return instances_user_may_change(Opinion, self.request.user)

    def get_object(self, queryset=None):
        opinion = super().get_object(queryset)
        personal_data_viewed(self.request, opinion)  # the submitter's name and contacts
        return opinion

    def save_instance(self):
        opinion = self.form.instance
        changed = set(self.form.changed_data)
        now = timezone.now()
        if "moderation" in changed:
            opinion.moderated_at = now
        if changed & {"decision", "reason", "change_made", "group"}:
            opinion.decided_at = now if opinion.decision else None
            opinion.decided_by = self.request.user if opinion.decision else None
        opinion.save()
        return opinion


class OpinionViewSet(UnitScopedViewSet):
    model = Opinion
    menu_label = _("意见处理")
    icon = "comment"
    add_to_admin_menu = True
    menu_order = 760
    index_view_class = OpinionIndexView
    add_view_class = OpinionCreateView
    edit_view_class = OpinionEditView
    filterset_class = OpinionFilterSet
    search_fields = ["content", "tracking_code"]
    list_per_page = 50
    add_to_reference_index = False

    @property
    def list_display(self):
        return [
            "tracking_code",
            Column("consultation", label=_("征求意见"), accessor="consultation"),
            Column("target", label=_("针对"), accessor="target"),
            Column(
                "excerpt", label=_("意见内容"), accessor=lambda opinion: Truncator(opinion.content).chars(40)
            ),
            Column("stance", label=_("态度"), accessor="get_stance_display"),
            Column("channel", label=_("渠道"), accessor="get_channel_display"),
            StatusTagColumn(
                "moderation",
                label=_("审核"),
                accessor="get_moderation_display",
                primary=lambda opinion: opinion.moderation == Moderation.PENDING,
            ),
            StatusTagColumn(
                "decision",
                label=_("处理结果"),
                accessor=lambda opinion: opinion.get_decision_display() if opinion.decision else _("未处理"),
                primary=lambda opinion: not opinion.decision,
            ),
            Column("submitted_at", label=_("提交时间"), accessor="submitted_at"),
        ]

    def get_form_class(self, for_update=False):
        return OpinionHandleForm if for_update else StaffOpinionForm


class GroupIndexView(IndexView):
    def get_base_queryset(self):
        return instances_user_may_change(OpinionGroup, self.request.user).select_related("consultation")


class GroupSaveMixin:
    def save_instance(self):
        group = self.form.instance
        group.unit_id = group.consultation.canonical.unit.pk
        group.save()
        if group.decision:
            decide_group(group, group.decision, group.reason, group.change_made, self.request.user)
        return group


class GroupCreateView(GroupSaveMixin, CreateView):
    pass


class GroupEditView(GroupSaveMixin, EditView):
    def get_queryset(self):
        return instances_user_may_change(OpinionGroup, self.request.user)


class GroupViewSet(UnitScopedViewSet):
    model = OpinionGroup
    menu_label = _("同类意见")
    icon = "folder-open-inverse"
    add_to_admin_menu = False
    index_view_class = GroupIndexView
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
    list_display = ["title", "consultation", "decision"]
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return GroupForm


@hooks.register("register_admin_viewset")
def register_opinion_viewsets():
    return [OpinionViewSet("opinions_admin"), GroupViewSet("opinion_groups")]


# --- 公众参与: the overview, the outcome of a consultation and the export of its opinions ---
# Paths and names as they were when these lived in participation/.


@hooks.register("register_admin_urls")
def register_participation_urls():
    return [
        path("participation/", admin_views.ParticipationOverview.as_view(), name="participation_overview"),
        path(
            "participation/<int:pk>/outcome/",
            admin_views.OutcomeView.as_view(),
            name="participation_outcome",
        ),
        path("participation/<int:pk>/export/", admin_views.export_opinions, name="participation_export"),
    ]


class ParticipationMenuItem(MenuItem):
    def is_shown(self, request):
        return units_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_participation_menu_item():
    return ParticipationMenuItem(
        _("公众参与"), reverse("participation_overview"), icon_name="comment", order=755
    )


class ParticipationAlertsPanel(Component):
    """On the dashboard: outcomes overdue and messages unanswered for more than three months."""

    name = "participation_alerts"
    template_name = "participation/admin/alerts_panel.html"
    order = 60

    def __init__(self, overdue, too_long):
        self.overdue, self.too_long = overdue, too_long

    def get_context_data(self, parent_context):
        return {
            "overdue": self.overdue,
            "too_long": self.too_long,
            "overview_url": reverse("participation_overview"),
        }


@hooks.register("construct_homepage_panels")
def add_participation_alerts(request, panels):
    units = units_for_user(request.user)
    if not units.exists():
        return
    overdue = [item for item in pending_outcomes(units) if item.overdue]
    too_long = Message.objects.filter(unit__in=units).unanswered_too_long().count()
    if overdue or too_long:
        panels.append(ParticipationAlertsPanel(overdue, too_long))
