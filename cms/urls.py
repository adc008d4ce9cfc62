from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.security import csp_report
from portal import views as portal_views
from translations import urls as translation_urls

urlpatterns = [
    # In front of the admin URLs: they replace wagtail-localize's views of the same paths.
    path("admin/localize/", include(translation_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    # Browsers report Content-Security-Policy violations here (cms/security.py logs them).
    path("csp-report/", csp_report, name="csp_report"),
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
    path("search/", portal_views.search, name="search"),
    path("opinions/", include("opinions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
