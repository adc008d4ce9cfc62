from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from sites import hooks as site_hooks
from sites.tenancy import is_county_admin
from sites.viewsets import UnitStaffMenuItem

from . import services, views
from .indicators import INDICATORS
from .models import OWN_WORK_REFUSAL, ReviewTask, is_own_work
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
    return None


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


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def review_indicators():
    return INDICATORS
