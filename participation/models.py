"""Public participation in a unit's decisions (seed 三(二)5): consultations on draft decisions,
hearings, forums and surveys, their published outcome, and the unit's message board (网民留言).

A consultation's state (upcoming → open → closed → outcome published) is not under revision
control: the beat task (participation/tasks.py) moves it at the set times and publishing the
outcome ends it, so an editor publishing an older revision never moves it back.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page

from sites.hooks import CONSTRUCT_CONSULTATION_CONTEXT, CONSULTATION_VIEWS, answers
from sites.models import Unit, UnitPageMixin

from .forms import ConsultationPageForm

DEFAULT_OUTCOME_WORKING_DAYS = 15


class ParticipationMethod(models.TextChoices):
    CONSULTATION = "consultation", _("征求意见")
    HEARING = "hearing", _("听证会")
    FORUM = "forum", _("座谈会")
    SURVEY = "survey", _("问卷调查")


class ConsultationState(models.TextChoices):
    UPCOMING = "upcoming", _("未开始")
    OPEN = "open", _("征求中")
    CLOSED = "closed", _("已截止")
    OUTCOME_PUBLISHED = "outcome_published", _("已公布采纳情况")


def state_at(opens_at, closes_at, now) -> str:
    """The state the times alone give (the outcome is published separately)."""
    if now < opens_at:
        return ConsultationState.UPCOMING
    if now < closes_at:
        return ConsultationState.OPEN
    return ConsultationState.CLOSED


class ConsultationPage(RoutablePageMixin, UnitPageMixin, Page):
    """征求意见 (or a hearing, forum or survey) on a draft decision of the unit."""

    method = models.CharField(
        _("参与方式"),
        max_length=20,
        choices=ParticipationMethod.choices,
        default=ParticipationMethod.CONSULTATION,
        help_text=_("征求意见、听证会、座谈会或问卷调查；后三种请填写时间、地点和报名方式。"),
    )
    summary = models.TextField(
        _("简介"), blank=True, help_text=_("一两句话说明征求什么意见，显示在页面顶部。")
    )
    draft_text = models.TextField(
        _("草案全文"),
        blank=True,
        help_text=_(
            "粘贴草案正文。保存时按“第X条”“一、”“（一）”自动拆分为条款（下方“条款”可手工调整）；"
            "勾选“按草案全文重新拆分条款”可重新拆分。"
        ),
    )
    draft_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("草案文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("供下载的草案文件（PDF、OFD 或 Word）。"),
    )
    drafting_explanation = RichTextField(
        _("起草说明"),
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        help_text=_("起草背景、依据和主要内容。"),
    )
    opens_at = models.DateTimeField(_("开始时间"), help_text=_("到时自动开始接受意见。"))
    closes_at = models.DateTimeField(_("截止时间"), help_text=_("到时自动停止接受意见。"))
    audience = models.CharField(
        _("征求对象"), max_length=200, default="社会公众", help_text=_("如：社会公众、辖区企业、利害关系人。")
    )
    channel_email = models.EmailField(_("电子邮箱"), blank=True, help_text=_("接收意见的电子邮箱。"))
    channel_letter = models.CharField(
        _("信函地址"), max_length=200, blank=True, help_text=_("邮寄地址、邮编和收件人，信封注明“意见征集”。")
    )
    channel_fax = models.CharField(_("传真"), max_length=50, blank=True)
    channel_in_person = models.CharField(
        _("当面提出"), max_length=200, blank=True, help_text=_("当面提交意见的地点和时间。")
    )
    event_at = models.DateTimeField(
        _("举行时间"), null=True, blank=True, help_text=_("听证会、座谈会的时间。")
    )
    event_place = models.CharField(_("举行地点"), max_length=200, blank=True)
    registration = models.TextField(
        _("报名方式"), blank=True, help_text=_("参加听证会、座谈会的报名条件、方式和截止时间。")
    )
    require_real_name = models.BooleanField(
        _("要求实名"), default=False, help_text=_("勾选后，提交意见必须填写姓名。")
    )
    captcha_required = models.BooleanField(
        _("启用验证码"), default=False, help_text=_("遇到大量灌水时勾选，提交意见须填写图片验证码。")
    )
    outcome_working_days = models.PositiveSmallIntegerField(
        _("采纳情况公布时限（工作日）"),
        default=DEFAULT_OUTCOME_WORKING_DAYS,
        help_text=_("截止后多少个工作日内公布意见采纳情况。"),
    )
    state = models.CharField(
        _("状态"),
        max_length=20,
        choices=ConsultationState.choices,
        default=ConsultationState.UPCOMING,
        editable=False,
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("method"), FieldPanel("summary"), FieldPanel("audience")],
            heading=_("征求事项"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("outcome_working_days"),
            ],
            heading=_("时间"),
        ),
        MultiFieldPanel(
            [FieldPanel("draft_text"), FieldPanel("resplit_articles"), FieldPanel("draft_document")],
            heading=_("草案"),
        ),
        InlinePanel("articles", heading=_("条款"), label=_("条款")),
        FieldPanel("drafting_explanation"),
        MultiFieldPanel(
            [
                FieldPanel("channel_email"),
                FieldPanel("channel_letter"),
                FieldPanel("channel_fax"),
                FieldPanel("channel_in_person"),
            ],
            heading=_("其他意见渠道（网上提交始终可用）"),
        ),
        MultiFieldPanel(
            [FieldPanel("event_at"), FieldPanel("event_place"), FieldPanel("registration")],
            heading=_("听证会、座谈会"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [FieldPanel("require_real_name"), FieldPanel("captcha_required")],
            heading=_("提交规则"),
        ),
    ]

    parent_page_types = ["sites.UnitSectionPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["state"]
    # Splits the pasted draft into articles when saved (participation/forms.py).
    base_form_class = ConsultationPageForm

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("截止时间必须晚于开始时间。")})

    def with_content_json(self, content):
        # The state belongs to the page as a whole, not to a revision.
        page = super().with_content_json(content)
        page.state = self.state
        return page

    # --- what it is ---

    @property
    def canonical(self) -> ConsultationPage:
        """The page in the default language: opinions and the outcome are kept there once."""
        if self.alias_of_id:
            return ConsultationPage.objects.get(pk=self.alias_of_id).canonical
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return (
            ConsultationPage.objects.filter(translation_key=self.translation_key, locale=default).first()
            or self
        )

    @property
    def accepts_opinions(self) -> bool:
        return self.state == ConsultationState.OPEN and timezone.now() < self.closes_at

    @property
    def outcome(self) -> ConsultationOutcome | None:
        return ConsultationOutcome.objects.filter(consultation=self.canonical).first()

    @property
    def published_outcome(self) -> ConsultationOutcome | None:
        outcome = self.outcome
        return outcome if outcome and outcome.published_at else None

    def channels(self) -> list[tuple[str, str]]:
        channels = [(str(_("网上提交")), str(_("本页下方的意见表")))]
        for label, value in (
            (_("电子邮件"), self.channel_email),
            (_("信函"), self.channel_letter),
            (_("传真"), self.channel_fax),
            (_("当面提出"), self.channel_in_person),
        ):
            if value:
                channels.append((str(label), value))
        return channels

    # --- public views ---
    # The opinions themselves (the form, the public opinions, the outcome's figures) belong to the
    # app that keeps them; it answers the hooks declared in sites/hooks.py.

    def articles_for_comment(self) -> list[DraftArticle]:
        """The page's own articles, each with `comment_key`: a page in another language tree
        shows its own copy, and comments go to the article of the default-language page in
        the same position."""
        articles = list(self.articles.all())
        keys = [article.pk for article in self.canonical.articles.all()]
        for position, article in enumerate(articles):
            article.comment_key = keys[position] if position < len(keys) else ""
        return articles

    def get_context(self, request, *args, **kwargs):
        from .deadlines import outcome_deadline

        context = super().get_context(request, *args, **kwargs)
        context.update(
            articles=self.articles_for_comment(),
            outcome=self.published_outcome,
            outcome_deadline=outcome_deadline(self) if self.state == ConsultationState.CLOSED else None,
            channels=self.channels(),
        )
        form = kwargs.get("form")
        for construct in answers(CONSTRUCT_CONSULTATION_CONTEXT):
            construct(self, request, context, form)
        return context

    def _answer(self, request, name: str):
        for consultation_views in answers(CONSULTATION_VIEWS):
            view = consultation_views().get(name)
            if view is not None:
                return view(request, self)
        raise Http404

    @path("")
    def consultation(self, request):
        return self.render(request)

    @path("submit/", name="submit")
    def submit(self, request):
        return self._answer(request, "submit")

    @path("submitted/", name="submitted")
    def submitted(self, request):
        return self._answer(request, "submitted")

    @path("outcome/", name="outcome")
    def outcome_view(self, request):
        return self._answer(request, "outcome")


class DraftArticle(Orderable):
    """One article (条款) of the draft, which citizens may comment on by itself."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="articles")
    label = models.CharField(_("条款编号"), max_length=30, help_text=_("如：第三条、一、（二）。"))
    heading = models.CharField(_("所属章节"), max_length=100, blank=True)
    text = models.TextField(_("条款内容"))

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("heading")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("条款")
        verbose_name_plural = _("条款")

    def __str__(self) -> str:
        return self.label


