from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from . import hooks as site_hooks
from .admin_panels import MyUnitPanel, UnitPagesSummaryItem, default_language_sections
from .models import Unit
from .provisioning import ensure_profile_page, sync_unit
from .tenancy import is_county_admin, restrict_to_permitted_subtrees, sees_whole_tree
from .withdrawal import LOG_ACTION_LABELS


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return restrict_to_permitted_subtrees(pages, request.user)


class UnitSyncMixin:
    """After the register changes, the unit's section, collection and groups follow at once."""

    def save_instance(self):
        instance = super().save_instance()
        sync_unit(instance)
        return instance


class UnitCreateView(UnitSyncMixin, CreateView):
    pass


class UnitEditView(UnitSyncMixin, EditView):
    pass


class UnitViewSet(ModelViewSet):
    model = Unit
    menu_label = _("单位")
    icon = "group"
    add_to_admin_menu = True
    menu_order = 800
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    list_display = ["name", "kind", "code", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    form_fields = [
        "name",
        "short_name",
        "slug",
        "kind",
        "parent",
        "credit_code",
        "code",
        "address",
        "office_hours",
        "postcode",
        "phone",
        "fax",
        "email",
        "responsible_leader",
        "contact_person",
        "functions",
        "sort_order",
        "is_active",
    ]


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")


@hooks.register("construct_reports_menu")
def county_reports_only(request, menu_items):
    # The page-types report names pages of every unit (sites/admin_views.py).
    if not is_county_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


# Runs after Wagtail adds its own summary items, which it then replaces.
@hooks.register("construct_homepage_summary_items", order=100)
def count_own_pages(request, summary_items):
    sections = default_language_sections(request.user)
    if not sections or sees_whole_tree(request.user):
        return
    summary_items[:] = [
        UnitPagesSummaryItem(request, sections) if isinstance(item, PagesSummaryItem) else item
        for item in summary_items
    ]


@hooks.register("construct_homepage_panels")
def add_my_unit_panel(request, panels):
    sections = default_language_sections(request.user)
    if sections:
        panels.append(MyUnitPanel(sections))


# Wagtail's "What's new" and editor guide are English pages on wagtail.org, which a government
# intranet cannot reach either; the keyboard shortcuts stay.
EXTERNAL_HELP_ITEMS = {"editor-guide"}


@hooks.register("construct_help_menu")
def drop_external_help(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in EXTERNAL_HELP_ITEMS and not item.name.startswith("whats-new-in-wagtail")
    ]


# Dai (Tai Le script) titles and text need the self-hosted Noto Sans Tai Le in the admin too.
@hooks.register("insert_global_admin_css")
def tai_le_font():
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("css/fonts.css"),
        static("css/admin-fonts.css"),
    )


# After the standard columns (order -10), before the other apps' pages.
@hooks.register(site_hooks.PROVISION_UNIT_SECTION)
def provision_profile_page(section):
    return ensure_profile_page(section)


# --- Accounts: only a superuser makes, edits or grants a superuser -----------------------------
# County administrators manage users (auth.add_user / change_user) but must not be able to raise
# anyone, themselves included, above their own rights, nor take over a superuser's account.

SUPERUSER_ONLY = _("只有系统管理员才能授予系统管理员权限；已按普通用户保存。")


def _drop_superuser_flag(request) -> None:
    if request.method == "POST" and not request.user.is_superuser and request.POST.get("is_superuser"):
        data = request.POST.copy()
        data.pop("is_superuser")
        request.POST = data
        messages.error(request, SUPERUSER_ONLY)


@hooks.register("before_create_user")
def only_superusers_create_superusers(request):
    _drop_superuser_flag(request)


@hooks.register("before_edit_user")
def only_superusers_edit_superusers(request, user):
    if user.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    _drop_superuser_flag(request)


@hooks.register("register_log_actions")
def register_withdrawal_log_actions(actions):
    for action, label in LOG_ACTION_LABELS.items():
        actions.register_action(action, label, label)
