"""Review before publishing and the yearly re-evaluation of what is not public."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, TaskState

from disclosure.models import DisclosureAttribute


class ReturnForm(TaskStateCommentForm):
    """Sending a document back needs a reason: the drafter has to know what to change."""

    comment = forms.CharField(
        label=_("退回意见"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("退回修改时必须填写意见，说明需要修改的内容。")},
    )


OWN_WORK_REFUSAL = _(
    "不能审查通过自己提交或最后修改的内容：请由本单位其他审核人员审查。如确需立即发布，请联系县级管理员紧急发布。"
)


def is_own_work(task_state: TaskState, user) -> bool:
    """Whether `user` submitted the content in review or wrote the revision under review: four eyes
    means somebody else approves it."""
    submitter = task_state.workflow_state.requested_by_id
    author = task_state.revision.user_id if task_state.revision_id else None
    return user.pk in (submitter, author)


def publication_refusal(task_state) -> str:
    """Why what the approval would publish may not go on, as its own page type says: a page type with
    rules of its own (a service guide's census elements) answers `publication_refusal()`; "" if none.
    The editor's form refuses first, but a draft a reviewer saves during the review reaches the
    approval unchecked, and the finished workflow publishes the latest revision (workflow_finish.py)."""
    revision = task_state.workflow_state.content_object.get_latest_revision()
    refuse = getattr(revision.as_object(), "publication_refusal", None) if revision else None
    return refuse() if refuse else ""


class ReviewTask(AbstractGroupApprovalTask):
    """One step of a unit's review (保密审查 or 发布审查), acted on by that unit's reviewers only."""

    class Meta:
        verbose_name = _("审查步骤")
        verbose_name_plural = _("审查步骤")

    def is_reviewer(self, user) -> bool:
        return user.is_superuser or self._user_in_groups(user)

    def get_actions(self, obj, user):
        if not self.is_reviewer(user):
            return []
        actions = [("reject", _("退回修改"), True)]
        task_state = getattr(obj, "current_workflow_task_state", None)
        if task_state is None or not is_own_work(task_state, user):
            actions += [("approve", _("审查通过"), False), ("approve", _("审查通过并附意见"), True)]
        return actions

    def get_form_for_action(self, action):
        return ReturnForm if action == "reject" else TaskStateCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        # The editor's own action menu can post a rejection without the comment dialog.
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            raise PermissionDenied(_("退回修改时必须填写意见，说明需要修改的内容。"))
        if action_name == "approve" and is_own_work(task_state, user):
            raise PermissionDenied(OWN_WORK_REFUSAL)
        if action_name == "approve" and (refusal := publication_refusal(task_state)):
            raise PermissionDenied(refusal)
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


class EmergencyPublication(models.Model):
    """A county administrator's 紧急发布: a unit's page published without its review, with the reason."""

    page = models.ForeignKey(
        Page, verbose_name=_("页面"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written at the time, so the record still reads after the page is renamed or deleted.
    title = models.CharField(_("标题"), max_length=255)
    unit = models.ForeignKey(
        "sites.Unit", verbose_name=_("单位"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        Revision, verbose_name=_("发布的版本"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("紧急发布理由"), help_text=_("说明为什么不能等待保密审查和发布审查。"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("紧急发布记录")
        verbose_name_plural = _("紧急发布记录")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.published_at:%Y-%m-%d %H:%M}）"


class WordingRuleQuerySet(models.QuerySet):
    def active(self) -> WordingRuleQuerySet:
        return self.filter(active=True)

    def pairs(self) -> list[tuple[str, str]]:
        """The active rules as textcheck.find_expressions takes them: (wrong, suggestion)."""
        return list(self.active().values_list("wrong", "suggestion"))


class WordingRule(models.Model):
    """A wrong or outdated expression the content check flags, kept by the county office."""

    wrong = models.CharField(
        _("不规范用语"), max_length=100, unique=True, help_text=_("在正文中查找的原样文字，如：做为。")
    )
    suggestion = models.CharField(
        _("建议改为"),
        max_length=100,
        blank=True,
        help_text=_("规范写法，如：作为；留空表示应删除或视情况改写。"),
    )
    note = models.CharField(
        _("说明"), max_length=255, blank=True, help_text=_("依据或适用情形，如：机构改革后已更名。")
    )
    active = models.BooleanField(_("启用"), default=True)

    objects = WordingRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("用语规范")
        verbose_name_plural = _("用语规范")
        ordering = ["wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.suggestion}" if self.suggestion else self.wrong


class FindingAcceptance(models.Model):
    """A reviewer's decision that a content-check finding on a page is a false positive.

    The matched text is kept only as a keyed fingerprint (textcheck.Finding.fingerprint) and in
    its masked form, so that the log holds no ID number in full. The decision holds for the page's
    later revisions too, until the same text is found in a different kind of finding.
    """

    page = models.ForeignKey(Page, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        Revision, verbose_name=_("审查的版本"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("问题类型"), max_length=30)
    fingerprint = models.CharField(_("特征值"), max_length=64)
    shown = models.CharField(_("发现的内容"), max_length=255, help_text=_("个人信息只保存脱敏后的形式。"))
    place = models.CharField(_("位置"), max_length=255, blank=True)
    reason = models.TextField(_("理由"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("确认时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("内容检查误报确认")
        verbose_name_plural = _("内容检查误报确认")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "fingerprint"], name="one_acceptance_per_finding")
        ]

    def __str__(self) -> str:
        return f"{self.shown}（{self.reason}）"