class ConsultationOutcome(models.Model):
    """意见采纳情况: the editorial summary and the publication of the outcome of a consultation.

    The statistics and the lists of adopted and not-adopted opinions are generated from the
    opinions themselves when the outcome page is shown, so they cannot disagree with the records.
    """

    consultation = models.OneToOneField(
        ConsultationPage, verbose_name=_("征求意见"), on_delete=models.CASCADE, related_name="outcome_record"
    )
    summary = models.TextField(
        _("总体情况说明"),
        help_text=_("意见征集的总体情况、主要意见的采纳情况和下一步工作，按段落书写。"),
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_at = models.DateTimeField(_("通知时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("意见采纳情况")
        verbose_name_plural = _("意见采纳情况")

    def __str__(self) -> str:
        return f"{self.consultation.title} - {self._meta.verbose_name}"


# --- message board (网民留言) ---


class MessageBoardPage(RoutablePageMixin, UnitPageMixin, Page):
    """网民留言: citizens write to the unit; moderated questions and official answers are public."""

    intro = RichTextField(
        _("留言须知"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("受理范围、答复时限和不予公开的情形。"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["sites.UnitSectionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("网民留言")
        verbose_name_plural = _("网民留言")

    def get_context(self, request, *args, **kwargs):
        from .board import board_context

        context = super().get_context(request, *args, **kwargs)
        context.update(board_context(request, self, kwargs.get("form")))
        return context

    @path("")
    def board(self, request):
        return self.render(request)

    @path("write/", name="write")
    def write(self, request):
        from .board import write_message

        return write_message(request, self)

    @path("written/", name="written")
    def written(self, request):
        from .board import written

        return written(request, self)

    @path("lookup/", name="lookup")
    def lookup(self, request):
        from .board import lookup_message

        return lookup_message(request, self)


class MessageModeration(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLIC = "public", _("公开")
    PRIVATE = "private", _("不公开（仍须答复）")
    INVALID = "invalid", _("无效留言（垃圾、辱骂或重复）")


class MessageQuerySet(models.QuerySet):
    def valid(self) -> MessageQuerySet:
        return self.exclude(moderation=MessageModeration.INVALID)

    def public(self) -> MessageQuerySet:
        return self.filter(moderation=MessageModeration.PUBLIC)

    def unanswered(self) -> MessageQuerySet:
        return self.valid().filter(replied_at__isnull=True)

    def unanswered_too_long(self, now=None) -> MessageQuerySet:
        """Valid messages without an answer for more than three months: one of them fails the
        whole site in the national website check (国办秘函〔2019〕19号)."""
        return self.unanswered().filter(received_at__lt=three_months_before(now or timezone.now()))


def three_months_before(moment):
    month = moment.month - 3
    year = moment.year
    if month < 1:
        month += 12
        year -= 1
    # The 31st of a shorter month becomes that month's last day.
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Message(models.Model):
    """A citizen's message to a unit, and the unit's official answer."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="messages")
    board = models.ForeignKey(
        MessageBoardPage,
        verbose_name=_("留言板"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True, editable=False)
    subject = models.CharField(_("留言标题"), max_length=100)
    content = models.TextField(_("留言内容"), max_length=2000)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    consent = models.BooleanField(_("同意隐私声明"), default=False)
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now)
    moderation = models.CharField(
        _("审核"),
        max_length=20,
        choices=MessageModeration.choices,
        default=MessageModeration.PENDING,
        help_text=_("公开：问题和答复在留言板上公开；不公开：含个人信息等，不公开但仍须答复。"),
    )
    reply = models.TextField(
        _("答复内容"), blank=True, help_text=_("本单位的正式答复，公开留言的答复随留言公开。")
    )
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the answer has been e-mailed to the citizen, so that it goes out once.
    notified_at = models.DateTimeField(_("已通知答复"), null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("网民留言")
        verbose_name_plural = _("网民留言")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.subject

    @property
    def reply_deadline(self):
        from .deadlines import message_reply_deadline

        return message_reply_deadline(self)

    @property
    def unanswered_too_long(self) -> bool:
        return (
            self.moderation != MessageModeration.INVALID
            and self.replied_at is None
            and self.received_at < three_months_before(timezone.now())
        )
