"""Government units (the tenants) and the page tree each of them owns."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Collection, Orderable, Page
from wagtail_localize.fields import SynchronizedField

from . import hooks, withdrawal
from .validators import validate_credit_code

# The county administrators' group: every tree, every collection and the unit register.
COUNTY_ADMINS_GROUP = "县级管理员"


class UnitKind(models.TextChoices):
    COUNTY_OFFICE = "county_office", _("县政府办公室")
    COUNTY_BUREAU = "county_bureau", _("县直部门")
    FARM = "farm", _("农场")
    TOWNSHIP = "township", _("乡镇")
    VILLAGE_COMMITTEE = "village_committee", _("村（居）委员会")


# The order in which the 政务公开 index lists the kinds of unit.
UNIT_KIND_ORDER = [
    UnitKind.COUNTY_OFFICE,
    UnitKind.COUNTY_BUREAU,
    UnitKind.FARM,
    UnitKind.TOWNSHIP,
    UnitKind.VILLAGE_COMMITTEE,
]


class UnitQuerySet(models.QuerySet):
    def active(self) -> UnitQuerySet:
        return self.filter(is_active=True)

    def for_user(self, user) -> UnitQuerySet:
        """Units whose editors or reviewers group the user belongs to."""
        if not user.is_authenticated:
            return self.none()
        group_ids = user.groups.values_list("id", flat=True)
        return self.filter(
            models.Q(editors_group_id__in=group_ids) | models.Q(reviewers_group_id__in=group_ids)
        )


class Unit(models.Model):
    """A government unit that keeps its own disclosure section (信息公开专栏)."""

    name = models.CharField(_("单位全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    slug = models.SlugField(
        _("网址标识"),
        max_length=60,
        unique=True,
        help_text=_("专栏网址中的英文标识，如 pingyuan；创建后不宜修改。"),
    )
    kind = models.CharField(_("单位类别"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("村（居）委员会填所属乡镇；其他单位一般留空。"),
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 位，按 GB 32100-2015 校验；索引号优先使用此代码。"),
    )
    code = models.CharField(
        _("单位代码"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", _("单位代码只能包含字母、数字和连字符。"))],
        help_text=_("没有统一社会信用代码时用于索引号的简短代码。"),
    )
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    postcode = models.CharField(
        _("邮政编码"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("邮政编码应为 6 位数字。"))],
    )
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    responsible_leader = models.CharField(
        _("分管领导"), max_length=100, blank=True, help_text=_("分管政务公开工作的领导及职务。")
    )
    contact_person = models.CharField(
        _("具体负责人"), max_length=100, blank=True, help_text=_("政务公开工作具体负责人及联系方式。")
    )
    functions = models.TextField(_("主要职能"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    editors_group = models.OneToOneField(
        Group,
        verbose_name=_("编辑组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_unit",
        editable=False,
    )
    reviewers_group = models.OneToOneField(
        Group,
        verbose_name=_("审核组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_unit",
        editable=False,
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("图片和文件库"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit",
        editable=False,
    )

    objects = UnitQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("parent"),
                FieldPanel("credit_code"),
                FieldPanel("code"),
            ],
            heading=_("单位"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("office_hours"),
                FieldPanel("postcode"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("responsible_leader"),
                FieldPanel("contact_person"),
            ],
            heading=_("联系方式"),
        ),
        FieldPanel("functions"),
        MultiFieldPanel([FieldPanel("sort_order"), FieldPanel("is_active")], heading=_("显示")),
    ]

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        was_active = None
        if self.pk is not None:
            was_active = Unit.objects.filter(pk=self.pk).values_list("is_active", flat=True).first()
        super().save(*args, **kwargs)
        # Deactivating takes the unit's pages off the public site at once; reactivating only
        # sends its sections to review (sites/withdrawal.py), it republishes nothing by itself.
        if was_active and not self.is_active:
            withdrawal.withdraw_unit(self)
        elif was_active is False and self.is_active:
            withdrawal.resubmit_unit(self)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def index_prefix(self) -> str:
        """The first part of this unit's index numbers (索引号)."""
        return self.credit_code or self.code

    def section_in(self, locale) -> UnitSectionPage | None:
        return UnitSectionPage.objects.filter(unit=self, locale=locale).first()


