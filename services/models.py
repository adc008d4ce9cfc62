"""Service disclosure (seed 三(一)2): the units' 政务服务事项 and one structured guide per 业务办理项.

A service item (事项) is a register record of its unit, named and coded as in the unit's power
list (权力清单); its guides are pages (`ServiceGuidePage`), kept in one of the unit's columns, so
that each goes through the unit's two-step review like any other page of its section and is
published, withdrawn, translated and audited with the same machinery. One guide per 业务办理项
(新办、变更、延续、注销…), as the Jiangsu 不见面审批 spec and the Yulin portal split them.

What a guide must hold before it may be published: the eight element classes of the first national
website census (2015, "关于'办事指南'指标的说明": 事项名称, 设定依据, 申请条件, 办理材料, 办理地点,
办理时间, 联系电话, 办理流程; ../shared/reference/next-wave.md §1). A draft may be incomplete; a
guide missing any of them is refused at submission, at publication and by `publish` itself.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from search.chinese import index_terms
from sites.models import UnitPageMixin

from .forms import ServiceGuidePageForm


class ServiceKind(models.TextChoices):
    """事项类型: the kinds of administrative power of the power lists, plus public services."""

    LICENSING = "licensing", _("行政许可")
    BENEFIT = "benefit", _("行政给付")
    CONFIRMATION = "confirmation", _("行政确认")
    LEVY = "levy", _("行政征收")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class Theme(models.TextChoices):
    """主题: how a citizen looks for a service when the unit that handles it is unknown to them."""

    BUSINESS = "business", _("市场主体")
    SOCIAL_AID = "social_aid", _("社会救助")
    SOCIAL_SECURITY = "social_security", _("社会保障")
    EDUCATION = "education", _("教育")
    HEALTH = "health", _("医疗卫生")
    FAMILY = "family", _("婚姻生育")
    HOUSING = "housing", _("住房与不动产")
    AGRICULTURE = "agriculture", _("农业农村")
    FOOD_DRUG = "food_drug", _("食品药品")
    CIVIL = "civil", _("民政与户籍")
    OTHER = "other", _("其他")


class Audience(models.TextChoices):
    PERSON = "person", _("个人")
    COMPANY = "company", _("法人")
    BOTH = "both", _("个人和法人")


class HandlingItem(models.TextChoices):
    """业务办理项: the cases of one 事项 with their own conditions and materials (no catch-all)."""

    NEW = "new", _("新办")
    CHANGE = "change", _("变更")
    RENEWAL = "renewal", _("延续")
    REISSUE = "reissue", _("补办")
    CANCELLATION = "cancellation", _("注销")
    SINGLE = "single", _("（不分办理项）")


class ServiceItemQuerySet(models.QuerySet):
    def for_unit(self, unit) -> ServiceItemQuerySet:
        return self.filter(unit=unit)


class ServiceItem(models.Model):
    """政务服务事项: one item of a unit's service list, as its power list names and codes it."""

    unit = models.ForeignKey(
        "sites.Unit", verbose_name=_("实施单位"), on_delete=models.PROTECT, related_name="service_items"
    )
    name = models.CharField(
        _("事项名称"),
        max_length=200,
        help_text=_("与权力清单、责任清单中的名称完全一致，如：个体工商户登记。"),
    )
    code = models.CharField(
        _("事项编码"),
        max_length=60,
        blank=True,
        help_text=_("全国一体化政务服务平台的事项编码（GB/T 39554.1）；尚未赋码的留空。"),
    )
    kind = models.CharField(_("事项类型"), max_length=20, choices=ServiceKind.choices)
    theme = models.CharField(
        _("主题"),
        max_length=20,
        choices=Theme.choices,
        default=Theme.OTHER,
        help_text=_("供群众按主题查找。"),
    )
    audience = models.CharField(
        _("服务对象"), max_length=10, choices=Audience.choices, default=Audience.PERSON
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    objects = ServiceItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        ordering = ["unit__sort_order", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="unique_service_item_per_unit")]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）" if self.code else self.name


