"""Audit entries for account events: logins, failures, lockouts, second factor, permissions."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import current_request, record
from .models import AuditAction


def logged_in(sender, request, user, **kwargs):
    record(request, AuditAction.LOGIN, user=user)


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, AuditAction.LOGOUT, user=user)


def login_failed(sender, credentials, request=None, **kwargs):
    record(request, AuditAction.LOGIN_FAILED, username=credentials.get("username", ""))


def locked_out(sender, request, username, ip_address, **kwargs):
    record(request, AuditAction.LOCKOUT, target=username or ip_address or "", username=username or "")


def device_removed(sender, instance: TOTPDevice, **kwargs):
    if instance.confirmed:
        record(None, AuditAction.OTP_REMOVED, target=instance.user.get_username())


def _names(model, pks) -> str:
    return "、".join(str(obj) for obj in model.objects.filter(pk__in=pks or ())) if pks else ""


def user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    verb = {"post_add": "加入", "post_remove": "移出", "post_clear": "移出全部"}[action]
    if reverse:  # group.user_set.add(...): instance is the group, pk_set the users
        for user in get_user_model().objects.filter(pk__in=pk_set or ()):
            record(
                None,
                AuditAction.PERMISSION_CHANGED,
                target=user.get_username(),
                detail=f"{verb}用户组 {instance}",
            )
    else:
        detail = f"{verb}用户组 {_names(Group, pk_set)}".rstrip()
        record(None, AuditAction.PERMISSION_CHANGED, target=instance.get_username(), detail=detail)


def user_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    verb = {"post_add": "授予", "post_remove": "收回", "post_clear": "收回全部"}[action]
    record(
        None,
        AuditAction.PERMISSION_CHANGED,
        target=str(instance),
        detail=f"{verb}权限 {_names(model, pk_set)}",
    )


def group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    # Provisioning grants hundreds of these from the command line; the audit traces people's acts.
    if action not in ("post_add", "post_remove", "post_clear") or reverse or current_request() is None:
        return
    verb = {"post_add": "授予", "post_remove": "收回", "post_clear": "收回全部"}[action]
    record(
        None,
        AuditAction.PERMISSION_CHANGED,
        target=f"用户组 {instance}",
        detail=f"{verb}权限 {_names(model, pk_set)}",
    )


def object_permission_changed(sender, instance, created=None, **kwargs):
    """Wagtail's page and collection permissions of a group, edited on the group's page."""
    if current_request() is None:
        return
    verb = "收回" if created is None else "授予"
    record(
        None, AuditAction.PERMISSION_CHANGED, target=f"用户组 {instance.group}", detail=f"{verb} {instance}"
    )


def remember_superuser_flag(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and "is_superuser" not in update_fields:
        return  # e.g. last_login at each login
    instance._security_was_superuser = (
        sender.objects.filter(pk=instance.pk, is_superuser=True).exists() if instance.pk else False
    )


def superuser_flag_changed(sender, instance, created, **kwargs):
    was = instance.__dict__.pop("_security_was_superuser", None)
    if was is not None and instance.is_superuser != was:
        detail = "设为超级管理员" if instance.is_superuser else "取消超级管理员"
        record(None, AuditAction.PERMISSION_CHANGED, target=instance.get_username(), detail=detail)


def connect() -> None:
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    User = get_user_model()
    user_logged_in.connect(logged_in, dispatch_uid="security_login")
    user_logged_out.connect(logged_out, dispatch_uid="security_logout")
    user_login_failed.connect(login_failed, dispatch_uid="security_login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="security_locked_out")
    post_delete.connect(device_removed, sender=TOTPDevice, dispatch_uid="security_device_removed")
    m2m_changed.connect(user_groups_changed, sender=User.groups.through, dispatch_uid="security_user_groups")
    m2m_changed.connect(
        user_permissions_changed, sender=User.user_permissions.through, dispatch_uid="security_user_perms"
    )
    m2m_changed.connect(
        group_permissions_changed, sender=Group.permissions.through, dispatch_uid="security_group_perms"
    )
    for model in (GroupPagePermission, GroupCollectionPermission):
        post_save.connect(
            object_permission_changed, sender=model, dispatch_uid=f"security_{model.__name__}_save"
        )
        post_delete.connect(
            object_permission_changed, sender=model, dispatch_uid=f"security_{model.__name__}_del"
        )
    pre_save.connect(remember_superuser_flag, sender=User, dispatch_uid="security_superuser_before")
    post_save.connect(superuser_flag_changed, sender=User, dispatch_uid="security_superuser_after")
