"""The applicant's look-up (included in cms/urls.py inside i18n_patterns, as opinions.urls is)."""

from django.urls import path

from . import views

app_name = "foi"

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
    path(
        "lookup/<int:application_id>/notices/<int:notice_id>/<str:fmt>/",
        views.notice_download,
        name="notice_download",
    ),
    path(
        "lookup/<int:application_id>/files/<int:file_id>/",
        views.reply_file_download,
        name="reply_file_download",
    ),
]
