"""Government information (政府信息) published in a unit's columns."""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import StreamValue
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from search.chinese import index_terms
from sites import hooks as site_hooks
from sites.locales import default_locale
from sites.models import UnitPageMixin, section_of

from .audit import log_lifecycle_changes
from .blocks import DocumentBodyBlock, RedactedBodyBlock, has_content, plain_text
from .domains import Domain, StatutoryItem


class DisclosureAttribute(models.TextChoices):
    """The four disclosure attributes a document must carry (seed 三(二)1)."""

    PUBLIC = "public", _("此件公开发布")
    REDACTED = "redacted", _("此件删减后公开")
    ON_REQUEST = "on_request", _("此件依申请公开")
    NOT_PUBLIC = "not_public", _("此件不公开")


PUBLIC_ATTRIBUTES = (DisclosureAttribute.PUBLIC, DisclosureAttribute.REDACTED)

# Decided by the Chinese source for every language version (disclosure/signals.py copies them):
# one disclosure state per document, whatever language the reader uses.
SOURCE_DECIDED_FIELDS = ("disclosure_attribute", "validity", "validity_changed_on", "validity_reason")

# 公开方式 follows from the attribute: it is never entered separately.
DISCLOSURE_METHODS = {
    DisclosureAttribute.PUBLIC: _("主动公开"),
    DisclosureAttribute.REDACTED: _("主动公开"),
    DisclosureAttribute.ON_REQUEST: _("依申请公开"),
    DisclosureAttribute.NOT_PUBLIC: _("不予公开"),
}


class Genre(models.TextChoices):
    """体裁分类: the kind of official document (党政机关公文格式 and common practice)."""

    NOTICE = "notice", _("通知")
    DECISION = "decision", _("决定")
    OPINION = "opinion", _("意见")
    PLAN = "plan", _("规划")
    PROGRAMME = "programme", _("方案")
    REPORT = "report", _("报告")
    ANNOUNCEMENT = "announcement", _("公告")
    PUBLIC_NOTICE = "public_notice", _("通告")
    BULLETIN = "bulletin", _("通报")
    REPLY = "reply", _("批复")
    LETTER = "letter", _("函")
    MINUTES = "minutes", _("纪要")
    MEASURES = "measures", _("办法")
    REGULATIONS = "regulations", _("规定")
    OTHER = "other", _("其他")


class InterpretationRequirement(models.TextChoices):
    """Whether a document needs a policy interpretation (政策解读) within 3 working days of publication.

    The empty default follows the document's kind: normative documents (行政规范性文件) need one,
    others do not, unless the drafter says otherwise (seed 三(二)3). See interpretation/services.py.
    """

    DEFAULT = "", _("按默认：行政规范性文件须解读，其他文件不须解读")
    REQUIRED = "required", _("需要解读")
    NOT_REQUIRED = "not_required", _("不需要解读")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("已失效")
    REPEALED = "repealed", _("已废止")


class SubjectCategory(models.Model):
    """主题分类: the State Council's subject classification, kept by the county administrators."""

    name = models.CharField(_("名称"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_subject_name_per_parent")
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name


class IndexNumber(models.Model):
    """An issued 索引号. Kept apart from the page so that it belongs to the document itself:
    its drafts, revisions, aliases and translations all share one number, issued once."""

    translation_key = models.UUIDField(unique=True, editable=False)
    unit = models.ForeignKey("sites.Unit", on_delete=models.PROTECT, related_name="index_numbers")
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    value = models.CharField(_("索引号"), max_length=60, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("索引号")
        verbose_name_plural = _("索引号")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "sequence"], name="unique_index_sequence")
        ]

    def __str__(self) -> str:
        return self.value


class DocumentKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "disclosure.GovernmentDocumentPage", on_delete=models.CASCADE, related_name="keyword_items"
    )


class GovernmentDocumentQuerySet(PageQuerySet):
    def publicly_disclosed(self) -> GovernmentDocumentQuerySet:
        """Documents whose attribute lets the public see them at all."""
        return self.filter(disclosure_attribute__in=PUBLIC_ATTRIBUTES)

    def visible_to_public(self) -> GovernmentDocumentQuerySet:
        """What the public may see at all: live, not restricted, publicly disclosed.

        Every public surface (section, column, feeds, catalogue, site search) starts from this,
        so the rule of what the public sees lives in one place.
        """
        return self.live().public().publicly_disclosed()

    def public_listing(self) -> GovernmentDocumentQuerySet:
        """A public listing: what the public may see, newest first, with index numbers."""
        return self.visible_to_public().with_index_numbers().order_by("-first_published_at")

    def with_index_numbers(self) -> GovernmentDocumentQuerySet:
        """Annotates `issued_index_number`, so that listings need no query per document."""
        issued = IndexNumber.objects.filter(translation_key=OuterRef("translation_key"))
        return self.annotate(issued_index_number=Subquery(issued.values("value")[:1]))


