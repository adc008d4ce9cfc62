from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKOUT = "lockout", _("账号锁定")
    UNLOCK = "unlock", _("解除锁定")
    LOGOUT = "logout", _("退出")
    OTP_FAILED = "otp_failed", _("动态口令错误")
    OTP_ENROLLED = "otp_enrolled", _("绑定动态口令")
    OTP_REMOVED = "otp_removed", _("解除动态口令")
    PASSWORD_CHANGED = "password_changed", _("修改密码")
    PERMISSION_CHANGED = "permission_changed", _("权限变更")
    PERSONAL_DATA_VIEWED = "personal_data_viewed", _("查看个人信息")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("导出个人信息")
    AUDIT_EXPORTED = "audit_exported", _("导出审计日志")
    ERROR_REPORT_ANSWERED = "errorreport_answered", _("答复网站找错")


class AuditEntry(models.Model):
    """One event an auditor must be able to trace: who, when, from where, what.

    Entries are written by `security.audit.record` and never changed; the admin shows them
    read-only and only the retention task (security/tasks.py) deletes them.
    """

    time = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too: the account may be deleted, a failed login may name no account.
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    action = models.CharField(_("事件"), max_length=32, choices=AuditAction.choices, db_index=True)
    target = models.CharField(_("对象"), max_length=255, blank=True, help_text=_("被操作或被查看的对象"))
    detail = models.TextField(_("详情"), blank=True)

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-time", "-pk"]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.username} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("audit entries are never changed")
        super().save(*args, **kwargs)


class PasswordRecord(models.Model):
    """When an account last set its password, for the periodic change (PASSWORD_MAX_AGE_DAYS)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_record"
    )
    changed_at = models.DateTimeField(_("密码修改时间"))

    class Meta:
        verbose_name = _("密码修改记录")
        verbose_name_plural = _("密码修改记录")

    def __str__(self) -> str:
        return f"{self.user} {self.changed_at:%Y-%m-%d}"
