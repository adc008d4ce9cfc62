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
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: documents go through Wagtail's serve view, which checks who may have them
    # (disclosure/access.py). A production web server must not expose media/documents either.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
