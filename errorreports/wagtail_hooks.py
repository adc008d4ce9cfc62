from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sites import hooks as site_hooks

from . import admin_views
from .indicators import INDICATORS
from .services import may_handle

admin_urlpatterns = (
    [
        path("", admin_views.ReportList.as_view(), name="index"),
        path("<int:pk>/", admin_views.AnswerView.as_view(), name="answer"),
    ],
    "errorreports_admin",
)


@hooks.register("register_admin_urls")
def register_errorreport_urls():
    return [path("errorreports/", include(admin_urlpatterns))]


class ErrorReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_handle(request.user)


@hooks.register("register_admin_menu_item")
def register_errorreport_menu_item():
    return ErrorReportMenuItem(
        _("网站找错"), reverse("errorreports_admin:index"), icon_name="warning", order=760
    )


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def errorreport_indicators():
    return INDICATORS