class PortalHomePage(Page):
    """The county portal's home page (盈江县人民政府), one per language tree.

    The county office edits the intro, the 办事服务 entry and the 专题专栏 links; the lists (news,
    notices, documents, interpretations, consultations, messages) come from the apps that answer
    `construct_portal_home_context` (sites/hooks.py), as the units publish.
    """

    intro = RichTextField(_("首页导语"), blank=True, features=["bold", "italic", "link"])
    service_label = models.CharField(
        _("办事服务入口名称"),
        max_length=50,
        blank=True,
        default="网上办事大厅",
        help_text=_("如：网上办事大厅。"),
    )
    service_url = models.URLField(
        _("办事服务入口网址"),
        blank=True,
        help_text=_("如云南政务服务网盈江县站点的网址；留空则首页不显示办事服务入口。"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("service_label"), FieldPanel("service_url")], heading=_("办事服务")),
        InlinePanel("topic_links", heading=_("专题专栏"), label=_("专题")),
    ]
    # The entry's address and name are the county's, the same in every language tree.
    override_translatable_fields = [SynchronizedField("service_label"), SynchronizedField("service_url")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sites.DisclosureIndexPage"]

    class Meta:
        verbose_name = _("门户首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["disclosure_index"] = DisclosureIndexPage.objects.child_of(self).live().public().first()
        context["home_parts"], context["home_stylesheets"] = [], []
        for answer in hooks.answers(hooks.CONSTRUCT_PORTAL_HOME_CONTEXT):
            answer(self, request, context)
        return context


class HomeTopicLink(Orderable):
    """专题专栏: a topic the county office puts on the home page, linking a page of the site or
    another address."""

    home = ParentalKey(PortalHomePage, on_delete=models.CASCADE, related_name="topic_links")
    title = models.CharField(_("专题名称"), max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("站内页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("网址"), blank=True, help_text=_("链接站外专题时填写；选了站内页面则不填。"))
    text = models.CharField(_("简短说明"), max_length=120, blank=True)

    panels = [
        FieldPanel("title"),
        PageChooserPanel("link_page"),
        FieldPanel("link_url"),
        FieldPanel("text"),
    ]
    override_translatable_fields = [SynchronizedField("link_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("专题")
        verbose_name_plural = _("专题专栏")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError({"link_url": _("请选择一个站内页面或填写一个网址（二选一）。")})

    @property
    def href(self) -> str:
        """Where the link goes; empty while its page is not public (the home page then leaves it out)."""
        if self.link_url:
            return self.link_url
        page = self.link_page
        if page is None or not page.live:
            return ""
        return page.url or ""


class DisclosureIndexPage(Page):
    """政务公开: lists every unit's disclosure section, grouped by kind of unit."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["sites.PortalHomePage"]
    subpage_types = ["sites.UnitSectionPage"]

    class Meta:
        verbose_name = _("政务公开目录")

    def unit_groups(self) -> list[tuple[str, list[UnitSectionPage]]]:
        sections = (
            UnitSectionPage.objects.child_of(self)
            .live()
            .public()
            .filter(unit__is_active=True)
            .select_related("unit")
            .order_by("unit__sort_order", "unit__id")
        )
        groups = []
        for kind in UNIT_KIND_ORDER:
            members = [section for section in sections if section.unit.kind == kind]
            if members:
                groups.append((kind.label, members))
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit_groups"] = self.unit_groups()
        # County-wide entries that apps keep beside the sections (e.g. 依申请公开).
        context["county_pages"] = self.get_children().live().public().not_type(UnitSectionPage)
        return context


class UnitSectionPage(RoutablePageMixin, Page):
    """A unit's own disclosure section (信息公开专栏); the root of what its editors may touch.

    The pages a section holds name it in their own `parent_page_types`; what the section page
    shows beyond its columns and contacts, and its feeds, come from the apps that answer the
    hooks in sites/hooks.py.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="sections")
    intro = RichTextField(_("专栏说明"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    # Title, slug and unit are kept in step with the unit register by provisioning,
    # so editors only get the intro.
    content_panels = [FieldPanel("intro")]
    promote_panels = [FieldPanel("search_description")]

    parent_page_types = ["sites.DisclosureIndexPage"]

    class Meta:
        verbose_name = _("单位信息公开专栏")

    def clean(self):
        super().clean()
        # One section per unit in each language tree (locale lives on Page, so no DB constraint).
        duplicate = (
            UnitSectionPage.objects.filter(unit_id=self.unit_id, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .exists()
        )
        if self.unit_id and duplicate:
            raise ValidationError(_("该单位在此语言下已有信息公开专栏。"))

    def serve(self, request, *args, **kwargs):
        if not self.unit.is_active:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["columns"] = self.get_children().live().public().specific()
        context["feed_kinds"] = set(section_feeds())
        # Template names that answering apps add (e.g. the latest documents), shown in order.
        context["section_parts"] = []
        for answer in hooks.answers(hooks.CONSTRUCT_UNIT_SECTION_CONTEXT):
            answer(self, request, context)
        return context

    @path("rss/", name="rss_feed")
    def rss_feed(self, request):
        return self._feed("rss", request)

    @path("atom/", name="atom_feed")
    def atom_feed(self, request):
        return self._feed("atom", request)

    def _feed(self, kind: str, request):
        view = section_feeds().get(kind)
        if view is None:
            raise Http404
        return view(request, self)


def section_feeds() -> dict:
    """The feed views that apps serve under a unit section, by kind ("rss", "atom")."""
    feeds: dict = {}
    for answer in hooks.answers(hooks.UNIT_SECTION_FEEDS):
        feeds.update(answer())
    return feeds


def section_of(page: Page) -> UnitSectionPage | None:
    """The unit section a page belongs to (the page itself if it is one)."""
    return UnitSectionPage.objects.ancestor_of(page, inclusive=True).select_related("unit").first()


def unit_of(page: Page) -> Unit | None:
    """The unit whose section holds the page."""
    section = section_of(page)
    return section.unit if section else None


class UnitPageMixin:
    """A page kept in a unit's section: `page.unit` is the unit whose section holds it."""

    @cached_property
    def unit(self) -> Unit | None:
        return unit_of(self)


class UnitProfilePage(UnitPageMixin, Page):
    """机构概况: the unit's functions, address, office hours and contacts, from the unit register."""

    intro = RichTextField(_("补充说明"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["sites.UnitSectionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("机构概况")
