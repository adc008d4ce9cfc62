from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import views
from .audit import record
from .models import AuditAction, AuditEntry
from .permissions import ReadOnlyPermissionPolicy

register_permission_policy(AuditEntry, ReadOnlyPermissionPolicy(AuditEntry))


@hooks.register("register_admin_urls")
def register_security_urls():
    return [
        path("security/otp/verify/", views.verify, name="security_otp_verify"),
        path("security/otp/enrol/", views.enrol, name="security_otp_enrol"),
        path("security/otp/enrol/qr.svg", views.enrol_qr, name="security_otp_qr"),
        path("security/accounts/", views.accounts, name="security_accounts"),
        path("security/accounts/unlock/", views.unlock, name="security_unlock"),
        path("security/accounts/reset-otp/", views.reset_second_factor, name="security_reset_otp"),
    ]


class AuditIndexView(IndexView):
    def as_spreadsheet(self, queryset, spreadsheet_format):
        record(self.request, AuditAction.AUDIT_EXPORTED, detail=self.request.GET.urlencode())
        return super().as_spreadsheet(queryset, spreadsheet_format)


class AuditEntryViewSet(ModelViewSet):
    """The audit log, read-only for auditors and county administrators, exportable as XLSX/CSV."""

    model = AuditEntry
    icon = "list-ul"
    menu_label = _("审计日志")
    add_to_admin_menu = True
    menu_order = 950
    index_view_class = AuditIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["time", "username", "address", "get_action_display", "target", "detail"]
    list_export = ["time", "username", "address", "get_action_display", "target", "detail"]
    export_headings = {"get_action_display": _("事件")}
    export_filename = "audit-log"
    list_filter = ["action", "time"]
    search_fields = ["username", "target", "detail"]
    search_backend_name = None
    form_fields = []


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet("audit")


class AccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_manage_accounts(request.user)


@hooks.register("register_settings_menu_item")
def register_accounts_menu_item():
    return AccountsMenuItem(
        _("登录锁定与动态口令"), reverse("security_accounts"), icon_name="lock", order=610
    )