class LifeEvent(models.Model):
    """人生事件 / 企业事件 (出生, 上学, 企业开办…): curated by the county office across all units,
    so that "one thing done well" (一件事一次办) can be found as one thing."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(
        _("网址名"), max_length=50, unique=True, help_text=_("拼音或英文，如 qiyekaiban。")
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)
    audience = models.CharField(
        _("服务对象"), max_length=10, choices=Audience.choices, default=Audience.PERSON
    )
    items = models.ManyToManyField(
        ServiceItem,
        verbose_name=_("所含事项"),
        blank=True,
        related_name="life_events",
        help_text=_("办成这件事需要办理的各单位事项。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题事件")
        verbose_name_plural = _("主题事件")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


# --- The guide ---------------------------------------------------------------------------------

CENSUS_ELEMENTS = (
    ("name", _("事项名称")),
    ("basis", _("设定依据")),
    ("conditions", _("申请条件")),
    ("materials", _("申请材料")),
    ("location", _("办理地点")),
    ("hours", _("办理时间")),
    ("phone", _("咨询电话")),
    ("steps", _("办理流程")),
)


def missing_census_elements(present: dict[str, bool]) -> list[str]:
    """The names (in Chinese) of the census elements that `present` says are empty, in census order."""
    return [str(label) for key, label in CENSUS_ELEMENTS if not present.get(key)]


def incomplete_message(missing: list[str]) -> str:
    return _("办事指南缺少以下要素，不能提交审核或发布：%(elements)s。草稿可以先保存。") % {
        "elements": "、".join(missing)
    }


class IncompleteGuideError(ValidationError):
    """Raised by `ServiceGuidePage.publish` for a revision missing census elements."""


class ServiceGuideQuerySet(PageQuerySet):
    def visible_to_public(self) -> ServiceGuideQuerySet:
        return self.live().public()


class ServiceGuidePage(UnitPageMixin, RoutablePageMixin, Page):
    """办事指南: everything an applicant must know about one 业务办理项 of one 事项, told at once."""

    service_item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("政务服务事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guides",
        help_text=_("从本单位的事项清单中选择；清单在左侧菜单“政务服务事项”中维护。"),
    )
    handling_item = models.CharField(
        _("业务办理项"), max_length=20, choices=HandlingItem.choices, default=HandlingItem.SINGLE
    )
    summary = models.TextField(_("一句话说明"), blank=True, help_text=_("谁、在什么情况下办这件事。"))
    conditions = models.TextField(
        _("申请条件"), blank=True, help_text=_("逐条写明，每行一条；不得写“其他条件”之类的兜底条款。")
    )
    location = models.TextField(
        _("办理地点"), blank=True, help_text=_("大厅地址和窗口号，如：盈江县政务服务中心一楼 5 号窗口。")
    )
    hours = models.CharField(
        _("办理时间"),
        max_length=200,
        blank=True,
        help_text=_("如：工作日 9:00—12:00，14:30—18:00（法定节假日除外）。"),
    )
    statutory_limit = models.PositiveSmallIntegerField(
        _("法定时限（工作日）"),
        null=True,
        blank=True,
        help_text=_("法律法规规定的办理时限；没有规定的留空。"),
    )
    promised_limit = models.PositiveSmallIntegerField(
        _("承诺时限（工作日）"),
        null=True,
        blank=True,
        help_text=_("本单位承诺的时限；0 表示当场办结（即办件）。"),
    )
    visits = models.PositiveSmallIntegerField(
        _("到现场次数"), default=1, help_text=_("申请人最多需要到办事现场的次数；全程网办填 0。")
    )
    charged = models.BooleanField(_("收费"), default=False, help_text=_("不收费的不要勾选。"))
    fee_amount = models.CharField(_("收费标准"), max_length=200, blank=True, help_text=_("如：每证 10 元。"))
    fee_basis = models.CharField(
        _("收费依据"), max_length=300, blank=True, help_text=_("收费所依据的文件及文号。")
    )
    consult_phone = models.CharField(_("咨询电话"), max_length=100, blank=True)
    complaint_phone = models.CharField(
        _("监督投诉电话"), max_length=100, blank=True, help_text=_("如：12345 政务服务便民热线。")
    )
    online_url = models.URLField(_("网上办理地址"), blank=True, help_text=_("云南政务服务网等网上办理入口。"))
    notes = models.TextField(_("有关说明"), blank=True)

    objects = PageManager.from_queryset(ServiceGuideQuerySet)()

    search_fields = Page.search_fields + [index.SearchField("public_search_terms")]

    content_panels = Page.content_panels + [
        HelpPanel(
            content=_(
                "事项名称、设定依据、申请条件、申请材料、办理地点、办理时间、咨询电话和办理流程八项必须填写，"
                "缺少任何一项都不能提交审核或发布；草稿可以先保存。"
            )
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("service_item"), FieldPanel("handling_item")]),
                FieldPanel("summary"),
            ],
            heading=_("事项"),
        ),
        InlinePanel("basis", heading=_("设定依据"), label=_("依据")),
        FieldPanel("conditions"),
        InlinePanel("materials", heading=_("申请材料"), label=_("材料")),
        InlinePanel("steps", heading=_("办理流程"), label=_("步骤")),
        MultiFieldPanel(
            [FieldPanel("location"), FieldPanel("hours"), FieldPanel("online_url")],
            heading=_("在哪里办、什么时候办"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("statutory_limit"), FieldPanel("promised_limit"), FieldPanel("visits")]
                )
            ],
            heading=_("时限与跑动次数"),
        ),
        MultiFieldPanel(
            [FieldPanel("charged"), FieldRowPanel([FieldPanel("fee_amount"), FieldPanel("fee_basis")])],
            heading=_("收费"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("consult_phone"), FieldPanel("complaint_phone")])],
            heading=_("咨询与监督投诉"),
        ),
        InlinePanel("faqs", heading=_("常见问题"), label=_("问答")),
        FieldPanel("notes"),
    ]

    base_form_class = ServiceGuidePageForm
    parent_page_types = ["disclosure.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    # --- completeness ---------------------------------------------------------------------------

    def present_elements(self) -> dict[str, bool]:
        """Which census elements this version holds (its inline rows as held in memory, so that a
        revision's copy answers for itself)."""
        return {
            "name": bool(self.service_item_id and self.title.strip()),
            "basis": any(row.law.strip() for row in self.basis.all()),
            "conditions": bool(self.conditions.strip()),
            "materials": any(row.name.strip() for row in self.materials.all()),
            "location": bool(self.location.strip()),
            "hours": bool(self.hours.strip()),
            "phone": bool(self.consult_phone.strip()),
            "steps": any(row.name.strip() for row in self.steps.all()),
        }

    def missing_elements(self) -> list[str]:
        return missing_census_elements(self.present_elements())

    def publication_refusal(self) -> str:
        """Asked by the review before each approval (review.models.publication_refusal)."""
        missing = self.missing_elements()
        return str(incomplete_message(missing)) if missing else ""

    def publish(self, revision, *args, **kwargs):
        # The last guard, whatever path publishes (紧急发布, a script): the form and the review's
        # approval refuse first with the same message, so editors meet this only through a hand-made call.
        if refusal := revision.as_object().publication_refusal():
            raise IncompleteGuideError(refusal)
        return super().publish(revision, *args, **kwargs)

    # --- what the public sees -------------------------------------------------------------------

    @property
    def item_name(self) -> str:
        return self.service_item.name if self.service_item_id else self.title

    @property
    def fee_text(self) -> str:
        if not self.charged:
            return str(_("不收费"))
        return f"{self.fee_amount}（{_('依据')}：{self.fee_basis}）"

    @staticmethod
    def limit_text(days) -> str:
        if days is None:
            return ""
        if days == 0:
            return str(_("当场办结"))
        return str(_("%(days)s个工作日") % {"days": days})

    @property
    def statutory_limit_text(self) -> str:
        return self.limit_text(self.statutory_limit) or str(_("无法定时限"))

    @property
    def promised_limit_text(self) -> str:
        return self.limit_text(self.promised_limit) or str(_("同法定时限"))

    def condition_lines(self) -> list[str]:
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]

    def is_shown_to_public(self) -> bool:
        """Live, unrestricted, in an active unit's live section, and so is its Chinese source."""
        from .services import public_guides

        return public_guides(self.locale).filter(pk=self.pk).exists()

    def public_search_terms(self) -> str:
        parts = [self.title, self.summary, self.conditions, self.location]
        parts += [row.name for row in self.materials.all()]
        return index_terms("\n".join(part for part in parts if part))

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_shown_to_public() else []

    def get_context(self, request, *args, **kwargs):
        from .flowchart import flowchart_svg

        context = super().get_context(request, *args, **kwargs)
        context["flowchart"] = flowchart_svg(self)
        context["materials"] = list(self.materials.select_related("blank_form", "sample_form"))
        return context

    def serve(self, request, *args, **kwargs):
        # Previews do not pass here: a guide the public may not see answers like a missing page.
        from .services import may_serve

        if not may_serve(self):
            raise Http404
        return super().serve(request, *args, **kwargs)

    @path("jianban/", name="brief")
    def brief(self, request):
        from .views import brief_guide

        return brief_guide(request, self)

    @path("qr/", name="qr")
    def qr(self, request):
        from .views import guide_qr

        return guide_qr(request, self)


