"""The standard disclosure catalogue (公开事项标准目录) each unit keeps for the 26 pilot domains.

An item describes *what* a unit discloses in a domain, by the eight elements of 附件3. Where the
content itself is published is not copied into the item: the item points at one column of the
unit's section, and its documents are whatever live, public, publicly disclosed documents sit
under that column. That keeps a single source of truth (the page tree) and the catalogue never
goes stale when editors publish, unpublish or reclassify documents.
"""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from disclosure.domains import Domain
from disclosure.models import GovernmentDocumentPage
from sites.models import UnitPageMixin, UnitSectionPage


class Audience(models.TextChoices):
    """公开对象 in 附件3: the whole of society, or only the persons concerned."""

    WHOLE_SOCIETY = "whole_society", _("全社会")
    SPECIFIC = "specific", _("特定对象")


class CatalogueItemQuerySet(models.QuerySet):
    def for_unit(self, unit) -> CatalogueItemQuerySet:
        return self.filter(unit=unit)

    def in_domain_order(self) -> CatalogueItemQuerySet:
        """Domains in the order of 附件1, then the unit's own order within a domain."""
        order = models.Case(
            *(models.When(domain=domain.value, then=position) for position, domain in enumerate(Domain)),
            default=len(Domain),
            output_field=models.IntegerField(),
        )
        return self.annotate(domain_position=order).order_by(
            "unit__sort_order", "unit_id", "domain_position", "sort_order", "id"
        )


class CatalogueItem(models.Model):
    """One item (公开事项) of a unit's standard catalogue in one domain, with its eight elements."""

    unit = models.ForeignKey(
        "sites.Unit",
        verbose_name=_("编制单位"),
        on_delete=models.PROTECT,
        related_name="catalogue_items",
        help_text=_("负责公开此事项的单位；只能选择本人所在的单位。"),
    )
    domain = models.CharField(
        _("试点领域"),
        max_length=40,
        choices=Domain.choices,
        help_text=_("此事项所属的基层政务公开标准化试点领域。"),
    )
    sort_order = models.PositiveIntegerField(
        _("排序"), default=0, help_text=_("同一领域内事项的排列顺序，数字小的在前。")
    )

    # The eight elements of 附件3, in its column order.
    name = models.CharField(_("公开事项名称"), max_length=200, help_text=_("如：最低生活保障对象认定。"))
    content = models.TextField(
        _("公开内容（要素）"), help_text=_("公开哪些信息，如：申请条件、办理流程、审核结果、救助标准。")
    )
    legal_basis = models.TextField(
        _("公开依据"), help_text=_("规定公开此事项的法律、法规、规章或规范性文件及条款。")
    )
    time_limit = models.CharField(
        _("公开时限"),
        max_length=200,
        help_text=_("如：信息形成或变更之日起 20 个工作日内。"),
    )
    responsible_body = models.CharField(
        _("公开主体"), max_length=200, help_text=_("负责公开的机关或机构，如：平原镇人民政府。")
    )
    method = models.CharField(
        _("公开方式"), max_length=200, help_text=_("如：主动公开、依申请公开。"), default="主动公开"
    )
    channel = models.TextField(
        _("公开渠道"),
        help_text=_("如：政府网站、政务新媒体、公开查阅点、村务公开栏。"),
    )
    audience = models.CharField(
        _("公开对象"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.WHOLE_SOCIETY,
    )
    audience_detail = models.CharField(
        _("特定对象说明"),
        max_length=200,
        blank=True,
        help_text=_("公开对象为特定对象时，写明是哪些人，如：申请人及利害关系人。"),
    )

    column = models.ForeignKey(
        "disclosure.ColumnPage",
        verbose_name=_("发布栏目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_items",
        help_text=_("本单位专栏中发布此事项内容的栏目；栏目下已发布的公开文件会列在公开目录中。"),
    )

    objects = CatalogueItemQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("unit"), FieldPanel("domain")]), FieldPanel("sort_order")],
            heading=_("归属"),
        ),
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("content"), FieldPanel("legal_basis")],
            heading=_("公开什么"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("time_limit"), FieldPanel("responsible_body")]),
                FieldRowPanel([FieldPanel("method"), FieldPanel("channel")]),
                FieldRowPanel([FieldPanel("audience"), FieldPanel("audience_detail")]),
            ],
            heading=_("怎样公开"),
        ),
        FieldPanel("column", heading=_("在哪里发布")),
    ]

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项目录")
        ordering = ["unit__sort_order", "unit_id", "domain", "sort_order", "id"]
        indexes = [models.Index(fields=["unit", "domain"])]

    def __str__(self) -> str:
        return self.name

    @property
    def audience_text(self) -> str:
        """公开对象 as written in the catalogue: 特定对象 names who, when the editor said."""
        if self.audience == Audience.SPECIFIC and self.audience_detail:
            return f"{self.get_audience_display()}（{self.audience_detail}）"
        return str(self.get_audience_display())

    def clean(self) -> None:
        super().clean()
        if self.audience == Audience.SPECIFIC and not self.audience_detail.strip():
            raise ValidationError({"audience_detail": _("公开对象为特定对象时，请写明是哪些人。")})
        # A column of another unit would publish this unit's catalogue in someone else's section.
        if self.column_id and self.unit_id and not column_belongs_to_unit(self.column, self.unit_id):
            raise ValidationError({"column": _("只能选择本单位信息公开专栏中的栏目。")})

    def published_documents(self, column: Page | None = None):
        """The documents the public can see under the item's column (or under `column`, its
        translation in another language tree); none without a column."""
        column = column or self.column
        if column is None:
            return GovernmentDocumentPage.objects.none()
        documents = GovernmentDocumentPage.objects.descendant_of(column).public_listing()
        # A column usually holds several domains' documents: those filed under the item's own
        # domain are its content, when the unit files them that way.
        in_domain = documents.filter(domain=self.domain)
        return in_domain if in_domain.exists() else documents

    @cached_property
    def has_published_content(self) -> bool:
        """Whether the public finds anything under the item: a published column with documents or
        with its own text (a guide or rules column keeps its content in the intro)."""
        column = self.column
        if column is None or not column.live:
            return False
        if strip_tags(column.intro).strip():
            return True
        return self.published_documents().exists()


