from wagtail.models import Locale, Site

from .models import DisclosureIndexPage


def portal_navigation(request) -> dict:
    """The home page and 政务公开 in the active language tree, for the site-wide navigation: looked
    up once per request (the header and the site map link both)."""
    if request.path.startswith("/admin/"):
        return {}
    locale = Locale.get_active()
    index = DisclosureIndexPage.objects.live().filter(locale=locale).first()
    site = Site.find_for_request(request)
    home = site.root_page if site else None
    if home is not None and home.locale_id != locale.pk:
        home = home.get_translation_or_none(locale) or home
    return {
        "disclosure_index_url": index.url if index else "",
        "home_url": home.get_url(request) if home else "/",
    }
