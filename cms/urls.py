from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views
from sites import translation_views

urlpatterns = [
    # These must stay in front of the admin URLs: they replace wagtail-localize's
    # views of the same path with ones that check the user's rights on the page.
    path(
        "admin/localize/submit/page/<int:page_id>/",
        translation_views.ScopedSubmitPageTranslationView.as_view(),
    ),
    path(
        "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        translation_views.ScopedSubmitSnippetTranslationView.as_view(),
    ),
    path("admin/localize/page/<int:page_id>/convert_to_alias/", translation_views.scoped_convert_to_alias),
    path(
        "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/",
        translation_views.ScopedSnippetViewSet.as_view({"get": "list"}),
    ),
    path(
        "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
        translation_views.ScopedSnippetViewSet.as_view({"get": "retrieve"}),
    ),
    path(
        "admin/localize/update/<int:translation_source_id>/",
        translation_views.ScopedUpdateTranslationsView.as_view(),
    ),
    path(
        "admin/localize/reports/translations/",
        translation_views.ScopedTranslationsReportView.as_view(),
    ),
    path(
        "admin/localize/reports/translations/results/",
        translation_views.ScopedTranslationsReportView.as_view(results_only=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    # Self-hosted image captcha for the opinion form (participation; no external service).
    path("captcha/", include("captcha.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: documents go through Wagtail's serve view, which checks who may have them
    # (disclosure/access.py). A production web server must not expose media/documents either.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("opinions/", include("opinions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
