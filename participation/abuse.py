"""Abuse controls shared by the citizens' forms (the opinion form, the message board).

- a honeypot field that people never see (hidden by CSS, not by inline style: strict CSP);
- a signed time stamp: a form sent back faster than a person can fill it is refused;
- rate limits per IP address and per contact, counted in the Django cache by django-ratelimit
  (Redis when REDIS_URL is set, so all web processes share the counts; the per-process
  local-memory cache otherwise, which is fine for the embedded single-process setup);
- an optional image captcha (django-simple-captcha, served by the site itself), per consultation.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core import signing
from django_ratelimit.core import is_ratelimited

# The salt keeps the name it had when this lived in opinions/: forms already shown stay valid.
FORM_TOKEN_SALT = "opinions.form-started"
HONEYPOT_FIELD = "website"


def setting(name: str, default):
    return getattr(settings, name, default)


def min_fill_seconds() -> int:
    return int(setting("PARTICIPATION_MIN_FILL_SECONDS", 3))


def max_form_age_seconds() -> int:
    return int(setting("PARTICIPATION_MAX_FORM_AGE_SECONDS", 24 * 60 * 60))


def ip_rate() -> str:
    return setting("PARTICIPATION_RATE_PER_IP", "20/h")


def contact_rate() -> str:
    return setting("PARTICIPATION_RATE_PER_CONTACT", "5/h")


def form_token(now: float | None = None) -> str:
    """A signed record of when the form was shown."""
    return signing.Signer(salt=FORM_TOKEN_SALT).sign(str(int(now if now is not None else time.time())))


def form_age(token: str, now: float | None = None) -> float | None:
    """Seconds since the form was shown, or None for a missing or forged token."""
    try:
        started = int(signing.Signer(salt=FORM_TOKEN_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None
    return (now if now is not None else time.time()) - started


def normalize_phone(phone: str) -> str:
    return re.sub(r"[\s\-()（）]", "", phone or "")


def contact_fingerprint(phone: str, email: str) -> str:
    """A keyed hash of the contact, for duplicate checks and per-contact limits; empty without one."""
    phone, email = normalize_phone(phone), (email or "").strip().lower()
    if not (phone or email):
        return ""
    raw = f"{settings.SECRET_KEY}|{phone}|{email}"
    return hashlib.sha256(raw.encode()).hexdigest()


def content_fingerprint(text: str) -> str:
    """Equal for texts that differ only in spacing and punctuation runs."""
    normalized = re.sub(r"[\s\u3000，。、；：！？,.;:!?\"'“”‘’（）()]+", "", text or "").lower()
    return hashlib.sha256(normalized.encode()).hexdigest()


def ip_limited(request, group: str) -> bool:
    """Counts this request against the IP address's allowance; True once it is used up."""
    return is_ratelimited(request, group=f"{group}:ip", key="ip", rate=ip_rate(), increment=True)


def contact_limited(request, group: str, contact_hash: str) -> bool:
    if not contact_hash:
        return False
    return is_ratelimited(
        request,
        group=f"{group}:contact",
        key=lambda _group, _request: contact_hash,
        rate=contact_rate(),
        increment=True,
    )
