"""wagtail-localize's admin URLs whose views this project scopes to the user's own pages.

cms/urls.py mounts these under admin/localize/ in front of Wagtail's admin, so that they replace
wagtail-localize's views of the same paths with ones that check the user's rights on the page.
"""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "submit/page/<int:page_id>/",
        views.ScopedSubmitPageTranslationView.as_view(),
    ),
    path(
        "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        views.ScopedSubmitSnippetTranslationView.as_view(),
    ),
    path("page/<int:page_id>/convert_to_alias/", views.scoped_convert_to_alias),
    path(
        "api/snippets/<slug:app_label>/<slug:model_name>/",
        views.ScopedSnippetViewSet.as_view({"get": "list"}),
    ),
    path(
        "api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
        views.ScopedSnippetViewSet.as_view({"get": "retrieve"}),
    ),
    path(
        "update/<int:translation_source_id>/",
        views.ScopedUpdateTranslationsView.as_view(),
    ),
    path(
        "reports/translations/",
        views.ScopedTranslationsReportView.as_view(),
    ),
    path(
        "reports/translations/results/",
        views.ScopedTranslationsReportView.as_view(results_only=True),
    ),
]
