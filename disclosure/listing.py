"""Filtering and paging a column's public documents (by year, subject, genre, domain and validity)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils import timezone

from .domains import Domain
from .models import Genre, GovernmentDocumentQuerySet, SubjectCategory, Validity

PAGE_SIZE = 20


@dataclass
class DocumentListing:
    page: PaginatorPage
    selected: dict[str, str]
    years: list[int]
    subjects: list[SubjectCategory]
    genres: list[tuple[str, str]]
    domains: list[tuple[str, str]]
    validities: list[tuple[str, str]]
    query_without_page: str = ""
    is_filtered: bool = field(default=False)


def list_documents(documents: GovernmentDocumentQuerySet, params: QueryDict) -> DocumentListing:
    """`documents` must already be limited to what the public may see."""
    # Choices come from what the column holds, so no filter leads to an empty list by design.
    # One query gathers every facet.
    facets = list(documents.values_list("first_published_at", "subject_id", "genre", "domain", "validity"))
    years = sorted({timezone.localtime(moment).year for moment, *_rest in facets if moment}, reverse=True)
    subject_ids = {subject for _moment, subject, *_rest in facets if subject}
    genres_present = {genre for _moment, _subject, genre, _domain, _validity in facets if genre}
    domains_present = {domain for _moment, _subject, _genre, domain, _validity in facets if domain}
    validities_present = {validity for *_rest, validity in facets}

    selected: dict[str, str] = {}
    year = params.get("year", "")
    if _is_number(year) and int(year) in years:
        selected["year"] = year
        documents = documents.filter(
            first_published_at__gte=_year_start(int(year)), first_published_at__lt=_year_start(int(year) + 1)
        )
    subject = params.get("subject", "")
    if _is_number(subject) and int(subject) in subject_ids:
        selected["subject"] = subject
        documents = documents.filter(subject_id=int(subject))
    genre = params.get("genre", "")
    if genre in genres_present:
        selected["genre"] = genre
        documents = documents.filter(genre=genre)
    domain = params.get("domain", "")
    if domain in domains_present:
        selected["domain"] = domain
        documents = documents.filter(domain=domain)
    # 现行有效: expired and repealed documents stay readable but leave this list.
    validity = params.get("validity", "")
    if validity in validities_present:
        selected["validity"] = validity
        documents = documents.filter(validity=validity)

    paginator = Paginator(documents.order_by("-first_published_at", "-pk"), PAGE_SIZE)
    page = paginator.get_page(params.get("p"))
    query = QueryDict(mutable=True)
    query.update(selected)
    return DocumentListing(
        page=page,
        selected=selected,
        years=years,
        subjects=list(SubjectCategory.objects.filter(id__in=subject_ids)),
        genres=[(value, label) for value, label in Genre.choices if value in genres_present],
        domains=[(value, label) for value, label in Domain.choices if value in domains_present],
        validities=(
            [(value, label) for value, label in Validity.choices if value in validities_present]
            if len(validities_present) > 1
            else []
        ),
        query_without_page=query.urlencode(),
        is_filtered=bool(selected),
    )


def _is_number(text: str) -> bool:
    # str.isdigit() also accepts digits int() refuses, such as "²" (a 500 for ?year=²).
    return text.isascii() and text.isdigit()


def _year_start(year: int):
    return timezone.make_aware(timezone.datetime(year, 1, 1))