class LegalBasis(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="basis")
    law = models.CharField(
        _("法律法规名称"), max_length=200, help_text=_("写全称，如：《促进个体工商户发展条例》。")
    )
    article = models.CharField(_("条款"), max_length=100, blank=True, help_text=_("如：第八条。"))
    text = models.TextField(_("条文内容"), blank=True)

    panels = [FieldRowPanel([FieldPanel("law"), FieldPanel("article")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("设定依据")
        verbose_name_plural = _("设定依据")


class CopyKind(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    BOTH = "both", _("原件和复印件")


class Medium(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    EITHER = "either", _("纸质或电子")


class Material(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=200)
    copy_kind = models.CharField(
        _("原件/复印件"), max_length=10, choices=CopyKind.choices, default=CopyKind.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    medium = models.CharField(_("材料形式"), max_length=12, choices=Medium.choices, default=Medium.PAPER)
    requirement = models.CharField(
        _("要求"), max_length=300, blank=True, help_text=_("如：须本人签字；复印件须注明“与原件一致”。")
    )
    blank_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("空白表格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sample_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("填写样表"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("copy_kind"), FieldPanel("copies"), FieldPanel("medium")]),
        FieldPanel("requirement"),
        FieldRowPanel([FieldPanel("blank_form"), FieldPanel("sample_form")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")


class ProcessStep(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(
        _("环节名称"), max_length=30, help_text=_("简短，如：申请、受理、审查、决定、送达。")
    )
    description = models.CharField(_("环节说明"), max_length=300, blank=True)
    time_needed = models.CharField(
        _("环节时限"), max_length=50, blank=True, help_text=_("如：当场、3个工作日。")
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("time_needed")]), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")


class Question(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("问题"), max_length=300)
    answer = models.TextField(_("解答"))

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")


# --- 办事一本通 ---------------------------------------------------------------------------------


class HandbookScope(models.TextChoices):
    LIFE_EVENTS = "life_events", _("按主题事件")
    UNITS = "units", _("按单位")


class HandbookState(models.TextChoices):
    PENDING = "pending", _("等待生成")
    RUNNING = "running", _("正在生成")
    DONE = "done", _("已生成")
    FAILED = "failed", _("生成失败")


class Handbook(models.Model):
    """办事一本通: the county office's compilation of selected guides into one printable PDF, with a
    cover, a table of contents and each guide's 简版, regenerated whenever one of its guides changes."""

    title = models.CharField(_("标题"), max_length=200, default="盈江县办事一本通")
    scope = models.CharField(_("编排方式"), max_length=20, choices=HandbookScope.choices)
    life_events = models.ManyToManyField(LifeEvent, verbose_name=_("主题事件"), blank=True, related_name="+")
    units = models.ManyToManyField("sites.Unit", verbose_name=_("单位"), blank=True, related_name="+")
    is_published = models.BooleanField(
        _("公开发布"), default=True, help_text=_("生成后在“政务服务”页面和下面选择的栏目中提供下载。")
    )
    column = models.ForeignKey(
        "disclosure.ColumnPage",
        verbose_name=_("发布栏目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("县政府办公室专栏中列出本一本通的栏目，如“办事指南”。"),
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=HandbookState.choices, default=HandbookState.PENDING
    )
    progress = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("共计"), default=0)
    error = models.TextField(_("错误信息"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF 文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    generated_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("办事一本通")
        verbose_name_plural = _("办事一本通")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        return round(100 * self.progress / self.total) if self.total else 0
