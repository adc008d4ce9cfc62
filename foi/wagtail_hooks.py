"""Admin wiring of 依申请公开: the applications' viewset (listing, staff registration, the handling
page and its steps, the downloads and the register export) and the dashboard panel of due and
overdue applications. The permission policy that scopes applications to the user's units is
registered in FoiConfig.ready()."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn

from sites import hooks as site_hooks
from sites.tenancy import is_county_admin, units_for_user
from sites.viewsets import UnitScopedViewSet

# The public side's answers to the foundation's hooks (foi/public_hooks.py).
from . import admin_views, public_hooks  # noqa: F401
from .admin_forms import AppealForm, RegistrationForm
from .indicators import INDICATORS
from .models import CLOCK_RUNNING, CLOSED, Appeal, AppealKind, AppealOutcome, Application, Channel, State


def _years(request=None):
    today = timezone.localdate()
    return [(str(year), str(year)) for year in range(today.year, today.year - 6, -1)]


class ApplicationFilterSet(WagtailFilterSet):
    state = ChoiceFilter(label=_("办理状态"), choices=State.choices)
    due = ChoiceFilter(
        label=_("期限"),
        choices=[("overdue", _("已逾期")), ("soon", _("5 个工作日内到期")), ("open", _("未办结"))],
        method="filter_due",
    )
    channel = ChoiceFilter(label=_("申请方式"), choices=Channel.choices)
    year = ChoiceFilter(label=_("年度"), choices=_years)

    class Meta:
        model = Application
        fields = ["state", "channel", "year"]

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue()
        if value == "soon":
            today = timezone.localdate()
            return queryset.filter(
                state__in=CLOCK_RUNNING, due_on__gte=today, due_on__lte=admin_views.due_soon_limit(today)
            )
        if value == "open":
            return queryset.exclude(state__in=CLOSED)
        return queryset


class DueColumn(Column):
    """The due date, red when overdue, amber within 5 working days (foi/static/foi/admin.css)."""

    cell_template_name = "foi/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due_status"] = admin_views.due_status(instance)
        context["paused"] = instance.state not in CLOCK_RUNNING and not instance.is_closed
        return context


class ApplicationViewSet(UnitScopedViewSet):
    model = Application
    menu_label = _("依申请公开")
    icon = "doc-full-inverse"
    add_to_admin_menu = True
    menu_order = 770
    index_view_class = admin_views.ApplicationIndexView
    add_view_class = admin_views.RegistrationView
    filterset_class = ApplicationFilterSet
    search_fields = ["tracking_code", "name"]
    list_per_page = 50
    add_to_reference_index = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("unit"), FieldPanel("channel"), FieldPanel("received_on")],
                heading=_("收到申请"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("applicant_kind"),
                    FieldPanel("organisation_kind"),
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("legal_representative"), FieldPanel("contact_person")]),
                    FieldRowPanel([FieldPanel("id_kind"), FieldPanel("id_number")]),
                    FieldPanel("id_copy"),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldRowPanel([FieldPanel("address"), FieldPanel("postcode")]),
                ],
                heading=_("申请人"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("description"),
                    FieldPanel("document_title"),
                    FieldRowPanel([FieldPanel("document_number"), FieldPanel("index_number")]),
                    FieldPanel("purpose"),
                    FieldRowPanel([FieldPanel("delivery_method"), FieldPanel("carrier")]),
                ],
                heading=_("所需信息"),
            ),
        ],
        base_form_class=RegistrationForm,
    )

    @property
    def list_display(self):
        return [
            TitleColumn(
                "register_number",
                label=_("登记号"),
                accessor="register_number",
                get_url=lambda application: reverse("foi_applications:edit", args=[application.pk]),
            ),
            Column("name", label=_("申请人"), accessor="name"),
            Column("masked_id_number", label=_("证件号码"), accessor="masked_id_number"),
            Column("unit", label=_("办理单位"), accessor="unit"),
            Column("received_on", label=_("收到日期"), accessor="received_on"),
            StatusTagColumn(
                "state",
                label=_("办理状态"),
                accessor="get_state_display",
                primary=lambda application: not application.is_closed,
            ),
            DueColumn("due_on", label=_("答复截止日"), accessor="due_on"),
        ]

    @property
    def edit_view(self):
        # The handling page stands where the edit view would: applications change only through
        # the steps of foi/services.py, never by editing their fields.
        return self.construct_view(admin_views.HandlingView)

    def get_urlpatterns(self):
        # No edit, delete or copy view: an application is registered once and never deleted.
        patterns = [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in ("edit", "delete", "copy")
        ]
        return patterns + [
            path("<int:pk>/", self.edit_view, name="edit"),
            path(
                "<int:pk>/notices/<int:notice_pk>/<slug:fmt>/",
                admin_views.notice_download,
                name="notice",
            ),
            path("<int:pk>/files/<int:file_pk>/", admin_views.reply_file_download, name="reply_file"),
            path("<int:pk>/id-copy/", admin_views.id_copy_download, name="id_copy"),
            path("export/", admin_views.export_register, name="export"),
            # Last: any other second segment names a step.
            path("<int:pk>/<slug:action>/", self.edit_view, name="action"),
        ]


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet("foi_applications", url_prefix="foi")


class AppealFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(label=_("类型"), choices=AppealKind.choices)
    outcome = ChoiceFilter(label=_("结果"), choices=AppealOutcome.choices)

    class Meta:
        model = Appeal
        fields = ["kind", "outcome"]


class AppealViewSet(UnitScopedViewSet):
    """The register of 行政复议 and 行政诉讼 cases behind Table 四 of the annual report."""

    model = Appeal
    menu_label = _("复议诉讼登记")
    icon = "folder-open-inverse"
    add_to_admin_menu = True
    menu_order = 771
    filterset_class = AppealFilterSet
    search_fields = ["case_number", "note"]
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["unit", "application", "kind", "case_number", "filed_on", "outcome", "decided_on", "note"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("unit"),
                    FieldPanel("application"),
                    FieldPanel("kind"),
                    FieldPanel("case_number"),
                ],
                heading=_("案件"),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("filed_on"), FieldPanel("decided_on")]), FieldPanel("outcome")],
                heading=_("受理与结果"),
            ),
            FieldPanel("note"),
        ],
        base_form_class=AppealForm,
    )

    @property
    def list_display(self):
        return [
            TitleColumn(
                "kind", label=_("类型"), accessor="get_kind_display", url_name=self.get_url_name("edit")
            ),
            Column("case_number", label=_("案号")),
            Column("application", label=_("涉及的申请"), accessor="application"),
            Column("unit", label=_("单位"), accessor="unit"),
            Column("filed_on", label=_("受理日期")),
            StatusTagColumn(
                "outcome",
                label=_("结果"),
                accessor="get_outcome_display",
                primary=lambda appeal: appeal.outcome == AppealOutcome.PENDING,
            ),
        ]


@hooks.register("register_admin_viewset")
def register_appeal_viewset():
    return AppealViewSet("foi_appeals", url_prefix="foi-appeals")


@hooks.register("insert_global_admin_css")
def foi_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("foi/admin.css"))


class DueApplicationsPanel(Component):
    """On the dashboard: the unit's applications due within 5 working days and overdue; for county
    administrators every unit's overdue ones (the escalation of Art. 33's deadline)."""

    name = "foi_due_applications"
    template_name = "foi/admin/due_panel.html"
    order = 65

    def __init__(self, overdue, due_soon, county_wide):
        self.overdue, self.due_soon, self.county_wide = overdue, due_soon, county_wide

    def get_context_data(self, parent_context):
        return {
            "overdue": self.overdue,
            "due_soon": self.due_soon,
            "county_wide": self.county_wide,
            "index_url": reverse("foi_applications:index"),
        }


@hooks.register("construct_homepage_panels")
def add_due_applications_panel(request, panels):
    user = request.user
    if not units_for_user(user).exists():
        return
    applications = admin_views.applications_in_scope(user).select_related("unit").order_by("due_on")
    today = timezone.localdate()
    overdue = list(applications.overdue(today))
    county_wide = is_county_admin(user)
    due_soon = []
    if not county_wide:
        due_soon = list(
            applications.filter(
                state__in=CLOCK_RUNNING, due_on__gte=today, due_on__lte=admin_views.due_soon_limit(today)
            )
        )
    if overdue or due_soon:
        panels.append(DueApplicationsPanel(overdue, due_soon, county_wide))


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def foi_indicators():
    return INDICATORS
