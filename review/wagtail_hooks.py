from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from sites import hooks as site_hooks
from sites.indicators import Indicator
from sites.models import unit_of
from sites.tenancy import is_county_admin
from sites.viewsets import UnitStaffMenuItem

from . import content_checks, services, views
from .indicators import INDICATORS
from .models import OWN_WORK_REFUSAL, ReviewTask, WordingRule, is_own_work
from .services import ensure_review_workflow

app_name = "review"
urlpatterns = [
    path("deadlines/", views.deadlines_index, name="deadlines_index"),
    path("deadlines/<slug:unit_slug>/", views.deadlines, name="deadlines"),
    path("re-evaluation/", views.re_evaluation_index, name="re_evaluation_index"),
    path("re-evaluation/<slug:unit_slug>/", views.re_evaluation, name="re_evaluation"),
    path("re-evaluation/<slug:unit_slug>/<int:year>/", views.re_evaluation, name="re_evaluation_year"),
    path("emergency-publish/<int:page_id>/", views.emergency_publish, name="emergency_publish"),
    path("withdraw/<int:page_id>/", views.withdraw, name="withdraw"),
    # `pk`, not `page_id`: sites.middleware would refuse another unit's page with Wagtail's
    # redirect before the view runs; these views answer 404 like a missing page (tenancy rule).
    path("content-check/<int:pk>/", views.content_check, name="content_check"),
    path("content-check/<int:pk>/mask/", views.mask_personal_data, name="mask_personal_data"),
]


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("review/", include((urlpatterns, "review"), namespace="review"))]


review_menu = Menu(
    register_hook_name="register_review_menu_item",
    construct_hook_name="construct_review_menu",
)


@hooks.register("register_review_menu_item")
def deadlines_menu_item():
    return UnitStaffMenuItem(
        _("主动公开时限"), reverse("review:deadlines_index"), icon_name="time", order=100
    )


@hooks.register("register_review_menu_item")
def re_evaluation_menu_item():
    return UnitStaffMenuItem(
        _("公开属性年度复核"), reverse("review:re_evaluation_index"), icon_name="tasks", order=200
    )


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return SubmenuMenuItem(_("审查与复核"), review_menu, icon_name="tasks", order=760)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("review.re_evaluate", _("年度复核"), _("公开属性年度复核"))
    actions.register_action("review.emergency_publish", _("紧急发布"), _("未经审查紧急发布"))
    actions.register_action("review.accept_finding", _("内容检查误报确认"), _("内容检查问题确认为误报"))
    actions.register_action("review.mask_personal_data", _("个人信息脱敏"), _("内容检查：个人信息已脱敏"))


@hooks.register(site_hooks.PROVISION_UNIT)
def provision_review_workflow(unit, sections):
    return ensure_review_workflow(unit, sections)


# --- Review cannot be skipped -----------------------------------------------------------------
#
# Unit staff hold no publish permission, so Wagtail offers them no way to publish. County
# administrators do hold it (for the portal's own pages); on a unit's page they publish through
# 紧急发布, which asks for a reason and is recorded, never through the ordinary buttons below.

REVIEW_REQUIRED = _(
    "本单位页面须经保密审查和发布审查后发布，已保存为草稿。如确需立即发布，请县级管理员使用“紧急发布”并填写理由。"
)


def _bypasses_review(user, page: Page) -> bool:
    # Superusers (who install and repair the system) are outside the unit rule, as in Wagtail.
    return not user.is_superuser and services.needs_review(page)


def _keep_as_draft(request, *names: str) -> None:
    """Turn a publication the review rule does not allow into a plain save: nothing typed is lost."""
    posted = [name for name in names if request.POST.get(name)]
    if not posted:
        return
    data = request.POST.copy()
    for name in posted:
        data.pop(name, None)
    request.POST = data
    messages.error(request, REVIEW_REQUIRED)


@hooks.register("before_edit_page")
def publish_only_through_review(request, page):
    if request.method == "POST":
        if _bypasses_review(request.user, page):
            _keep_as_draft(request, "action-publish")
        return None
    task_state = page.current_workflow_task_state
    if task_state is not None and isinstance(task_state.task.specific, ReviewTask):
        task = task_state.task.specific
        if task.is_reviewer(request.user) and is_own_work(task_state, request.user):
            messages.warning(request, OWN_WORK_REFUSAL)
        if _is_first_step(task_state):
            _tell_content_findings(request, page)
    return None


def _is_first_step(task_state) -> bool:
    """Whether the task in progress is the workflow's first, 保密审查 (services.REVIEW_STEPS)."""
    first = task_state.workflow_state.workflow.workflow_tasks.order_by("sort_order").first()
    return first is not None and first.task_id == task_state.task_id


def _tell_content_findings(request, page) -> None:
    """In 保密审查, the reviewer (and the drafter) are told what the content check found."""
    check = content_checks.page_check(page, timezone.localdate())
    if not (check.findings or check.unreadable):
        return
    text = _("内容检查：%(summary)s。请在保密审查通过前处理或确认为误报。") % {
        "summary": check.summary() or _("有附件无法提取文字")
    }
    url = reverse("review:content_check", args=[page.pk])
    admin_messages.warning(request, text, buttons=[admin_messages.button(url, _("查看内容检查"))])


