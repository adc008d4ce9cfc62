"""Who is asking: the client's address, also behind the county's reverse proxy.

Rate limits (sites.network), failed-login counting (django-axes) and the audit log all use it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the citizen's machine, as the outermost trusted proxy saw it.

    Behind TRUSTED_PROXY_COUNT reverse proxies that each append the address they saw to
    X-Forwarded-For, that is the entry TRUSTED_PROXY_COUNT from the right; entries further left
    are whatever the client sent and are never believed. With no proxies configured, or a request
    that did not come through them, or an entry that is not an address, it is the connection's
    own address (REMOTE_ADDR). Rate limits (django-ratelimit's RATELIMIT_IP_META_KEY) count by
    this address, and parse it: anything else there would be a server error.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [entry for entry in forwarded if entry]
        if len(forwarded) >= proxies and _is_address(forwarded[-proxies]):
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
