"""Policy interpretations (政策解读): pages that explain one or more policy documents.

"Whoever drafts, interprets" (谁起草、谁解读, seed 三(二)3): an interpretation lives in the section
of the unit that issued the policy, or in the county government office's section, which may
interpret any unit's policy. The county office's 政策解读 column lists every unit's interpretations.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from sites.models import UnitKind, UnitPageMixin, unit_of

from .blocks import FORM_BLOCKS, InterpretationBodyBlock
from .forms import InterpretationPageForm


class InterpretationKind(models.TextChoices):
    """The forms an interpretation takes (seed 三(二)3: 简明问答、案例说明、图表图解、视频动漫)."""

    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    VIDEO = "video", _("视频解读")
    CASE = "case", _("案例解读")


KIND_REQUIREMENTS = {
    InterpretationKind.TEXT: _("文字解读的正文须包含问答或正文段落。"),
    InterpretationKind.GRAPHIC: _("图解的正文须包含至少一张图解图片或一个图表。"),
    InterpretationKind.VIDEO: _("视频解读的正文须包含至少一个带字幕的视频。"),
    InterpretationKind.CASE: _("案例解读的正文须包含至少一个案例。"),
}


class InterpretationPage(UnitPageMixin, Page):
    """One interpretation of one or more policy documents, in one of the four forms."""

    kind = models.CharField(
        _("解读形式"),
        max_length=20,
        choices=InterpretationKind.choices,
        default=InterpretationKind.TEXT,
        help_text=_(
            "文字解读用问答；图解用图片和图表；视频解读须配字幕；案例解读用具体案例说明政策如何适用。"
        ),
    )
    interpreter = models.CharField(
        _("解读人"),
        max_length=100,
        blank=True,
        help_text=_("如：起草单位负责人、起草科室或特邀专家；留空则只显示解读单位。"),
    )
    summary = models.TextField(_("内容概述"), blank=True, help_text=_("一两句话说明这份解读讲什么。"))
    body = StreamField(InterpretationBodyBlock(), verbose_name=_("解读内容"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("interpreter")], heading=_("解读信息")),
        InlinePanel(
            "policy_links",
            heading=_("所解读的政策文件"),
            label=_("政策文件"),
            min_num=1,
            help_text=_("选择本单位的政策文件；县政府办公室可选择全县各单位的政策文件。"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    base_form_class = InterpretationPageForm
    parent_page_types = ["disclosure.ColumnPage", "interpretation.InterpretationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def clean(self):
        super().clean()
        wanted = FORM_BLOCKS[self.kind]
        if not any(block.block_type in wanted for block in self.body):
            raise ValidationError({"kind": KIND_REQUIREMENTS[self.kind]})

    def is_shown_to_public(self) -> bool:
        from .services import public_interpretations

        return public_interpretations().filter(pk=self.pk).exists()

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_shown_to_public() else []

    def serve(self, request, *args, **kwargs):
        # Previews do not pass here; a withheld policy's interpretation answers like a missing page.
        if not self.is_shown_to_public():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .services import public_policies

        context = super().get_context(request, *args, **kwargs)
        context["policies"] = public_policies(self)
        return context


class InterpretedPolicy(Orderable):
    """A policy document an interpretation explains. Translations of the interpretation keep the
    link (wagtail-localize synchronises it), so policies are matched by translation key."""

    page = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="policy_links")
    policy = models.ForeignKey(
        "disclosure.GovernmentDocumentPage",
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="interpretation_links",
    )

    panels = [FieldPanel("policy")]

    class Meta(Orderable.Meta):
        verbose_name = _("所解读的政策文件")
        verbose_name_plural = _("所解读的政策文件")


def may_interpret(unit, policy) -> bool:
    """Whoever drafts, interprets: a unit interprets its own policies; the county office any."""
    if unit is None:
        return False
    return unit.kind == UnitKind.COUNTY_OFFICE or unit_of(policy) == unit


class InterpretationIndexPage(UnitPageMixin, Page):
    """A 政策解读 column. In the county government office's section it lists the interpretations of
    every unit (the county-wide column); in another unit's section, that unit's own."""

    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["sites.UnitSectionPage"]
    subpage_types = ["interpretation.InterpretationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("政策解读栏目")
        verbose_name_plural = _("政策解读栏目")

    @property
    def is_county_wide(self) -> bool:
        return self.unit is not None and self.unit.kind == UnitKind.COUNTY_OFFICE

    def get_context(self, request, *args, **kwargs):
        from .services import list_interpretations

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = list_interpretations(self, request.GET)
        return context


class InterpretationSetting(models.Model):
    """A unit's choice to have interpretations submitted for review together with their policies
    (seed 三(二)3: 同步组织、同步审签、同步部署)."""

    unit = models.OneToOneField(
        "sites.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="interpretation_setting"
    )
    require_with_policy = models.BooleanField(
        _("政策解读与政策文件同步报审"),
        default=False,
        help_text=_("选中后，需要解读的政策文件只有在已有关联的解读提交审查或已发布时，才能提交审查或发布。"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("政策解读设置")
        verbose_name_plural = _("政策解读设置")

    def __str__(self) -> str:
        return f"{self.unit}：{self.require_with_policy}"
