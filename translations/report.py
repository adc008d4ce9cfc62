"""The admin report 缺少傣文/景颇文版本的页面: each unit's live Chinese pages without a real Dai or
Jingpo version, and the translations its staff have under way. Documents that are not public
(依申请公开, 不公开) are left out: they have nothing to translate for the public.

A Dai (Jingpo) version is lacking when the page has no counterpart in that language's tree, or
when the counterpart is still a wagtail-localize alias (it shows the Chinese page). A counterpart
that is neither is a translation: under way while it is not live or has unpublished changes,
published otherwise. Every unit a user sees comes from `units_for_user`, so a unit's staff see
their own unit only and another unit's report answers 404 like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation

from disclosure.models import PUBLIC_ATTRIBUTES, GovernmentDocumentPage
from sites.models import Unit, UnitSectionPage
from sites.tenancy import inside_subtrees, units_for_user

MISSING, ALIAS, IN_PROGRESS, PUBLISHED = "missing", "alias", "in_progress", "published"
STATE_LABELS = {
    MISSING: gettext_lazy("缺少"),
    ALIAS: gettext_lazy("未翻译（显示中文页面）"),
    IN_PROGRESS: gettext_lazy("翻译中"),
    PUBLISHED: gettext_lazy("已发布"),
}


@dataclass(frozen=True)
class Version:
    """A Chinese page's standing in one of the other languages."""

    locale: Locale
    state: str
    page_id: int | None = None
    translation_id: int | None = None  # the enabled wagtail-localize translation, if any
    in_review: bool = False

    @property
    def lacking(self) -> bool:
        return self.state in (MISSING, ALIAS)

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True)
class PageRow:
    page: Page
    parent_title: str
    versions: list[Version]

    @property
    def lacking(self) -> bool:
        return any(version.lacking for version in self.versions)


@dataclass
class UnitGaps:
    unit: Unit
    locales: list[Locale]
    rows: list[PageRow] = field(default_factory=list)

    @property
    def lacking_rows(self) -> list[PageRow]:
        return [row for row in self.rows if row.lacking]

    @property
    def lacking_counts(self) -> list[tuple[Locale, int]]:
        """How many of the unit's live Chinese pages lack a version, per language."""
        return [
            (locale, sum(1 for row in self.rows if row.versions[index].lacking))
            for index, locale in enumerate(self.locales)
        ]

    @property
    def in_progress(self) -> list[tuple[PageRow, Version]]:
        return [
            (row, version) for row in self.rows for version in row.versions if version.state == IN_PROGRESS
        ]


def translation_locales() -> list[Locale]:
    """The languages pages are translated into (every content language but the default), in the
    order of WAGTAIL_CONTENT_LANGUAGES."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)}
    return [locales[code] for code in codes if code in locales]


def _state(counterpart: dict | None) -> str:
    if counterpart is None:
        return MISSING
    if counterpart["alias_of_id"]:
        return ALIAS
    if not counterpart["live"] or counterpart["has_unpublished_changes"]:
        return IN_PROGRESS
    return PUBLISHED


def translation_gaps(units: Iterable[Unit]) -> list[UnitGaps]:
    """For each unit, every live Chinese page of its section with its Dai and Jingpo standing.

    A fixed number of queries whatever the number of units and pages.
    """
    default = Locale.get_default()
    locales = translation_locales()
    sections = list(
        UnitSectionPage.objects.filter(unit__in=list(units), locale=default)
        .select_related("unit")
        .order_by("unit__sort_order", "unit__name")
    )
    if not sections:
        return []
    inside = inside_subtrees(section.path for section in sections)
    not_public = GovernmentDocumentPage.objects.exclude(disclosure_attribute__in=PUBLIC_ATTRIBUTES)
    # 依申请公开 and 不公开 documents are never shown to the public, in any language.
    pages = Page.objects.filter(inside, locale=default, live=True, alias_of__isnull=True).exclude(
        id__in=not_public.values("id")
    )
    keys = pages.values("translation_key")

    counterparts = {
        (row["translation_key"], row["locale_id"]): row
        for row in Page.objects.filter(translation_key__in=keys, locale__in=locales).values(
            "id", "translation_key", "locale_id", "alias_of_id", "live", "has_unpublished_changes"
        )
    }
    translations = {
        (row["source__object_id"], row["target_locale_id"]): row["id"]
        for row in Translation.objects.filter(
            source__object_id__in=keys, source__locale=default, target_locale__in=locales, enabled=True
        ).values("id", "source__object_id", "target_locale_id")
    }
    under_way = [str(row["id"]) for row in counterparts.values() if _state(row) == IN_PROGRESS]
    in_review = set(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=under_way,
        ).values_list("object_id", flat=True)
    )

    gaps = {section.path: UnitGaps(unit=section.unit, locales=locales) for section in sections}
    titles: dict[str, str] = {}
    path_lengths = sorted({section.depth * Page.steplen for section in sections})
    for page in pages.order_by("path").select_related("content_type"):
        titles[page.path] = page.title
        versions = []
        for locale in locales:
            counterpart = counterparts.get((page.translation_key, locale.id))
            state = _state(counterpart)
            versions.append(
                Version(
                    locale=locale,
                    state=state,
                    page_id=counterpart["id"] if counterpart else None,
                    translation_id=translations.get((page.translation_key, locale.id)),
                    in_review=state == IN_PROGRESS and str(counterpart["id"]) in in_review,
                )
            )
        parent_title = titles.get(page.path[: -Page.steplen], "")
        section_path = next(page.path[:length] for length in path_lengths if page.path[:length] in gaps)
        gaps[section_path].rows.append(PageRow(page, parent_title, versions))
    return list(gaps.values())


def index(request: HttpRequest) -> HttpResponse:
    units = units_for_user(request.user)
    if not units.exists():
        raise Http404
    if units.count() == 1:
        return redirect("translations:unit", unit_slug=units.get().slug)
    return TemplateResponse(
        request,
        "translations/translation_gaps_index.html",
        {
            "page_title": _("缺少傣文/景颇文版本的页面"),
            "locales": translation_locales(),
            "all_gaps": translation_gaps(units),
        },
    )


def unit_report(request: HttpRequest, unit_slug: str) -> HttpResponse:
    unit = get_object_or_404(units_for_user(request.user), slug=unit_slug)
    found = translation_gaps([unit])
    return TemplateResponse(
        request,
        "translations/translation_gaps.html",
        {
            "page_title": _("缺少傣文/景颇文版本的页面 · %(unit)s") % {"unit": unit.name},
            "unit": unit,
            "locales": translation_locales(),
            "gaps": found[0] if found else UnitGaps(unit=unit, locales=translation_locales()),
        },
    )
