"""The outbox: every outgoing e-mail is a row, written in the transaction that causes it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingState(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class OutgoingMessageQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(state=OutgoingState.PENDING, next_attempt_at__lte=now)


class OutgoingMessage(models.Model):
    """One e-mail waiting for, or past, delivery by the worker (operations/outbox.py).

    A broker or mail-server outage only delays it: the periodic drain finds every pending row.
    After the last attempt it is marked failed, logged and listed on the county administrators'
    dashboard."""

    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True, db_index=True)
    subject = models.CharField(_("主题"), max_length=998)
    body = models.TextField(_("正文"), blank=True)
    from_email = models.CharField(_("发件人"), max_length=254, blank=True)
    recipients = models.JSONField(
        _("收件人"), default=dict, help_text=_("to、cc、bcc、reply_to 四个地址列表。")
    )
    headers = models.JSONField(_("邮件头"), default=dict, blank=True)
    alternatives = models.JSONField(
        _("其他格式正文"), default=list, blank=True, help_text=_("[内容, MIME 类型] 列表，如 HTML 正文。")
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=OutgoingState.choices, default=OutgoingState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), db_index=True)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("待发邮件")
        verbose_name_plural = _("邮件发件箱")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="operations_outbox_due")]

    def __str__(self) -> str:
        return self.subject
