"""A citizen's report of an error on the site (我为政府网站找错) and the county office's answer.

The reporter's name and contact are personal data: only the handling staff see them (the admin
views in errorreports/admin_views.py); the public look-up shows the status, the reply and the dates.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.models import Unit
from workdays.services import add_working_days, as_local_date

# The county office answers a report within this many working days of its receipt (the day of
# receipt not counted, holidays and 调休 as in workdays/). The county's own rule, set here as a
# setting so that a stricter county can shorten it; the national 找错 platform's own deadlines
# apply to the reports it forwards, which do not come through this form.
DEFAULT_REPLY_WORKING_DAYS = 5


def reply_working_days() -> int:
    return int(getattr(settings, "ERRORREPORTS_REPLY_WORKING_DAYS", DEFAULT_REPLY_WORKING_DAYS))


class ErrorCategory(models.TextChoices):
    """The categories of the national 我为政府网站找错 platform."""

    CONTENT = "content", _("内容错误")
    LINK = "link", _("链接错误")
    STALE = "stale", _("栏目不更新")
    SERVICE = "service", _("服务不可用")
    OTHER = "other", _("其他")


class ErrorReportQuerySet(models.QuerySet):
    def unanswered(self) -> ErrorReportQuerySet:
        return self.filter(replied_at__isnull=True)

    def overdue(self, today: date | None = None) -> ErrorReportQuerySet:
        today = today or timezone.localdate()
        return self.unanswered().filter(due_date__lt=today)


class ErrorReport(models.Model):
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True, editable=False)
    category = models.CharField(_("错误类型"), max_length=20, choices=ErrorCategory.choices)
    page_url = models.CharField(_("出错页面网址"), max_length=500)
    description = models.TextField(_("问题描述"), max_length=2000)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    # The county office (the unit of kind COUNTY_OFFICE); empty when the county has none, and the
    # county administrators handle the report.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("办理单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="error_reports",
    )
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now)
    due_date = models.DateField(_("答复期限"))
    reply = models.TextField(_("答复内容"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("网站找错")
        verbose_name_plural = _("网站找错")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def deadline(self):
        """The reply deadline with its reasoning (the template workdays/deadline.html shows it)."""
        return add_working_days(as_local_date(self.received_at), reply_working_days())

    @property
    def is_overdue(self) -> bool:
        return self.replied_at is None and self.due_date < timezone.localdate()
