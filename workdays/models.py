"""The official working-day calendar: statutory holidays, make-up working days (调休) and which
years' arrangements have been entered.

The State Council announces each year's arrangement (usually in November or December of the year
before); the county administrators enter it here. A year without a `CalendarYear` record has no
data: deadlines falling in it are computed on weekends only and marked provisional.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

# chinese-calendar's data begins with 2004; nothing before that matters for deadlines.
FIRST_YEAR = 2004
LAST_YEAR = 2100


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假（法定节假日）")
    WORKDAY = "workday", _("调休上班（补班）")


class SpecialDay(models.Model):
    """One day whose status differs from the plain weekday/weekend rule, or a holiday that falls
    on a weekend inside a holiday period (kept so the explanation names the holiday)."""

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(
        _("类型"),
        max_length=10,
        choices=DayKind.choices,
        help_text=_("放假：这一天不上班，期限计算时跳过；调休上班：周末补班，期限计算时计入。"),
    )
    name = models.CharField(
        _("节日名称"),
        max_length=50,
        help_text=_("如“国庆节”“春节”；调休上班日填所补的节日。"),
    )

    class Meta:
        ordering = ["day"]
        verbose_name = _("放假与调休日期")
        verbose_name_plural = _("放假与调休日期")

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    def clean(self) -> None:
        if self.kind == DayKind.WORKDAY and self.day and self.day.weekday() < 5:
            raise ValidationError({"kind": _("调休上班日应是星期六或星期日：工作日本来就要上班，无须录入。")})


class CalendarSource(models.TextChoices):
    SEEDED = "seeded", _("由 chinesecalendar 软件包导入")
    ADMIN = "admin", _("管理员录入")


class CalendarYear(models.Model):
    """A year whose holiday arrangement has been entered in full. Without it the year has no data."""

    year = models.PositiveSmallIntegerField(
        _("年份"),
        unique=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("先在“放假与调休日期”中录入该年全部放假日和调休上班日，再在此登记该年已录入。"),
    )
    source = models.CharField(
        _("数据来源"), max_length=10, choices=CalendarSource.choices, default=CalendarSource.ADMIN
    )
    note = models.TextField(
        _("说明"),
        blank=True,
        help_text=_("如国务院办公厅关于该年部分节假日安排的通知文号。"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("source")]), FieldPanel("note")]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")

    def __str__(self) -> str:
        return _("%(year)d 年节假日安排") % {"year": self.year}

    def clean(self) -> None:
        # Registering a year with no days would silently turn its holidays into working days.
        if self.year and not SpecialDay.objects.filter(day__year=self.year).exists():
            raise ValidationError(
                {
                    "year": _(
                        "尚未录入 %(year)d 年的任何放假日或调休上班日：请先在“放假与调休日期”中录入，再登记该年。"
                    )
                    % {"year": self.year}
                }
            )
