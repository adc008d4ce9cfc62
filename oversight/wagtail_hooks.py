"""Admin wiring of the county's oversight (the 县级监管 menu, its URLs, the deduction table and
bonus items, each unit's 今日待办 panel) and oversight's own answers to `oversight_indicators`:
the portal-level checks no domain app owns."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from sites import hooks as site_hooks
from sites.tenancy import is_county_admin, units_for_user

from . import admin_views, deadline_views, deadlines, notice_views, services
from .indicators import PORTAL_INDICATORS
from .models import BonusAward, BonusItem, Deadline, Deduction

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("recheck/", admin_views.recheck, name="recheck"),
    path("ranking.xlsx", admin_views.ranking_xlsx, name="ranking_xlsx"),
    path("probes/", admin_views.probes, name="probes"),
    path("trend/<slug:unit_slug>.svg", admin_views.trend, name="trend"),
    path("findings/<slug:unit_slug>/<str:key>/", admin_views.findings, name="findings"),
    path("deadlines/", deadline_views.index, name="deadlines"),
    path("deadlines/<int:pk>/", deadline_views.detail, name="deadline"),
    path("contacts.xlsx", deadline_views.contacts_xlsx, name="contacts_xlsx"),
    path("notice/", notice_views.preview, name="notice"),
    path("notice.docx", notice_views.download, name="notice_docx"),
]


@hooks.register("register_admin_urls")
def register_oversight_urls():
    return [path("oversight/", include((admin_urlpatterns, "oversight"), namespace="oversight"))]


class CountyAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_county_admin(request.user)


@hooks.register("register_admin_menu_item")
def oversight_menu_item():
    return CountyAdminMenuItem(_("县级监管"), reverse("oversight:index"), icon_name="pick", order=790)


@hooks.register("insert_global_admin_css")
def oversight_css():
    return format_html('<link rel="stylesheet" href="{}">', static("oversight/oversight.css"))


# --- the deduction table and the bonus items: the county administrators' (model permissions,
# granted to 县级管理员 through county_admin_permissions below) ------------------------------------


class DeductionViewSet(ModelViewSet):
    model = Deduction
    menu_label = _("扣分标准")
    icon = "list-ul"
    list_display = ["label", "indicator_key", "points_per_item", "maximum_points", "active"]
    search_fields = ["label", "indicator_key"]
    panels = Deduction.panels


class BonusItemViewSet(ModelViewSet):
    model = BonusItem
    menu_label = _("加分项")
    icon = "plus"
    list_display = ["label", "points", "active"]
    panels = BonusItem.panels


class AwardCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.awarded_by = self.request.user
        return super().save_instance()


class BonusAwardViewSet(ModelViewSet):
    model = BonusAward
    menu_label = _("加分记录")
    icon = "success"
    add_view_class = AwardCreateView
    list_display = [
        "unit",
        "item",
        Column("points", label=_("分值"), accessor=lambda award: award.item.points),
        "awarded_on",
        "reason",
        "awarded_by",
    ]
    list_filter = ["unit", "item"]
    panels = BonusAward.panels


class DeadlineViewSet(ModelViewSet):
    model = Deadline
    menu_label = _("工作时限台账")
    icon = "date"
    list_display = [
        "title",
        "due_on",
        Column(
            "evidence_kind",
            label=_("完成依据"),
            accessor=lambda deadline: deadlines.evidence_kind(deadline.evidence_kind).label,
        ),
        "sort_order",
    ]
    search_fields = ["title"]
    panels = Deadline.panels


class AssessmentViewSetGroup(ViewSetGroup):
    menu_label = _("考核设置")
    menu_icon = "cog"
    menu_order = 795
    items = (
        DeductionViewSet("oversight_deductions", url_prefix="oversight-settings/deductions"),
        BonusItemViewSet("oversight_bonus_items", url_prefix="oversight-settings/bonus-items"),
        BonusAwardViewSet("oversight_bonus_awards", url_prefix="oversight-settings/bonus-awards"),
        DeadlineViewSet("oversight_deadlines", url_prefix="oversight-settings/deadlines"),
    )


@hooks.register("register_admin_viewset")
def register_assessment_settings():
    return AssessmentViewSetGroup()


@hooks.register(site_hooks.COUNTY_ADMIN_PERMISSIONS)
def assessment_permissions():
    return [
        f"oversight.{action}_{model}"
        for model in ("deduction", "bonusitem", "bonusaward", "deadline", "deadlinecompletion")
        for action in ("add", "change", "delete", "view")
    ]


# --- each unit's panel on the dashboard ----------------------------------------------------------


class TodoPanel(Component):
    """今日待办: what the last check found in the user's own units, each item with its link."""

    name = "oversight_todo"
    template_name = "oversight/admin/todo_panel.html"
    order = 60

    def __init__(self, summaries, labels):
        self.summaries = summaries
        self.labels = labels

    def get_context_data(self, parent_context):
        units = [
            {
                "summary": summary,
                "items": [
                    (snapshot, self.labels.get(snapshot.indicator_key, snapshot.indicator_key))
                    for snapshot in summary.snapshots
                ],
            }
            for summary in self.summaries
        ]
        return {"units": units, "today": timezone.localdate()}


@hooks.register("construct_homepage_panels")
def add_todo_panel(request, panels):
    if is_county_admin(request.user):
        return  # the county sees every unit on its own dashboard (县级监管)
    today = timezone.localdate()
    units = units_for_user(request.user).active()
    day = services.latest_day(today)
    summaries = [services.unit_summary(unit, day) for unit in units] if day else []
    summaries = [summary for summary in summaries if summary.needs_action]
    if summaries:
        panels.append(TodoPanel(summaries, services.indicator_labels()))


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def oversight_indicators():
    # The plan's dated tasks (工作时限台账) a unit has not done yet, checked with the rest.
    return [*PORTAL_INDICATORS, *deadlines.INDICATORS]


@hooks.register(site_hooks.DEADLINE_EVIDENCE)
def oversight_deadline_evidence():
    return [deadlines.CONTACTS, deadlines.MANUAL]
