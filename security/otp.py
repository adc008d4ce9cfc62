"""TOTP second factor (django-otp) for every admin account."""

from __future__ import annotations

from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"


def needs_second_factor(user) -> bool:
    """Every account that can use the admin signs in with a TOTP code as well."""
    return user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def confirmed_devices(user: AbstractBaseUser):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """The device being enrolled: its secret is shown until the user confirms it with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def provisioning_url(device: TOTPDevice) -> str:
    """The otpauth:// URL an authenticator app reads from the QR code, labelled with the portal."""
    return device.config_url


def qr_svg(text: str) -> bytes:
    """The QR code of `text` as SVG, drawn on the server (nothing leaves the county's network)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string()


def password_expired(user) -> bool:
    """Whether the account's password is older than PASSWORD_MAX_AGE_DAYS (never, if 0)."""
    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days:
        return False
    record = getattr(user, "password_record", None)
    changed = record.changed_at if record is not None else user.date_joined
    return timezone.now() - changed > timedelta(days=days)
