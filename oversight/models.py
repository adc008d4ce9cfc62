"""The county's daily oversight of its units (issue 14): what each indicator found on each day,
each unit's score out of 100 with its deductions and bonus, the county-editable deduction table,
the bonus items awarded, and the availability probe's measurements.

The snapshots and scores are written by oversight/services.py `recompute(today)`, one set per day
(recomputing a day replaces it), so the dashboards and the trend lines read stored rows only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# 国办秘函〔2019〕19号: deductions out of 100 points; bonus points up to 30.
FULL_SCORE = 100
BONUS_MAXIMUM = 30


class Deduction(models.Model):
    """One row of the deduction table: what each item an indicator finds costs, up to a maximum
    (19号: "deductions within one item never exceed its points")."""

    indicator_key = models.CharField(
        _("指标标识"),
        max_length=100,
        unique=True,
        help_text=_("检查指标的英文标识，如 disclosure.stale_columns；与各业务模块的检查指标一一对应。"),
    )
    label = models.CharField(_("扣分项"), max_length=100)
    points_per_item = models.DecimalField(
        _("每项扣分"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("每发现一项（一个栏目、一条留言、一件申请）扣的分数。"),
    )
    maximum_points = models.DecimalField(
        _("本项最多扣分"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("同一扣分项累计扣分不超过此分值（国办秘函〔2019〕19号）。"),
    )
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [
        MultiFieldPanel(
            [FieldPanel("indicator_key"), FieldPanel("label"), FieldPanel("basis")], heading=_("扣分项")
        ),
        FieldRowPanel([FieldPanel("points_per_item"), FieldPanel("maximum_points")], heading=_("分值")),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")], heading=_("显示")),
    ]

    class Meta:
        verbose_name = _("扣分标准")
        verbose_name_plural = _("扣分标准")
        ordering = ["sort_order", "indicator_key"]

    def __str__(self) -> str:
        return self.label


class BonusItem(models.Model):
    """An item the county awards extra points for (19号 part 3: up to 30 bonus points)."""

    label = models.CharField(_("加分项"), max_length=100, unique=True)
    points = models.DecimalField(_("分值"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    description = models.TextField(_("加分条件"), blank=True)
    active = models.BooleanField(_("启用"), default=True)

    panels = [FieldPanel("label"), FieldPanel("points"), FieldPanel("description"), FieldPanel("active")]

    class Meta:
        verbose_name = _("加分项")
        verbose_name_plural = _("加分项")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class BonusAward(models.Model):
    """A bonus item awarded to a unit for the assessment year, by a county administrator."""

    item = models.ForeignKey(
        BonusItem, verbose_name=_("加分项"), on_delete=models.PROTECT, related_name="awards"
    )
    unit = models.ForeignKey("sites.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+")
    awarded_on = models.DateField(_("加分日期"), help_text=_("计入该日所在年度的考核得分。"))
    reason = models.TextField(_("加分理由"))
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("加分人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("unit"), FieldPanel("item"), FieldPanel("awarded_on"), FieldPanel("reason")]

    class Meta:
        verbose_name = _("加分记录")
        verbose_name_plural = _("加分记录")
        ordering = ["-awarded_on", "unit"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.item}"


class IndicatorSnapshot(models.Model):
    """What one indicator found for one unit (or the portal as a whole) on one day."""

    day = models.DateField(_("日期"))
    unit = models.ForeignKey(
        "sites.Unit",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    indicator_key = models.CharField(_("指标标识"), max_length=100)
    count = models.PositiveIntegerField(_("数量"), default=0)
    findings = models.JSONField(_("发现的问题"), default=list, blank=True)

    class Meta:
        verbose_name = _("指标快照")
        verbose_name_plural = _("指标快照")
        constraints = [
            models.UniqueConstraint(fields=["day", "unit", "indicator_key"], name="oversight_snapshot_once"),
            models.UniqueConstraint(
                fields=["day", "indicator_key"],
                condition=models.Q(unit__isnull=True),
                name="oversight_portal_snapshot_once",
            ),
        ]
        indexes = [models.Index(fields=["unit", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id or 'portal'} {self.indicator_key}: {self.count}"


class UnitScore(models.Model):
    """A unit's score (or the portal's, unit empty) on one day, with what made it."""

    day = models.DateField(_("日期"))
    unit = models.ForeignKey(
        "sites.Unit",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)
    deductions = models.JSONField(_("扣分"), default=list, blank=True)  # [{key, label, count, points}]
    bonus = models.DecimalField(_("加分"), max_digits=5, decimal_places=1, default=0)
    red_flags = models.JSONField(_("单项否决"), default=list, blank=True)  # [{key, label, count}]

    class Meta:
        verbose_name = _("考核得分")
        verbose_name_plural = _("考核得分")
        constraints = [
            models.UniqueConstraint(fields=["day", "unit"], name="oversight_score_once"),
            models.UniqueConstraint(
                fields=["day"], condition=models.Q(unit__isnull=True), name="oversight_portal_score_once"
            ),
        ]
        indexes = [models.Index(fields=["unit", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id or 'portal'}: {self.score}"


class ProbeResult(models.Model):
    """One page load measured by the availability probe (oversight/probe.py)."""

    url = models.URLField(_("网址"), max_length=500)
    status = models.PositiveSmallIntegerField(
        _("状态码"), null=True, blank=True, help_text=_("连接失败或超时为空。")
    )
    seconds = models.FloatField(_("用时（秒）"))
    at = models.DateTimeField(_("检测时间"), db_index=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("可用性检测")
        verbose_name_plural = _("可用性检测")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.url} {self.status or self.error} {self.seconds:.2f}s"


class DigestSent(models.Model):
    """A weekly digest already sent to a unit, so that each week's is sent once."""

    unit = models.ForeignKey("sites.Unit", on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week.")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "week"], name="oversight_digest_once")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.week}"


# --- the deadline registry (工作时限台账): the plan's dated tasks and each unit's evidence ------


def evidence_kind_choices() -> list[tuple[str, str]]:
    """The kinds the apps answer through `deadline_evidence` (oversight/deadlines.py); a callable,
    so that a new app's kind needs no migration here."""
    from .deadlines import evidence_kinds

    return [(kind.key, str(kind.label)) for kind in evidence_kinds()]


class Deadline(models.Model):
    """A dated task of the county's plan (实施方案 四(四)) every unit must complete."""

    title = models.CharField(_("工作事项"), max_length=200, help_text=_("如：报送分管领导和具体负责人信息。"))
    due_on = models.DateField(_("完成时限"), help_text=_("各单位应在此日期（含当日）前完成。"))
    evidence_kind = models.CharField(
        _("完成依据"),
        max_length=100,
        choices=evidence_kind_choices,
        help_text=_(
            "系统按什么判断各单位是否完成：如已登记联系人、已编制目录、年度报告已发布；"
            "“人工登记”由县级管理员逐单位登记收到的材料。"
        ),
    )
    description = models.TextField(
        _("工作要求"),
        blank=True,
        help_text=_("方案原文或报送方式，如：以正式文件形式通过电子公文办公平台报送。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("evidence_kind")]),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("工作时限")
        verbose_name_plural = _("工作时限台账")
        ordering = ["due_on", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.title


class DeadlineCompletion(models.Model):
    """A unit's task recorded as done by a county administrator, e.g. the report received through
    the e-document platform (电子公文办公平台); it stands for whatever the records show."""

    deadline = models.ForeignKey(
        Deadline, verbose_name=_("工作事项"), on_delete=models.CASCADE, related_name="completions"
    )
    unit = models.ForeignKey("sites.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+")
    completed_on = models.DateField(_("完成日期"), help_text=_("收到材料或文件的日期。"))
    reference = models.CharField(
        _("文号或备注"), max_length=200, blank=True, help_text=_("如：平政发〔2026〕12号；或邮件报送。")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now=True)

    class Meta:
        verbose_name = _("完成登记")
        verbose_name_plural = _("完成登记")
        constraints = [models.UniqueConstraint(fields=["deadline", "unit"], name="oversight_completion_once")]

    def __str__(self) -> str:
        return f"{self.deadline} · {self.unit_id} · {self.completed_on}"
