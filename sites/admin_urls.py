"""Admin paths served by sites/admin_views.py in place of Wagtail's (included by cms/urls.py in
front of the admin URLs, so these win)."""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from . import admin_views

urlpatterns = [
    path("tag-autocomplete/", require_admin_access(admin_views.tag_autocomplete)),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        require_admin_access(admin_views.tag_autocomplete),
    ),
    path(
        "reports/page-types-usage/",
        require_admin_access(admin_views.CountyPageTypesUsageReportView.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        require_admin_access(admin_views.CountyPageTypesUsageReportView.as_view(results_only=True)),
    ),
]
