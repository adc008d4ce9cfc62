"""The disclosure rules the county's oversight checks every day (issue 14, sites/indicators.py).

Columns (栏目) are checked in the Chinese tree, which holds every unit's content once (the other
language trees copy it). Each check loads what it needs for every unit at once, so a county of
50 units and thousands of pages costs a handful of queries, whatever its size.

How often a column must be updated (国办秘函〔2019〕19号, 政府网站与政务新媒体检查指标): news-type
columns (动态、要闻) within 2 weeks, 通知公告 and 政策文件 within 6 months. A column's kind
(`ColumnKind`) is set by the system for the standard columns; editors' own columns are all
"其他栏目", so their cadence is read from their title (`column_cadence`):

- 法定主动公开内容 (ColumnKind.STATUTORY) is where a unit publishes its policy documents
  (条例 Art. 20): the 政策文件 cadence, 6 months.
- 政府信息公开指南、制度 and 年报 keep their content in the column's own text or once a year (the
  annual report has its own check in `reports`): no cadence, but they must not be empty.
- 其他栏目 whose title names news (动态、要闻、新闻) are news-type, 2 weeks; those naming 通知、公告、
  公示 or 政策文件、规范性文件 take 6 months; the rest have no cadence.

A column is updated when a page is first published in it (or below it): the date the public sees
in its listing, not a later correction of an old page. An empty column (no page the public can
open, no text of its own) is reported as empty, not also as stale.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, get_page_models

from sites.indicators import Finding, Indicator
from sites.locales import default_locale
from sites.tenancy import inside_subtrees, section_unit_ids, unit_id_at
from workdays.services import as_local_date

from .models import (
    PUBLIC_ATTRIBUTES,
    ColumnKind,
    ColumnPage,
    DisclosureAttribute,
    DocumentAttachment,
    GovernmentDocumentPage,
)

NEWS_DAYS = 14
NOTICE_AND_POLICY_MONTHS = 6


@dataclass(frozen=True)
class Cadence:
    """How long a column may go without a new page."""

    label: str
    days: int = 0
    months: int = 0

    def deadline(self, last_update: date) -> date:
        """The last day the column is still up to date after an update on `last_update`."""
        if self.months:
            return add_months(last_update, self.months)
        return last_update + timedelta(days=self.days)


NEWS = Cadence(gettext_lazy("动态要闻类栏目"), days=NEWS_DAYS)
NOTICES = Cadence(gettext_lazy("通知公告类栏目"), months=NOTICE_AND_POLICY_MONTHS)
POLICIES = Cadence(gettext_lazy("政策文件类栏目"), months=NOTICE_AND_POLICY_MONTHS)

# Words in an editor's column title, checked in this order.
TITLE_CADENCES = (
    (("动态", "要闻", "新闻"), NEWS),
    (("通知", "公告", "公示"), NOTICES),
    (("政策文件", "规范性文件"), POLICIES),
)
KIND_CADENCES = {ColumnKind.STATUTORY: POLICIES}


def column_cadence(kind: str, title: str) -> Cadence | None:
    """How often a column must be updated, from its kind or, for an editor's column, its title."""
    if kind != ColumnKind.GENERAL:
        return KIND_CADENCES.get(kind)
    for words, cadence in TITLE_CADENCES:
        if any(word in title for word in words):
            return cadence
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st of a shorter month becomes its last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def explorer_url(page_id: int) -> str:
    return reverse("wagtailadmin_explore", args=[page_id])


def edit_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


# --- columns ------------------------------------------------------------------------------------


@dataclass
class ColumnState:
    pk: int
    path: str
    title: str
    cadence: Cadence | None
    has_text: bool
    opened_on: date | None
    unit_id: int | None
    last_update: date | None = None  # the latest first publication of a page in or below it


