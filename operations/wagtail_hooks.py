from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.components import Component

from .models import OutgoingMessage, OutgoingState
from .outbox import retry_failed

VIEW_OUTBOX = "operations.view_outgoingmessage"
CHANGE_OUTBOX = "operations.change_outgoingmessage"
PANEL_ROWS = 20


class FailedMailPanel(Component):
    """Mail the worker gave up on, for the county administrators to see and send again."""

    name = "failed_mail"
    template_name = "operations/failed_mail_panel.html"
    order = 40

    def __init__(self, failed, can_retry: bool):
        self.failed, self.can_retry = failed, can_retry

    def get_context_data(self, parent_context):
        return {
            "failed": self.failed[:PANEL_ROWS],
            "failed_count": len(self.failed),
            "can_retry": self.can_retry,
        }


@hooks.register("construct_homepage_panels")
def add_failed_mail_panel(request, panels):
    if not request.user.has_perm(VIEW_OUTBOX):
        return
    failed = list(OutgoingMessage.objects.filter(state=OutgoingState.FAILED).order_by("-created_at"))
    if failed:
        panels.append(FailedMailPanel(failed, request.user.has_perm(CHANGE_OUTBOX)))


@require_POST
@permission_required(CHANGE_OUTBOX)
def retry_failed_mail(request):
    count = retry_failed()
    messages.success(request, _("已将 %(count)s 封发送失败的邮件重新排队。") % {"count": count})
    return HttpResponseRedirect(reverse("wagtailadmin_home"))


@hooks.register("register_admin_urls")
def outbox_urls():
    return [path("outbox/retry/", retry_failed_mail, name="operations_retry_failed_mail")]


# sites/hooks.py COUNTY_ADMIN_PERMISSIONS; operations sits below sites, so it names the hook
# rather than importing it.
@hooks.register("county_admin_permissions")
def outbox_permissions():
    """County administrators see the mail that could not be delivered and queue it again."""
    return [VIEW_OUTBOX, CHANGE_OUTBOX]
