from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from sites import hooks as site_hooks
from sites.tenancy import units_for_user

from . import views
from .services import ensure_review_workflow

app_name = "review"
urlpatterns = [
    path("deadlines/", views.deadlines_index, name="deadlines_index"),
    path("deadlines/<slug:unit_slug>/", views.deadlines, name="deadlines"),
    path("re-evaluation/", views.re_evaluation_index, name="re_evaluation_index"),
    path("re-evaluation/<slug:unit_slug>/", views.re_evaluation, name="re_evaluation"),
    path("re-evaluation/<slug:unit_slug>/<int:year>/", views.re_evaluation, name="re_evaluation_year"),
]


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("review/", include((urlpatterns, "review"), namespace="review"))]


class UnitDutyMenuItem(MenuItem):
    """Shown to whoever works for at least one unit; the views check the unit itself."""

    def is_shown(self, request):
        return units_for_user(request.user).exists()


review_menu = Menu(
    register_hook_name="register_review_menu_item",
    construct_hook_name="construct_review_menu",
)


@hooks.register("register_review_menu_item")
def deadlines_menu_item():
    return UnitDutyMenuItem(_("主动公开时限"), reverse("review:deadlines_index"), icon_name="time", order=100)


@hooks.register("register_review_menu_item")
def re_evaluation_menu_item():
    return UnitDutyMenuItem(
        _("公开属性年度复核"), reverse("review:re_evaluation_index"), icon_name="tasks", order=200
    )


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return SubmenuMenuItem(_("审查与复核"), review_menu, icon_name="tasks", order=760)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("review.re_evaluate", _("年度复核"), _("公开属性年度复核"))


@hooks.register(site_hooks.PROVISION_UNIT)
def provision_review_workflow(unit, sections):
    return ensure_review_workflow(unit, sections)