@hooks.register("before_create_page")
def publish_new_page_only_through_review(request, parent_page, page_class):
    if request.method == "POST" and _bypasses_review(request.user, parent_page):
        _keep_as_draft(request, "action-publish")


@hooks.register("before_copy_page")
def publish_copies_only_through_review(request, page):
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return
    destination_id = request.POST.get("new_parent_page", "")
    destination = Page.objects.filter(pk=destination_id).first() if destination_id.isdigit() else None
    if destination is not None and _bypasses_review(request.user, destination):
        _keep_as_draft(request, "publish_copies")


@hooks.register("before_bulk_action")
def bulk_publish_only_through_review(request, action_type, objects, action_class_instance):
    if action_type != "publish" or request.user.is_superuser:
        return None
    if any(isinstance(obj, Page) and services.needs_review(obj) for obj in objects):
        messages.error(request, _("本单位页面须经保密审查和发布审查后发布，不能批量发布。"))
        return redirect(action_class_instance.next_url or "wagtailadmin_home")
    return None


@hooks.register("construct_page_action_menu")
def hide_publish_on_unit_pages(menu_items, request, context):
    page = context.get("page") if context["view"] != "create" else context.get("parent_page")
    if page is not None and _bypasses_review(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


class EmergencyPublishMenuItem(ActionMenuItem):
    label = _("紧急发布…")
    name = "review-emergency-publish"
    icon_name = "warning"
    order = 900

    def is_shown(self, context):
        # Offered while the page is locked in review too: the administrator does not edit it.
        if context["view"] != "edit":
            return False
        return services.may_publish_emergency(context["request"].user, context["page"])

    def get_url(self, parent_context):
        return reverse("review:emergency_publish", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def emergency_publish_menu_item():
    return EmergencyPublishMenuItem()


class WithdrawMenuItem(ActionMenuItem):
    """For the unit's reviewers, in place of Wagtail's 取消发布 that needs the publish permission."""

    label = _("撤回发布")
    name = "review-withdraw"
    icon_name = "download"
    order = 910

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        user, page = context["request"].user, context["page"]
        return not page.permissions_for_user(user).can_unpublish() and services.may_withdraw(user, page)

    def get_url(self, parent_context):
        return reverse("review:withdraw", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def withdraw_menu_item():
    return WithdrawMenuItem()


class EmergencyPublicationsPanel(Component):
    """On the county administrators' dashboard: the latest pages published without review."""

    name = "emergency_publications"
    template_name = "review/emergency_panel.html"
    order = 50

    def __init__(self, records):
        self.records = records

    def get_context_data(self, parent_context):
        return {"records": self.records}


@hooks.register("construct_homepage_panels")
def add_emergency_publications(request, panels):
    if not is_county_admin(request.user):
        return
    records = services.recent_emergency_publications()
    if records:
        panels.append(EmergencyPublicationsPanel(records))


class ContentCheckMenuItem(ActionMenuItem):
    """内容检查 from the page's action menu, for the staff of the unit that holds the page."""

    label = _("内容检查")
    name = "review-content-check"
    icon_name = "search"
    order = 920

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        unit = unit_of(context["page"])
        user = context["request"].user
        return unit is not None and (
            content_checks.may_mask(user, context["page"], unit) or is_county_admin(user)
        )

    def get_url(self, parent_context):
        return reverse("review:content_check", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def content_check_menu_item():
    return ContentCheckMenuItem()


class WordingRuleViewSet(ModelViewSet):
    """The county's list of wrong and outdated expressions, kept by the county administrators."""

    model = WordingRule
    icon = "pilcrow"
    menu_label = _("用语规范")
    menu_order = 300
    add_to_admin_menu = True
    menu_hook = "register_review_menu_item"
    list_display = ["wrong", "suggestion", "note", "active"]
    list_filter = ["active"]
    search_fields = ["wrong", "suggestion", "note"]
    form_fields = ["wrong", "suggestion", "note", "active"]


@hooks.register("register_admin_viewset")
def register_wording_rules():
    return WordingRuleViewSet("review_wording", url_prefix="review/wording")


@hooks.register(site_hooks.COUNTY_ADMIN_PERMISSIONS)
def wording_rule_permissions():
    return ["review.add_wordingrule", "review.change_wordingrule", "review.delete_wordingrule"]


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def review_indicators():
    """The Art. 26 limit and the yearly re-evaluation (review/indicators.py), and 内容检查."""
    return [
        *INDICATORS,
        Indicator(
            key="review.content_findings",
            label=_("内容检查发现问题"),
            find=content_checks.content_findings,
            help_text=_(
                "公开内容中的身份证号码、手机号码、银行卡号等个人信息，不规范用语，不存在或晚于今天的日期，"
                "以及链接到不存在或未公开页面的内部链接。"
            ),
        ),
    ]
