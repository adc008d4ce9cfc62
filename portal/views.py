"""The public site search (public documents and the pages of the disclosure sections), the
site map (网站地图) and the footer's 党政机关网站标识."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Locale, Page

from disclosure.models import ColumnPage, GovernmentDocumentPage
from search.chinese import query_terms
from sites.models import UNIT_KIND_ORDER, DisclosureIndexPage, Unit, UnitSectionPage

from .models import FooterSettings

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 100


def _parameter(request: HttpRequest, name: str) -> str:
    # PostgreSQL refuses NUL in text: the database would answer a server error.
    return request.GET.get(name, "").replace("\x00", "")


def search(request: HttpRequest) -> HttpResponse:
    query = _parameter(request, "q").strip()[:MAX_QUERY_LENGTH]
    locale = Locale.get_active()
    units = Unit.objects.filter(is_active=True).order_by("kind", "name")
    unit = units.filter(slug=_parameter(request, "unit")).first()

    documents = GovernmentDocumentPage.objects.visible_to_public().filter(locale=locale)
    pages = Page.objects.live().public().filter(locale=locale).not_type(GovernmentDocumentPage)
    section = unit.section_in(locale) if unit else None
    if section is not None:
        documents = documents.descendant_of(section)
        pages = pages.descendant_of(section, inclusive=True)

    results = None
    other_pages = []
    if query:
        found = documents.search(query_terms(query), operator="and")
        paginator = Paginator(found, PAGE_SIZE)
        results = paginator.get_page(request.GET.get("p"))
        results.object_list = _with_index_numbers(list(results.object_list))
        # Section and column titles are few and short: a plain substring match finds them.
        other_pages = list(pages.filter(title__icontains=query).order_by("path")[:10])

    kept = QueryDict(mutable=True)
    kept.update({key: value for key, value in (("q", query), ("unit", unit.slug if unit else "")) if value})
    return TemplateResponse(
        request,
        "portal/search.html",
        {
            "query": query,
            "results": results,
            "other_pages": other_pages,
            "units": units,
            "selected_unit": unit,
            "query_without_page": kept.urlencode(),
        },
    )


def _with_index_numbers(documents: list[GovernmentDocumentPage]) -> list[GovernmentDocumentPage]:
    """The found documents in relevance order, each annotated as listings are, in one query."""
    annotated = GovernmentDocumentPage.objects.filter(pk__in=[d.pk for d in documents]).with_index_numbers()
    by_pk = {document.pk: document for document in annotated}
    return [by_pk[document.pk] for document in documents if document.pk in by_pk]


def site_map(request: HttpRequest) -> HttpResponse:
    """网站地图: every public column of the current language, by unit kind, plus the county-wide
    pages. Three queries however many units there are: the sections, their columns, the index's
    other pages."""
    locale = Locale.get_active()
    index = DisclosureIndexPage.objects.live().public().filter(locale=locale).first()
    groups: list[tuple[str, list[dict]]] = []
    county_pages: list[Page] = []
    if index is not None:
        sections = list(
            UnitSectionPage.objects.child_of(index)
            .live()
            .public()
            .filter(unit__is_active=True)
            .select_related("unit", "locale")
            .order_by("unit__sort_order", "unit__id")
        )
        columns = (
            ColumnPage.objects.live().public().filter(locale=locale).descendant_of(index).order_by("path")
        )
        by_section: dict[str, list[dict]] = {section.path: [] for section in sections}
        depth_of = {section.path: section.depth for section in sections}
        for column in columns.select_related("locale"):
            section_path = column.path[: Page.steplen * (index.depth + 1)]
            if section_path in by_section:
                # A column lives only where its whole chain is public (`.public()` checks ancestors).
                by_section[section_path].append(
                    {"page": column, "level": column.depth - depth_of[section_path]}
                )
        for kind in UNIT_KIND_ORDER:
            members = [
                {"section": section, "columns": by_section[section.path]}
                for section in sections
                if section.unit.kind == kind
            ]
            if members:
                groups.append((kind.label, members))
        county_pages = list(index.get_children().live().public().not_type(UnitSectionPage).order_by("path"))
    return TemplateResponse(
        request,
        "portal/site_map.html",
        {"disclosure_index": index, "unit_groups": groups, "county_pages": county_pages},
    )


def footer_badge(request: HttpRequest) -> HttpResponse:
    """The 党政机关网站标识 set in the footer (portal/models.py), served for every page: the image
    access rules (disclosure/media.py) publish only images that pages show, and the footer is no
    page. Only the one image the setting names is ever sent here."""
    footer = FooterSettings.for_request(request)
    if footer.conac_image is None:
        raise Http404
    rendition = footer.conac_image.get_rendition("height-60")
    response = FileResponse(rendition.file.open("rb"), content_type=_content_type(rendition.file.name))
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_MEDIA_MAX_AGE)
    return response


def _content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
