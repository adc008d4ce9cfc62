"""Citizens' opinions on a consultation's draft, their moderation, and the unit's reasoned decision.

Every opinion is pre-moderated (nothing is public before staff approve it), and every valid
opinion gets a decision before the outcome may be published. Contact details are kept for the
feedback only: no public page, feed, search index or sitemap ever shows them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONTENT_MAX_LENGTH = 2000


class Stance(models.TextChoices):
    SUPPORT = "support", _("支持")
    NEUTRAL = "neutral", _("中立")
    OPPOSE = "oppose", _("反对")


class Channel(models.TextChoices):
    ONLINE = "online", _("网上提交")
    EMAIL = "email", _("电子邮件")
    LETTER = "letter", _("信函")
    FAX = "fax", _("传真")
    IN_PERSON = "in_person", _("当面提出")


class Moderation(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLIC = "public", _("公开")
    PRIVATE = "private", _("不公开（仍须答复）")
    INVALID = "invalid", _("无效（垃圾信息、辱骂或与征求事项无关的重复灌水）")


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不采纳")
    OUT_OF_SCOPE = "out_of_scope", _("不属于征求范围")


ADOPTING_DECISIONS = (Decision.ADOPTED, Decision.PARTLY_ADOPTED)


def check_decision(decision: str, reason: str, change_made: str) -> dict[str, str]:
    """Errors (by field) in a decision: a reason unless fully adopted, the change when adopted."""
    errors = {}
    if decision and decision != Decision.ADOPTED and not reason.strip():
        errors["reason"] = str(_("除“采纳”外，必须说明理由。"))
    if decision in ADOPTING_DECISIONS and not change_made.strip():
        errors["change_made"] = str(_("采纳或部分采纳的意见，请写明对草案作了哪些修改。"))
    return errors


class DecisionFields(models.Model):
    decision = models.CharField(_("处理结果"), max_length=20, choices=Decision.choices, blank=True)
    reason = models.TextField(
        _("理由"), blank=True, help_text=_("不采纳、部分采纳或不属于征求范围的理由，将随采纳情况公开。")
    )
    change_made = models.TextField(
        _("对草案的修改"), blank=True, help_text=_("采纳后草案作了什么修改，如：第三条增加“……”。")
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = check_decision(self.decision, self.reason, self.change_made)
        if errors:
            raise ValidationError(errors)


class OpinionGroup(DecisionFields):
    """Opinions identical in substance, answered once (like regulations.gov answers by issue)."""

    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        verbose_name=_("征求意见"),
        on_delete=models.CASCADE,
        related_name="opinion_groups",
    )
    unit = models.ForeignKey("sites.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(
        _("归纳"), max_length=200, help_text=_("这一类意见的概括，如：建议延长补贴申报时间。")
    )

    class Meta:
        verbose_name = _("同类意见")
        verbose_name_plural = _("同类意见")

    def __str__(self) -> str:
        return self.title


class OpinionQuerySet(models.QuerySet):
    def valid(self) -> OpinionQuerySet:
        return self.exclude(moderation=Moderation.INVALID)

    def public(self) -> OpinionQuerySet:
        return self.filter(moderation=Moderation.PUBLIC)

    def undecided(self) -> OpinionQuerySet:
        """Valid opinions still waiting for moderation or a decision: they block the outcome."""
        return self.valid().filter(models.Q(decision="") | models.Q(moderation=Moderation.PENDING))


class Opinion(DecisionFields):
    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        verbose_name=_("征求意见"),
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    # Kept on the opinion so that every scope check is one filter on the unit.
    unit = models.ForeignKey("sites.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey(
        "participation.DraftArticle",
        verbose_name=_("条款"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinions",
    )
    # The article's number when the opinion came in: it survives re-splitting the draft.
    article_label = models.CharField(_("针对条款"), max_length=30, blank=True)
    content = models.TextField(_("意见内容"), max_length=CONTENT_MAX_LENGTH)
    stance = models.CharField(_("态度"), max_length=10, choices=Stance.choices, default=Stance.NEUTRAL)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    publish_name = models.BooleanField(_("公开署名"), default=False)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    consent = models.BooleanField(_("同意隐私声明"), default=False)
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True, editable=False)
    # Fingerprints for duplicate detection; never shown.
    content_hash = models.CharField(max_length=64, editable=False, db_index=True)
    contact_hash = models.CharField(max_length=64, editable=False, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("信函、传真、电子邮件或当面提出的意见由工作人员登记。"),
    )
    moderation = models.CharField(
        _("审核"), max_length=20, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    group = models.ForeignKey(
        OpinionGroup,
        verbose_name=_("同类意见"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinions",
    )
    notified_at = models.DateTimeField(_("已通知结果"), null=True, blank=True, editable=False)

    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            # The same person sending the same text twice (double click, two tabs) keeps one copy,
            # also when both requests arrive at once.
            models.UniqueConstraint(
                fields=["consultation", "contact_hash", "content_hash"],
                condition=~models.Q(contact_hash=""),
                name="opinions_one_copy_per_contact",
            )
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def public_author(self) -> str:
        """How the public sees the author: the name only when the citizen asked for it."""
        if self.publish_name and self.name:
            return self.name
        return str(_("网民"))

    @property
    def target(self) -> str:
        return self.article_label or str(_("草案整体"))
