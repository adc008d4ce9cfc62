"""The second-factor pages of the admin login, and unlocking accounts."""

from __future__ import annotations

from axes.utils import reset
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from .audit import record
from .forms import AccountActionForm, TokenForm
from .models import AuditAction
from .otp import base32_secret, confirmed_devices, pending_device, provisioning_url, qr_svg


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


THROTTLED = gettext_lazy("动态口令错误次数较多，请稍后再试（每错一次，等待时间加倍）。")


def _throttled(devices) -> bool:
    """django-otp doubles the wait after each wrong code; a code typed too soon is not checked."""
    return any(not device.verify_is_allowed()[0] for device in devices)


@never_cache
def verify(request):
    """Step two of the admin login: the code from the account's authenticator."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not confirmed_devices(request.user).exists():
        return redirect(f"{reverse('security_otp_enrol')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _throttled(confirmed_devices(request.user)):
            form.add_error("token", THROTTLED)
        elif (device := match_token(request.user, form.cleaned_data["token"])) is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            record(request, AuditAction.OTP_FAILED)
            form.add_error("token", _("动态口令不正确或已过期，请输入验证器上的最新口令。"))
    return TemplateResponse(request, "security/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
def enrol(request):
    """An account without an authenticator binds one: scan the QR code, type the code it shows."""
    if confirmed_devices(request.user).exists():
        return redirect(f"{reverse('security_otp_verify')}?{urlencode({'next': _next_url(request)})}")
    device = pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _throttled([device]):
            form.add_error("token", THROTTLED)
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            record(request, AuditAction.OTP_ENROLLED, target=request.user.get_username())
            messages.success(request, _("已绑定身份验证器；以后每次登录都需要输入动态口令。"))
            return redirect(_next_url(request))
        else:
            form.add_error("token", _("动态口令不正确，请确认手机时间准确后输入验证器上的最新口令。"))
    context = {"form": form, "next": _next_url(request), "secret": base32_secret(device)}
    return TemplateResponse(request, "security/enrol.html", context)


@never_cache
def enrol_qr(request):
    """The QR code of the pending device's otpauth:// URL, as an SVG image."""
    if confirmed_devices(request.user).exists():
        raise PermissionDenied
    return HttpResponse(qr_svg(provisioning_url(pending_device(request.user))), content_type="image/svg+xml")


def may_manage_accounts(user) -> bool:
    return user.is_superuser or user.has_perm("auth.change_user")


@never_cache
def accounts(request):
    """County administrators and superusers unlock accounts and addresses and reset a lost
    authenticator (the account enrols a new one at its next login)."""
    if not may_manage_accounts(request.user):
        raise PermissionDenied
    from axes.models import AccessAttempt

    locked = AccessAttempt.objects.order_by("-attempt_time")
    return TemplateResponse(
        request, "security/accounts.html", {"attempts": locked, "form": AccountActionForm()}
    )


@require_POST
def unlock(request):
    if not may_manage_accounts(request.user):
        raise PermissionDenied
    form = AccountActionForm(request.POST)
    if form.is_valid() and (form.cleaned_data["username"] or form.cleaned_data["address"]):
        username, address = form.cleaned_data["username"] or None, form.cleaned_data["address"] or None
        count = reset(ip=address, username=username)
        target = " ".join(part for part in (username, address) if part)
        record(request, AuditAction.UNLOCK, target=target, detail=f"{count}")
        messages.success(request, _("已解除锁定：%(target)s") % {"target": target})
    else:
        messages.error(request, _("请填写要解除锁定的用户名或来源地址。"))
    return redirect("security_accounts")


@require_POST
def reset_second_factor(request):
    if not may_manage_accounts(request.user):
        raise PermissionDenied
    username = request.POST.get("username", "").strip()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        messages.error(request, _("没有用户名为“%(username)s”的账号。") % {"username": username})
    elif user.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    else:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.filter(user=user).delete()
        messages.success(
            request, _("已解除“%(username)s”的身份验证器，下次登录时须重新绑定。") % {"username": username}
        )
    return redirect("security_accounts")


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer once an account or address is locked (AXES_LOCKOUT_CALLABLE)."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "lockout_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return TemplateResponse(request, "security/lockout.html", context, status=429).render()
