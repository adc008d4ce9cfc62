"""A citizen's look-up by tracking code and contact, shared by opinions and board messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _

from . import abuse
from .forms import LookupForm


@dataclass
class Lookup:
    form: LookupForm
    found: object | None
    searched: bool
    refusal: str | None
    status: int


def look_up(request: HttpRequest, find: Callable[[str, str], object | None]) -> Lookup:
    """Rate-limited per address; `find(code, contact)` returns the record or None."""
    form = LookupForm(request.POST or None)
    if request.method != "POST":
        return Lookup(form, None, searched=False, refusal=None, status=200)
    if abuse.ip_limited(request, "lookup"):
        return Lookup(form, None, searched=False, refusal=_("查询过于频繁，请一小时后再试。"), status=429)
    if not form.is_valid():
        return Lookup(form, None, searched=False, refusal=None, status=400)
    found = find(form.cleaned_data["code"], form.cleaned_data["contact"])
    # The contact is never echoed back into the page; the code is shown as issued.
    form = LookupForm(initial={"code": found.tracking_code if found else form.cleaned_data["code"]})
    return Lookup(form, found, searched=True, refusal=None, status=200 if found else 404)


def contact_matches(phone: str, email: str, contact: str) -> bool:
    """Whether `contact` (as typed by the citizen) is the phone or the e-mail address on record."""
    contact = (contact or "").strip()
    if "@" in contact:
        return bool(email) and email.lower() == contact.lower()
    return bool(phone) and phone == abuse.normalize_phone(contact)
