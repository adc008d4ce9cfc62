from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .otp import confirmed_devices, needs_second_factor, password_expired

# Reachable with the password alone: signing in and out, the second-factor pages themselves
# and the admin's static helpers they use.
BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "security_otp_verify",
    "security_otp_enrol",
    "security_otp_qr",
}
# Reachable with an expired password: where it is changed.
WITH_EXPIRED_PASSWORD = BEFORE_SECOND_FACTOR | {"wagtailadmin_account"}


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: an admin account is signed in only once it has also
    given a TOTP code.

    In the admin, a session with the password alone is sent to the code page, or to enrolment
    when the account has no authenticator yet; on the public site (previews, documents) it
    counts as not signed in. A signed-in account whose password is older than
    PASSWORD_MAX_AGE_DAYS is sent to change it before anything else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and needs_second_factor(user):
            in_admin = request.path_info.startswith(reverse("wagtailadmin_home"))
            if not user.is_verified():
                if not in_admin:
                    request.user = AnonymousUser()
                elif self._url_name(request) not in BEFORE_SECOND_FACTOR:
                    step = "security_otp_verify" if confirmed_devices(user).exists() else "security_otp_enrol"
                    return redirect_to_login(request.get_full_path(), login_url=reverse(step))
            elif in_admin and password_expired(user) and self._url_name(request) not in WITH_EXPIRED_PASSWORD:
                messages.warning(request, _("密码已超过有效期，请先修改密码。"))
                return redirect("wagtailadmin_account")
        return self.get_response(request)

    @staticmethod
    def _url_name(request) -> str | None:
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None
