"""The public pages of 依申请公开: each unit's online application form, and the county's entry that
lets the applicant pick the unit.

`ApplicationPage` sits in a unit's section (provisioned at `ysqgk/`, copied into the other
language trees with the section). Its routes: the form (GET shows it, POST submits), `submitted/`
(the 查询码, shown once from the session, with the receipt download). `CountyApplicationPage` sits
under the county's 政务公开 index and links every active unit's form. Nothing of an application
is ever shown on either: the applicant follows it on the look-up page (foi/urls.py), by 查询码
and the last four digits of the ID number or phone.
"""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from sites.models import UNIT_KIND_ORDER, UnitPageMixin, UnitSectionPage

APPLICATION_SLUG = "ysqgk"
APPLICATION_TITLE = "依申请公开"


def private_response(response):
    """Forms with typed personal data, receipts and look-ups are never kept by a shared cache."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class ApplicationPage(RoutablePageMixin, UnitPageMixin, Page):
    """依申请公开: the unit's online form for applications for government information."""

    intro = RichTextField(
        _("申请须知"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("受理范围、办理时限和注意事项；受理机构的联系方式取自单位信息，无需在此填写。"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["sites.UnitSectionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("依申请公开申请页")
        verbose_name_plural = _("依申请公开申请页")

    def serve(self, request, *args, **kwargs):
        unit = self.unit
        if unit is None or not unit.is_active:
            raise Http404
        return private_response(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        from .forms import ApplicationForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = kwargs.get("form") or ApplicationForm()
        context["lookup_url"] = lookup_url()
        return context

    @path("")
    def apply(self, request):
        from .views import apply

        return apply(request, self)

    @path("submitted/", name="submitted")
    def submitted(self, request):
        from .views import submitted

        return submitted(request, self)


class CountyApplicationPage(RoutablePageMixin, Page):
    """依申请公开 of the whole county: every active unit that receives applications online."""

    intro = RichTextField(
        _("导语"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("如：“谁制作、谁公开；谁保存、谁公开”，请向保存该信息的单位申请。"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["sites.DisclosureIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("县级依申请公开入口")
        verbose_name_plural = _("县级依申请公开入口")

    def unit_forms(self) -> list[tuple[str, list[tuple[object, ApplicationPage]]]]:
        """(kind of unit, [(unit, its form)]) in the index's order; only active units with a live
        form in this language tree."""
        index = self.get_parent()
        sections = {
            section.path: section
            for section in UnitSectionPage.objects.child_of(index)
            .live()
            .public()
            .filter(unit__is_active=True)
            .select_related("unit")
        }
        forms = []
        for form in ApplicationPage.objects.descendant_of(index).live().public().order_by("path"):
            section = sections.get(form.path[: -Page.steplen])
            if section is not None:
                forms.append((section.unit, form))
        forms.sort(key=lambda item: (item[0].sort_order, item[0].id))
        groups = []
        for kind in UNIT_KIND_ORDER:
            members = [item for item in forms if item[0].kind == kind]
            if members:
                groups.append((kind.label, members))
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit_groups"] = self.unit_forms()
        context["lookup_url"] = lookup_url()
        return context

    @path("")
    def picker(self, request):
        """The list of units; the picker (a plain GET form, no script) sends ?unit=slug here."""
        chosen = request.GET.get("unit")
        if chosen:
            for _label, members in self.unit_forms():
                for unit, form in members:
                    if unit.slug == chosen:
                        return HttpResponseRedirect(form.url)
        return self.render(request)


def lookup_url() -> str:
    from django.urls import reverse

    return reverse("foi:lookup")


def ensure_application_page(section: UnitSectionPage) -> bool:
    """The unit's form at ysqgk/, unless the section already keeps one or a page at that slug."""
    from sites.provisioning import ensure_standard_page

    return ensure_standard_page(section, ApplicationPage(title=APPLICATION_TITLE, slug=APPLICATION_SLUG))


def ensure_county_application_page(index, locales) -> bool:
    """The county's entry under the 政务公开 index, and its copies in the other language trees."""
    from sites.provisioning import ensure_standard_page

    created = ensure_standard_page(
        index,
        CountyApplicationPage(
            title=APPLICATION_TITLE,
            slug=APPLICATION_SLUG,
            intro="<p>请选择保存所需政府信息的单位，向其提出申请。</p>",
        ),
    )
    page = CountyApplicationPage.objects.child_of(index).first()
    if page is None:
        return created
    for locale in locales:
        if not Page.objects.filter(translation_key=page.translation_key, locale=locale).exists():
            page.copy_for_translation(locale, copy_parents=True, alias=True)
            created = True
    return created
