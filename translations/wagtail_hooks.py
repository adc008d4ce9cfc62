"""Admin URLs and menu entry of the translation workflow."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sites.tenancy import units_for_user

from . import report, views

urlpatterns = [
    path("", report.index, name="index"),
    path(
        "submit-for-review/<int:translation_id>/",
        views.submit_translation_for_review,
        name="submit_for_review",
    ),
    path("<slug:unit_slug>/", report.unit_report, name="unit"),
]


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [path("translations/", include((urlpatterns, "translations"), namespace="translations"))]


class UnitTranslationsMenuItem(MenuItem):
    """Shown to whoever works for at least one unit; the views check the unit itself."""

    def is_shown(self, request):
        return units_for_user(request.user).exists()


@hooks.register("register_reports_menu_item")
def translation_gaps_menu_item():
    return UnitTranslationsMenuItem(
        _("缺少傣文/景颇文版本的页面"),
        reverse("translations:index"),
        icon_name="wagtail-localize-language",
        order=9100,
    )


# Before wagtail-localize's own before_edit_page hook, which publishes from the translation editor.
hooks.register("before_edit_page", views.refuse_publishing_translation_of_withheld_source, order=-100)
