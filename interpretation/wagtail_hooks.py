from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from disclosure.models import GovernmentDocumentPage
from sites import hooks as site_hooks
from sites.models import unit_of
from sites.tenancy import is_county_admin, units_for_user

from . import views
from .indicators import INDICATORS
from .provisioning import ensure_interpretation_column
from .signals import WITHDRAWN_WITH_POLICY, WITHDRAWN_WITH_POLICY_LABEL

app_name = "interpretation"
urlpatterns = [
    path("", views.index, name="index"),
    path("county/", views.county_duties, name="county"),
    path("units/<slug:unit_slug>/", views.unit_duties, name="unit"),
]


@hooks.register("register_admin_urls")
def register_interpretation_urls():
    return [path("interpretation/", include((urlpatterns, "interpretation"), namespace="interpretation"))]


class InterpretationDutiesMenuItem(MenuItem):
    """Shown to whoever works for a unit or the whole county; the views check the unit itself."""

    def is_shown(self, request):
        return is_county_admin(request.user) or units_for_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def interpretation_duties_menu_item():
    return InterpretationDutiesMenuItem(
        _("政策解读时限"), reverse("interpretation:index"), icon_name="help", order=770
    )


# --- "Submit together": a policy needing interpretation waits for its interpretation ----------


@hooks.register("before_edit_page")
def hold_policy_until_interpretation_submitted(request, page):
    if request.method == "POST" and isinstance(page.specific_deferred, GovernmentDocumentPage):
        views.hold_back_submission(request, page.specific_deferred, unit_of(page))


@hooks.register("before_create_page")
def hold_new_policy_until_interpretation_submitted(request, parent_page, page_class):
    if request.method == "POST" and issubclass(page_class, GovernmentDocumentPage):
        views.hold_back_submission(request, None, unit_of(parent_page))


@hooks.register(site_hooks.PROVISION_UNIT_SECTION)
def provision_interpretation_column(section):
    return ensure_interpretation_column(section)


@hooks.register("register_log_actions")
def register_withdrawal_log_action(actions):
    actions.register_action(WITHDRAWN_WITH_POLICY, WITHDRAWN_WITH_POLICY_LABEL, WITHDRAWN_WITH_POLICY_LABEL)


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def interpretation_indicators():
    return INDICATORS
