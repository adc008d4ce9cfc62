"""The default (Chinese) locale, looked up once per request.

Wagtail's `Locale.get_default()` is a query each time, and a public page asks for it once per
document it shows (the Chinese source decides what the public sees of every language version):
the sitemap asked 17 times, the 政策解读 column 7. The locale cannot change while one request is
answered, so it is kept on the request; outside a request (commands, Celery tasks) it is looked up.
"""

from __future__ import annotations

from wagtail.models import Locale

from security.audit import current_request


def default_locale() -> Locale:
    request = current_request()
    if request is None:
        return Locale.get_default()
    locale = getattr(request, "_default_locale", None)
    if locale is None:
        locale = request._default_locale = Locale.get_default()
    return locale
