"""The public site search: public documents and the pages of the disclosure sections."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from disclosure.models import GovernmentDocumentPage
from search.chinese import query_terms
from sites.models import Unit

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