def column_belongs_to_unit(column: Page, unit_id: int) -> bool:
    return UnitSectionPage.objects.ancestor_of(column).filter(unit_id=unit_id).exists()


# The catalogue page shows the latest few per item; the column holds the rest.
PUBLIC_DOCUMENTS_PER_ITEM = 5


class CataloguePage(UnitPageMixin, Page):
    """公开事项标准目录: the public view of the unit's catalogue, one page in the unit's section."""

    intro = RichTextField(
        _("目录说明"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("如：目录的编制依据、更新时间和咨询电话。目录事项在“公开事项目录”中维护。"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["sites.UnitSectionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("公开事项标准目录")

    def domain_groups(self) -> list[tuple[str, list[CatalogueItem]]]:
        """The unit's items grouped by domain, in the order of 附件1; empty domains are left out."""
        unit = self.unit
        if unit is None:
            return []
        items = list(CatalogueItem.objects.for_unit(unit).in_domain_order().select_related("column"))
        groups = []
        for domain in Domain:
            members = [item for item in items if item.domain == domain]
            for item in members:
                item.public_column = _public_column(item.column, self.locale)
                # Only a column the public can open leads to documents the public can see.
                item.public_documents = (
                    list(item.published_documents(item.public_column)[:PUBLIC_DOCUMENTS_PER_ITEM])
                    if item.public_column
                    else []
                )
            if members:
                groups.append((str(domain.label), members))
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["domain_groups"] = self.domain_groups()
        return context


def _public_column(column: Page | None, locale) -> Page | None:
    """The item's column in the page's language, if the public can open it."""
    if column is None:
        return None
    localized = column.get_translation_or_none(locale) or column
    visible = type(localized).objects.filter(pk=localized.pk).live().public().exists()
    return localized if visible else None