def restricted_paths() -> list[str]:
    """Tree paths of the pages behind a view restriction: they and their subtrees are not public."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_restricted(path: str, restricted: list[str]) -> bool:
    return any(path.startswith(root) for root in restricted)


def non_public_documents():
    """Documents the public cannot open whatever their live state (依申请公开, 不公开)."""
    return GovernmentDocumentPage.objects.exclude(disclosure_attribute__in=PUBLIC_ATTRIBUTES).values("pk")


def column_states(today: date) -> list[ColumnState]:
    """Every public column in the units' sections (Chinese tree), with its latest update by `today`."""
    locale = default_locale()
    sections = section_unit_ids(locale)
    restricted = restricted_paths()
    inside = inside_subtrees(sections)
    rows = (
        ColumnPage.objects.live()
        .filter(inside, locale=locale)
        .values_list("pk", "path", "title", "column_kind", "intro", "first_published_at")
    )
    columns = {
        path: ColumnState(
            pk=pk,
            path=path,
            title=title,
            cadence=column_cadence(kind, title),
            has_text=bool(strip_tags(intro).strip()),
            opened_on=as_local_date(opened) if opened else None,
            unit_id=unit_id_at(path, sections),
        )
        for pk, path, title, kind, intro, opened in rows
        if not is_restricted(path, restricted) and (opened is None or as_local_date(opened) <= today)
    }
    # The content the public can open: every live page below a column but the columns themselves
    # and the documents whose attribute keeps them off the site.
    column_type = ContentType.objects.get_for_model(ColumnPage)
    content = (
        Page.objects.live()
        .filter(inside, locale=locale, first_published_at__isnull=False)
        .exclude(content_type=column_type)
        .exclude(pk__in=non_public_documents())
        .values_list("path", "first_published_at")
    )
    steplen = Page.steplen
    for path, published in content:
        day = as_local_date(published)
        if day > today or is_restricted(path, restricted):
            continue
        for length in range(steplen, len(path), steplen):
            column = columns.get(path[:length])
            if column is not None and (column.last_update is None or day > column.last_update):
                column.last_update = day
    return list(columns.values())


def find_stale_columns(today: date) -> list[Finding]:
    findings = []
    for column in column_states(today):
        if column.cadence is None or column.last_update is None:
            continue
        deadline = column.cadence.deadline(column.last_update)
        if today > deadline:
            findings.append(
                Finding(
                    unit_id=column.unit_id,
                    key=f"page:{column.pk}",
                    title=column.title,
                    url=explorer_url(column.pk),
                    since=deadline + timedelta(days=1),
                    detail=_("%(kind)s，最近更新 %(day)s")
                    % {"kind": column.cadence.label, "day": column.last_update.isoformat()},
                )
            )
    return findings


def find_empty_columns(today: date) -> list[Finding]:
    return [
        Finding(
            unit_id=column.unit_id,
            key=f"page:{column.pk}",
            title=column.title,
            url=explorer_url(column.pk),
            since=column.opened_on,
            detail=_("栏目下没有公众可以查看的内容"),
        )
        for column in column_states(today)
        if column.last_update is None and not column.has_text
    ]


# --- attachments --------------------------------------------------------------------------------


def find_missing_attachments(today: date) -> list[Finding]:
    """Attachments of live public documents whose file is not in storage: the public gets a 404."""
    sections = section_unit_ids()
    restricted = restricted_paths()
    storage = get_document_model()._meta.get_field("file").storage
    rows = (
        DocumentAttachment.objects.filter(page__live=True, page__disclosure_attribute__in=PUBLIC_ATTRIBUTES)
        .order_by("page_id", "sort_order", "pk")
        .values_list(
            "page_id",
            "page__path",
            "page__title",
            "page__disclosure_attribute",
            "is_redacted_copy",
            "document_id",
            "document__title",
            "document__file",
            "title",
        )
    )
    findings = []
    seen = set()
    for page_id, path, page_title, attribute, redacted_copy, document_id, document_title, name, title in rows:
        # The original of a 删减后公开 document is never public (DocumentAttachment.is_public_copy).
        if attribute == DisclosureAttribute.REDACTED and not redacted_copy:
            continue
        if (page_id, document_id) in seen or is_restricted(path, restricted):
            continue
        seen.add((page_id, document_id))
        if name and storage.exists(name):
            continue
        findings.append(
            Finding(
                unit_id=unit_id_at(path, sections),
                key=f"page:{page_id}:document:{document_id}",
                title=f"{page_title}：{title or document_title}",
                url=reverse("wagtaildocs:edit", args=[document_id]),
                detail=_("附件文件缺失：%(name)s") % {"name": name or "-"},
            )
        )
    return findings


# --- internal links -----------------------------------------------------------------------------

ANCHOR = re.compile(r"<a\b[^>]*>")
PAGE_LINK = re.compile(r'linktype="page"')
LINK_ID = re.compile(r'\bid="(\d+)"')


