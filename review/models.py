"""Review before publishing and the yearly re-evaluation of what is not public."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask

from disclosure.models import DisclosureAttribute


class ReturnForm(TaskStateCommentForm):
    """Sending a document back needs a reason: the drafter has to know what to change."""

    comment = forms.CharField(
        label=_("退回意见"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("退回修改时必须填写意见，说明需要修改的内容。")},
    )


class ReviewTask(AbstractGroupApprovalTask):
    """One step of a unit's review (保密审查 or 发布审查), acted on by that unit's reviewers only."""

    class Meta:
        verbose_name = _("审查步骤")
        verbose_name_plural = _("审查步骤")

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("退回修改"), True),
                ("approve", _("审查通过"), False),
                ("approve", _("审查通过并附意见"), True),
            ]
        return []

    def get_form_for_action(self, action):
        return ReturnForm if action == "reject" else TaskStateCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        # The editor's own action menu can post a rejection without the comment dialog.
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            raise PermissionDenied(_("退回修改时必须填写意见，说明需要修改的内容。"))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("由本单位审核组成员审查；退回时必须填写意见。")


class Decision(models.TextChoices):
    KEEP = "keep", _("维持原公开属性")
    DISCLOSE = "disclose", _("转为主动公开")
    REDACT = "redact", _("删减后公开")


class ReEvaluation(models.Model):
    """A unit's yearly decision on one non-public document (seed 三(二)1: 动态调整)."""

    document = models.ForeignKey(
        "disclosure.GovernmentDocumentPage",
        verbose_name=_("文件"),
        on_delete=models.CASCADE,
        related_name="re_evaluations",
    )
    unit = models.ForeignKey("sites.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("复核年度"))
    attribute_before = models.CharField(
        _("复核前公开属性"), max_length=20, choices=DisclosureAttribute.choices
    )
    decision = models.CharField(_("复核结论"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("理由"), help_text=_("说明维持或调整公开属性的依据。"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("复核时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("公开属性年度复核")
        verbose_name_plural = _("公开属性年度复核")
        ordering = ["-decided_at"]
        constraints = [models.UniqueConstraint(fields=["document", "year"], name="one_re_evaluation_a_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.document.title}：{self.get_decision_display()}"
