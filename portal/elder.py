"""Elder mode (适老化): larger type, higher contrast and larger targets, chosen by the reader.

The choice lives in a cookie, switched by a plain link in the top bar: the strict CSP allows no
inline script, so a GET view sets the cookie and sends the reader back to the page they were on.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

COOKIE = "elder_mode"
# A year: a reader who chose the larger type should not have to choose it again next month.
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def is_on(request: HttpRequest) -> bool:
    return request.COOKIES.get(COOKIE) == "1"


def switch(request: HttpRequest) -> HttpResponseRedirect:
    """Turn elder mode on (?on=1) or off (?on=0), then go back to `next` if it is on this site."""
    target = request.GET.get("next", "")
    # Only a path on this site: an open redirect would let a phishing link borrow our address.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on") == "1":
        response.set_cookie(
            COOKIE, "1", max_age=COOKIE_MAX_AGE, secure=request.is_secure(), httponly=True, samesite="Lax"
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response


def elder_mode(request: HttpRequest) -> dict:
    """Template context: whether the reader chose elder mode (base.html's body class and stylesheet)."""
    if request.path.startswith("/admin/"):
        return {}
    return {"elder_mode": is_on(request)}
