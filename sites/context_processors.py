from wagtail.models import Locale

from .models import DisclosureIndexPage


def portal_navigation(request) -> dict:
    """The link to 政务公开 in the active language tree, for the site-wide navigation."""
    if request.path.startswith("/admin/"):
        return {}
    index = DisclosureIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    return {"disclosure_index_url": index.url if index else ""}