class GovernmentDocumentPage(UnitPageMixin, Page):
    """A government document with its statutory metadata and disclosure attribute."""

    document_number = models.CharField(
        _("文号"), max_length=100, blank=True, help_text=_("如：盈政办发〔2020〕12号；没有文号的留空。")
    )
    written_date = models.DateField(_("成文日期"), help_text=_("公文落款日期。"))
    disclosure_attribute = models.CharField(
        _("公开属性"),
        max_length=20,
        choices=DisclosureAttribute.choices,
        help_text=_("必须由起草人从四种属性中选定一种；依申请公开和不公开的文件不会出现在任何公开页面。"),
    )
    publishing_unit = models.ForeignKey(
        "sites.Unit",
        verbose_name=_("发布机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空即为本专栏所属单位。"),
    )
    subject = models.ForeignKey(
        SubjectCategory,
        verbose_name=_("主题分类"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    genre = models.CharField(_("体裁分类"), max_length=20, choices=Genre.choices, blank=True)
    domain = models.CharField(
        _("所属领域"),
        max_length=40,
        choices=Domain.choices,
        blank=True,
        help_text=_("属于 26 个试点领域之一时选择。"),
    )
    statutory_item = models.CharField(
        _("法定公开事项"),
        max_length=20,
        choices=StatutoryItem.choices,
        blank=True,
        help_text=_("《政府信息公开条例》第二十条、第二十一条所列的主动公开事项。"),
    )
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField(
        _("失效或废止日期"), null=True, blank=True, help_text=_("有效性为已失效或已废止时必填。")
    )
    validity_reason = models.CharField(
        _("失效或废止原因"),
        max_length=300,
        blank=True,
        help_text=_("如：有效期届满、被新文件替代、上位法修改后清理废止。有效性为已失效或已废止时必填。"),
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    keywords = ClusterTaggableManager(
        verbose_name=_("关键词"), through=DocumentKeyword, blank=True, help_text=_("多个关键词用逗号分隔。")
    )
    summary = models.TextField(_("内容概述"), blank=True)
    is_normative = models.BooleanField(
        _("行政规范性文件"),
        default=False,
        help_text=_("行政规范性文件默认须在发布后 3 个工作日内发布政策解读。"),
    )
    interpretation_required = models.CharField(
        _("政策解读"),
        max_length=20,
        choices=InterpretationRequirement.choices,
        blank=True,
        default=InterpretationRequirement.DEFAULT,
        help_text=_("“谁起草、谁解读”：涉及群众切身利益、影响市场预期的重要政策也应选择“需要解读”。"),
    )
    body = StreamField(DocumentBodyBlock(), verbose_name=_("正文"), help_text=_("正文段落、表格和图片。"))
    redacted_body = StreamField(
        RedactedBodyBlock(),
        verbose_name=_("删减后公开的正文"),
        blank=True,
        help_text=_("公开属性为“此件删减后公开”时必填；公众只能看到这一版本，看不到上面的原文。"),
    )

    objects = PageManager.from_queryset(GovernmentDocumentQuerySet)()

    # Only what the public may read is indexed as text: the redacted body of a 删减后公开 document,
    # nothing of a non-public one, so that no search can match words the public must not see.
    search_fields = Page.search_fields + [
        index.SearchField("public_search_terms"),
        index.FilterField("disclosure_attribute"),
        index.FilterField("validity"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("written_date")]),
                # The attribute is decided when drafting (seed 三(二)1): required even for a draft.
                FieldPanel("disclosure_attribute", required_on_save=True),
                FieldPanel("publishing_unit"),
                FieldRowPanel([FieldPanel("is_normative"), FieldPanel("interpretation_required")]),
            ],
            heading=_("公文信息"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("subject"), FieldPanel("genre")]),
                FieldRowPanel([FieldPanel("domain"), FieldPanel("statutory_item")]),
                FieldPanel("keywords"),
            ],
            heading=_("分类"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("validity"), FieldPanel("validity_changed_on")]),
                FieldPanel("validity_reason"),
                FieldPanel("replaced_by"),
            ],
            heading=_("有效性"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("redacted_body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
    ]

    parent_page_types = ["disclosure.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")

    def save_revision(self, user=None, **kwargs):
        previous = self.get_latest_revision()
        revision = super().save_revision(user=user, **kwargs)
        if previous is not None:
            log_lifecycle_changes(self, previous.content, user, revision)
        return revision

    @cached_property
    def source_document(self) -> GovernmentDocumentPage:
        """The Chinese (default-locale) version, which decides the attribute, validity, redaction
        and live state of every language version; the page itself when it is the Chinese one."""
        default = default_locale()
        if self.locale_id == default.pk:
            return self
        source = GovernmentDocumentPage.objects.filter(translation_key=self.translation_key, locale=default)
        return source.first() or self

    @staticmethod
    def prime_source_documents(documents: list[GovernmentDocumentPage]) -> None:
        """Sets `source_document` on each of `documents` with one query for all of them, where a
        loop over many (the nightly content check) would otherwise ask twice per translation."""
        default = default_locale()
        keys = {page.translation_key for page in documents if page.locale_id != default.pk}
        sources = (
            GovernmentDocumentPage.objects.filter(locale=default, translation_key__in=keys) if keys else []
        )
        by_key = {source.translation_key: source for source in sources}
        for page in documents:
            page.source_document = (
                page if page.locale_id == default.pk else by_key.get(page.translation_key, page)
            )

    @property
    def source_is_public(self) -> bool:
        """Whether the Chinese source is live and publicly disclosed (always true of the source
        itself, whose own state is judged by the callers)."""
        source = self.source_document
        return source.pk == self.pk or (source.live and source.disclosure_attribute in PUBLIC_ATTRIBUTES)

    @property
    def disclosure_state(self) -> str:
        """The attribute that decides what the public sees of this page: its Chinese source's."""
        return self.source_document.disclosure_attribute

    @property
    def is_publicly_disclosed(self) -> bool:
        # A translation is public only while its own attribute and its source both say so: a copy
        # not yet synchronised must not outlive the source's withdrawal or restriction.
        return (
            self.disclosure_attribute in PUBLIC_ATTRIBUTES
            and self.disclosure_state in PUBLIC_ATTRIBUTES
            and self.source_is_public
        )

    @property
    def public_replacement(self) -> GovernmentDocumentPage | None:
        """The 现行文件 that replaces this one, only if the public may see it (title included)."""
        if not self.replaced_by_id:
            return None
        return GovernmentDocumentPage.objects.visible_to_public().filter(pk=self.replaced_by_id).first()

    @property
    def needs_interpretation(self) -> bool:
        """Whether a policy interpretation is due within 3 working days of publication."""
        if self.interpretation_required == InterpretationRequirement.DEFAULT:
            return self.is_normative
        return self.interpretation_required == InterpretationRequirement.REQUIRED

    def clean(self):
        super().clean()
        if self.validity != Validity.VALID:
            missing = {}
            if not self.validity_changed_on:
                missing["validity_changed_on"] = _("请填写失效或废止日期。")
            if not self.validity_reason.strip():
                missing["validity_reason"] = _("请填写失效或废止原因。")
            if missing:
                raise ValidationError(missing)
        elif self.validity_changed_on or self.validity_reason.strip():
            raise ValidationError({"validity_changed_on": _("有效的文件不应填写失效或废止日期和原因。")})
        if self.disclosure_attribute == DisclosureAttribute.REDACTED and not has_content(self.redacted_body):
            raise ValidationError({"redacted_body": _("“此件删减后公开”的文件必须提供删减后的正文。")})

    @property
    def public_body(self) -> StreamValue:
        """The only body the public may read: the redacted one for 此件删减后公开."""
        redacted = DisclosureAttribute.REDACTED
        if self.disclosure_attribute == redacted or self.disclosure_state == redacted:
            return self.redacted_body
        return self.body

    def public_search_terms(self) -> str:
        """The title and what the public may read of the document, split for Chinese search."""
        parts = [self.title]
        if self.is_publicly_disclosed:
            parts += [self.document_number, self.summary, plain_text(self.public_body)]
            parts += [keyword.name for keyword in self.keywords.all()]
        return index_terms("\n".join(part for part in parts if part))

    def public_attachments(self) -> list[DocumentAttachment]:
        if not self.is_publicly_disclosed:
            return []
        return [
            attachment
            for attachment in self.attachments.select_related("document")
            if attachment.is_public_copy
        ]

    @property
    def issuing_unit(self):
        """发布机构: the unit named on the document, or the unit whose section holds it."""
        return self.publishing_unit if self.publishing_unit_id else self.unit

    @cached_property
    def index_number(self) -> str:
        issued = IndexNumber.objects.filter(translation_key=self.translation_key).first()
        return issued.value if issued else ""

    @property
    def publish_date(self):
        """发布日期: the day of first publication, in the county's time zone."""
        return timezone.localdate(self.first_published_at) if self.first_published_at else None

    @property
    def disclosure_method(self) -> str:
        return DISCLOSURE_METHODS[self.disclosure_attribute]

    def get_sitemap_urls(self, request=None):
        if not self.is_publicly_disclosed:
            return []
        return super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        # A document that is not public answers exactly like a page that does not exist.
        if not self.is_publicly_disclosed:
            raise Http404
        return super().serve(request, *args, **kwargs)


class DocumentAttachment(Orderable):
    """A file attached to a government document, stored in the unit's document collection."""

    page = ParentalKey(GovernmentDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("附件名称"), max_length=255, blank=True, help_text=_("留空则使用文件标题。"))
    is_redacted_copy = models.BooleanField(
        _("删减后的公开版本"),
        default=False,
        help_text=_("“此件删减后公开”的文件只公开勾选了此项的附件；原件始终不公开。"),
    )

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("is_redacted_copy")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

    @property
    def is_public_copy(self) -> bool:
        """Whether this file may be public when its page is: originals of redacted documents never are."""
        attributes = {self.page.disclosure_attribute, self.page.disclosure_state}
        if attributes == {DisclosureAttribute.PUBLIC}:
            return True
        return attributes <= set(PUBLIC_ATTRIBUTES) and self.is_redacted_copy


class CleanupReportPage(Page):
    """A unit's yearly 文件清理结果: what it declared expired or repealed that year, listed from the
    documents' own records, with the editors' introduction."""

    year = models.PositiveIntegerField(_("清理年度"), help_text=_("列出该年度内宣布失效或废止的文件。"))
    intro = RichTextField(
        _("清理情况说明"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_("清理工作的依据、范围和总体情况。下面的文件清单由系统根据各文件的有效性记录生成。"),
    )

    content_panels = Page.content_panels + [FieldPanel("year"), FieldPanel("intro")]

    parent_page_types = ["disclosure.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("文件清理结果")
        verbose_name_plural = _("文件清理结果")

    def invalidated_documents(self) -> GovernmentDocumentQuerySet:
        """The unit's public documents (this language tree) declared expired or repealed in the year."""
        section = section_of(self)
        if section is None:
            return GovernmentDocumentPage.objects.none()
        return (
            GovernmentDocumentPage.objects.descendant_of(section)
            .visible_to_public()
            .exclude(validity=Validity.VALID)
            .filter(validity_changed_on__year=self.year)
            .with_index_numbers()
            .order_by("validity_changed_on", "path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = list(self.invalidated_documents())
        context["documents"] = documents
        context["expired_count"] = sum(1 for document in documents if document.validity == Validity.EXPIRED)
        context["repealed_count"] = sum(1 for document in documents if document.validity == Validity.REPEALED)
        return context


class PublicationQuerySet(PageQuerySet):
    def visible_to_public(self) -> PublicationQuerySet:
        """Live and not behind a view restriction: what the public may open."""
        return self.live().public()

    def public_listing(self) -> PublicationQuerySet:
        return self.visible_to_public().order_by("-first_published_at", "-pk")


PUBLICATION_TEMPLATE = "disclosure/publication_page.html"


class PublicationPage(UnitPageMixin, Page):
    """What news (新闻) and notices (通知公告) share: a unit's own short publication, kept in one
    of its columns and published through the unit's review like any other page of its section."""

    source = models.CharField(
        _("发布机构/来源"),
        max_length=100,
        blank=True,
        help_text=_("留空即为本专栏所属单位；转载的注明来源，如“德宏州人民政府网”。"),
    )
    summary = models.TextField(_("摘要"), blank=True, help_text=_("一两句话，显示在首页和栏目列表中。"))
    body = RichTextField(
        _("正文"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "image"],
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("可选；须有替代文字（图片标题）。"),
    )

    objects = PageManager.from_queryset(PublicationQuerySet)()

    search_fields = Page.search_fields + [index.SearchField("public_search_terms")]

    content_panels = Page.content_panels + [
        FieldPanel("source"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    parent_page_types = ["disclosure.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    @property
    def source_name(self) -> str:
        """发布机构/来源: as entered, or the unit whose section holds the page."""
        if self.source.strip():
            return self.source.strip()
        unit = self.unit
        return unit.name if unit else ""

    @property
    def kind_label(self) -> str:
        return str(self._meta.verbose_name)

    def public_search_terms(self) -> str:
        """The title, summary and text, split for Chinese search."""
        parts = [self.title, self.summary, strip_tags(self.body or "")]
        return index_terms("\n".join(part for part in parts if part))


class NewsPage(PublicationPage):
    """新闻: the unit's work news (工作动态, 要闻), shown on the portal home page under 要闻动态."""

    template = PUBLICATION_TEMPLATE

    class Meta:
        verbose_name = _("新闻")
        verbose_name_plural = _("新闻")


class NoticePage(PublicationPage):
    """通知公告: the unit's notices and announcements, shown on the portal home page."""

    template = PUBLICATION_TEMPLATE

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")


PUBLICATION_MODELS = (NewsPage, NoticePage)


def public_publications(pages: PageQuerySet) -> PageQuerySet:
    """The news and notices among `pages` that the public may open, newest first."""
    return pages.type(*PUBLICATION_MODELS).live().public().order_by("-first_published_at", "-pk")


PUBLICATIONS_PER_PAGE = 20


class ColumnKind(models.TextChoices):
    GUIDE = "guide", _("政府信息公开指南")
    RULES = "rules", _("政府信息公开制度")
    STATUTORY = "statutory", _("法定主动公开内容")
    ANNUAL_REPORT = "annual_report", _("政府信息公开年报")
    GENERAL = "general", _("其他栏目")


class DocumentFeedsMixin(RoutablePageMixin):
    """RSS and Atom feeds (rss/, atom/) of the public documents below this page."""

    @path("rss/", name="rss_feed")
    def rss_feed(self, request):
        from .feeds import FEED_VIEWS

        return FEED_VIEWS["rss"](request, self)

    @path("atom/", name="atom_feed")
    def atom_feed(self, request):
        from .feeds import FEED_VIEWS

        return FEED_VIEWS["atom"](request, self)


class ColumnPage(DocumentFeedsMixin, Page):
    """A column (栏目) inside a unit's section; lists the public documents filed under it.

    The pages a column holds name it in their own `parent_page_types`.
    """

    column_kind = models.CharField(
        _("栏目类型"),
        max_length=30,
        choices=ColumnKind.choices,
        default=ColumnKind.GENERAL,
        editable=False,
        help_text=_("标准栏目由系统开设；编辑新建的栏目均为“其他栏目”。"),
    )
    intro = RichTextField(
        _("栏目说明"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        help_text=_("如公开指南、公开制度的正文，或本栏目收录范围的说明。"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["sites.UnitSectionPage", "disclosure.ColumnPage"]

    class Meta:
        # Kept in the table it had when the foundation owned it (migration 0012).
        db_table = "sites_columnpage"
        verbose_name = _("栏目")

    def get_context(self, request, *args, **kwargs):
        from .listing import list_documents

        context = super().get_context(request, *args, **kwargs)
        context["subcolumns"] = ColumnPage.objects.child_of(self).live().public()
        documents = GovernmentDocumentPage.objects.child_of(self).public_listing()
        context["listing"] = list_documents(documents, request.GET)
        context["documents"] = context["listing"].page.object_list
        # The column's news and notices, newest first, paged as its documents are.
        publications = public_publications(Page.objects.child_of(self))
        context["publication_page"] = Paginator(publications, PUBLICATIONS_PER_PAGE).get_page(
            request.GET.get("p")
        )
        context["publications"] = list(context["publication_page"].object_list.specific())
        # What the apps above add to a column (sites/hooks.py), e.g. a guide's receiving office.
        context["column_parts"] = []
        context["column_stylesheets"] = []
        for answer in site_hooks.answers(site_hooks.CONSTRUCT_COLUMN_CONTEXT):
            answer(self, request, context)
        return context
