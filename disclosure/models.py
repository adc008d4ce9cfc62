"""Government information (政府信息) published in a unit's columns."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet


class DisclosureAttribute(models.TextChoices):
    """The four disclosure attributes a document must carry (seed 三(二)1)."""

    PUBLIC = "public", _("此件公开发布")
    REDACTED = "redacted", _("此件删减后公开")
    ON_REQUEST = "on_request", _("此件依申请公开")
    NOT_PUBLIC = "not_public", _("此件不公开")


PUBLIC_ATTRIBUTES = (DisclosureAttribute.PUBLIC, DisclosureAttribute.REDACTED)


class GovernmentDocumentQuerySet(PageQuerySet):
    def publicly_disclosed(self) -> GovernmentDocumentQuerySet:
        """Documents whose attribute lets the public see them at all."""
        return self.filter(disclosure_attribute__in=PUBLIC_ATTRIBUTES)


class GovernmentDocumentPage(Page):
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
    summary = models.TextField(_("内容概述"), blank=True)
    body = RichTextField(
        _("正文"),
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "image", "hr"],
    )

    objects = PageManager.from_queryset(GovernmentDocumentQuerySet)()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("written_date")]),
                FieldPanel("disclosure_attribute"),
            ],
            heading=_("公文信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    parent_page_types = ["sites.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")

    @property
    def is_publicly_disclosed(self) -> bool:
        return self.disclosure_attribute in PUBLIC_ATTRIBUTES

    @property
    def publishing_unit(self):
        from sites.models import UnitSectionPage

        section = UnitSectionPage.objects.ancestor_of(self).first()
        return section.unit if section else None

    def serve(self, request, *args, **kwargs):
        # A document that is not public answers exactly like a page that does not exist.
        if not self.is_publicly_disclosed:
            raise Http404
        return super().serve(request, *args, **kwargs)
