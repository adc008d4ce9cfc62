from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.csp import csp_report
from disclosure import media as media_views
from portal import elder as portal_elder
from portal import views as portal_views
from sites import admin_urls as sites_admin_urls
from translations import urls as translation_urls

urlpatterns = [
    # In front of the admin URLs: they replace wagtail-localize's views of the same paths.
    path("admin/localize/", include(translation_urls)),
    # Tag autocomplete and the page-types report, scoped to the user's unit (sites/admin_views.py).
    path("admin/", include(sites_admin_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Images and their renditions, each checked against the pages that show it (disclosure/media.py).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media_views.serve_image_file, name="image_file"),
    path("sitemap.xml", sitemap),
    # Browsers report Content-Security-Policy violations here (cms/csp.py logs them).
    path("csp-report/", csp_report, name="csp_report"),
    # Self-hosted image captcha for the opinion form (participation; no external service).
    path("captcha/", include("captcha.urls")),
    # Elder mode (适老化): sets or clears its cookie and goes back (portal/elder.py).
    path("elder-mode/", portal_elder.switch, name="elder_mode"),
]

urlpatterns += i18n_patterns(
    path("search/", portal_views.search, name="search"),
    # 互动交流: consultations, messages, the FOI entry and the tracking-code look-up (portal/hub.py).
    path("hudong/", include("portal.urls")),
    path("opinions/", include("opinions.urls")),
    path("foi/", include("foi.urls")),
    # The portal's 政府网站工作年度报表 (reports/urls.py).
    path("gzbb/", include("reports.urls")),
    # 我为政府网站找错 (errorreports/), 网站地图 and the footer's 党政机关网站标识 (portal/views.py).
    path("zhaocuo/", include("errorreports.urls")),
    # 政务服务: browsing the service guides and the hall's 政务公开专区 kiosk (services/urls.py).
    path("banshi/", include("services.urls")),
    path("wangzhanditu/", portal_views.site_map, name="site_map"),
    path("footer/badge/", portal_views.footer_badge, name="footer_badge"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