def linked_page_ids(raw: str) -> set[int]:
    """The pages that rich text (or a StreamField's JSON) links to, from Wagtail's stored form
    `<a linktype="page" id="42">`."""
    text = raw.replace('\\"', '"')
    found = set()
    for anchor in ANCHOR.findall(text):
        if PAGE_LINK.search(anchor) and (match := LINK_ID.search(anchor)):
            found.add(int(match.group(1)))
    return found


def rich_text_fields(model) -> list[str]:
    """The model's own rich text and StreamField fields (those in its own table)."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, RichTextField | StreamField) and field.model is model
    ]


def public_text_rows(model, fields: list[str]):
    """(pk, path, title, raw text) of each live page of `model`, for the fields the public reads."""
    pages = model.objects.filter(live=True)
    annotations = {f"raw_{name}": Cast(name, TextField()) for name in fields}
    if issubclass(model, GovernmentDocumentPage):
        # The public reads the body of a 公开 document and only the redacted body of a 删减后公开 one.
        pages = pages.filter(disclosure_attribute__in=PUBLIC_ATTRIBUTES)
        rows = pages.annotate(**annotations).values_list(
            "pk", "path", "title", "disclosure_attribute", *annotations
        )
        for pk, path, title, attribute, *texts in rows:
            values = dict(zip(fields, texts, strict=True))
            if attribute == DisclosureAttribute.REDACTED:
                values.pop("body", None)
            else:
                values.pop("redacted_body", None)
            yield pk, path, title, " ".join(text or "" for text in values.values())
        return
    for pk, path, title, *texts in pages.annotate(**annotations).values_list(
        "pk", "path", "title", *annotations
    ):
        yield pk, path, title, " ".join(text or "" for text in texts)


def find_broken_links(today: date) -> list[Finding]:
    """Links in public rich text to pages that were deleted, unpublished or made non-public."""
    restricted = restricted_paths()
    links: list[tuple[int, str, str, int]] = []
    for model in get_page_models():
        fields = rich_text_fields(model)
        if not fields:
            continue
        for pk, path, title, text in public_text_rows(model, fields):
            if is_restricted(path, restricted):
                continue
            links.extend((pk, path, title, target) for target in sorted(linked_page_ids(text)))
    if not links:
        return []
    targets = {target for *_source, target in links}
    live = dict(Page.objects.filter(pk__in=targets).values_list("pk", "live"))
    withheld = set(non_public_documents().filter(pk__in=targets).values_list("pk", flat=True))
    sections = section_unit_ids()
    findings = []
    for pk, path, title, target in links:
        if target not in live:
            reason = _("链接的页面（ID %(id)d）已删除")
        elif not live[target]:
            reason = _("链接的页面（ID %(id)d）已取消发布")
        elif target in withheld:
            reason = _("链接的页面（ID %(id)d）不公开")
        else:
            continue
        findings.append(
            Finding(
                unit_id=unit_id_at(path, sections),
                key=f"page:{pk}:link:{target}",
                title=title,
                url=edit_url(pk),
                detail=reason % {"id": target},
            )
        )
    return findings


INDICATORS = [
    Indicator(
        key="disclosure.stale_columns",
        label=gettext_lazy("栏目超期未更新"),
        find=find_stale_columns,
        help_text=gettext_lazy(
            "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》：动态、要闻类栏目 2 周未更新，"
            "通知公告、政策文件类栏目 6 个月未更新。法定主动公开内容栏目按政策文件类计；"
            "自建栏目按栏目名称判断类别。"
        ),
    ),
    Indicator(
        key="disclosure.empty_columns",
        label=gettext_lazy("空白栏目"),
        find=find_empty_columns,
        help_text=gettext_lazy(
            "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》：栏目无内容"
            "（没有公众可以查看的页面，栏目本身也没有正文）。"
        ),
    ),
    Indicator(
        key="disclosure.missing_attachments",
        label=gettext_lazy("附件文件缺失"),
        find=find_missing_attachments,
        help_text=gettext_lazy(
            "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》：已公开文件的附件无法下载（存储中找不到文件）。"
        ),
    ),
    Indicator(
        key="disclosure.broken_links",
        label=gettext_lazy("内部链接失效"),
        find=find_broken_links,
        help_text=gettext_lazy(
            "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》：公开页面正文中的站内链接"
            "指向已删除、已取消发布或不公开的页面。"
        ),
    ),
]
