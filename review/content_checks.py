"""内容检查 over pages: personal data, wording, dates and internal links in what the public reads.

Issue 14 item 6. The rules are textcheck's (GB 11643 ID numbers, mobiles, Luhn bank cards, the
county's wording list, impossible dates); this module walks a page's text fields generically
(its own char, text, rich-text and StreamField fields, and the title) and its public attachments,
names the place of each finding, leaves out what a reviewer accepted as a false positive, masks
personal data in a new revision, and answers the county oversight's nightly indicator.

Only what the public would read is checked: a 删减后公开 document's original body and original
attachments are meant to hold what was redacted, and a document that is not public at all is
never shown, so neither is flagged.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.log_actions import log
from wagtail.models import Page, Revision

import textcheck
from disclosure.models import PUBLIC_ATTRIBUTES, DisclosureAttribute, GovernmentDocumentPage
from sites.indicators import Finding as IndicatorFinding
from sites.tenancy import section_unit_ids, unit_id_at
from textcheck import findings as kinds
from textcheck.extract import MAX_BYTES, Extraction

from .models import FindingAcceptance, WordingRule

BROKEN_LINK = "broken_link"
HIDDEN_LINK = "hidden_link"
KIND_LABELS = {
    kinds.ID_NUMBER: gettext_lazy("身份证号码"),
    kinds.MOBILE: gettext_lazy("手机号码"),
    kinds.BANK_CARD: gettext_lazy("银行卡号"),
    kinds.WORDING: gettext_lazy("不规范用语"),
    kinds.IMPOSSIBLE_DATE: gettext_lazy("不存在的日期"),
    kinds.FUTURE_DATE: gettext_lazy("晚于今天的日期"),
    BROKEN_LINK: gettext_lazy("链接的页面不存在"),
    HIDDEN_LINK: gettext_lazy("链接的页面未公开"),
}
EXTRACTION_ERRORS = {
    "too_large": gettext_lazy("文件过大，未提取文字"),
    "unsupported": "",  # images, archives...: nothing to read, nothing to say
    "corrupt": gettext_lazy("文件已损坏，无法提取文字"),
    "encrypted": gettext_lazy("文件已加密，无法提取文字"),
    "missing": gettext_lazy("文件缺失"),
}
# The page fields that hold a date the page was written on, which cannot be after today.
WRITTEN_DATE_FIELDS = ("written_date",)
# Of Wagtail's own page fields, those the public reads.
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")
ATTACHMENT_CACHE_SECONDS = 30 * 24 * 3600
ATTACHMENT_CACHE_CHARS = 500_000
PAGE_LINK = re.compile(r"<a\b[^>]*\blinktype=\"page\"[^>]*>", re.IGNORECASE)
LINK_ID = re.compile(r"\bid=\"(\d+)\"")


@dataclass(frozen=True)
class Source:
    """A piece of text the public reads, and where it is."""

    place: str  # as the staff know it: "正文", "附件《名单.xlsx》"
    field: str  # the page field's name, or "" for an attachment
    text: str
    rich: bool = False  # HTML from a rich-text field or block: internal links live there


@dataclass(frozen=True)
class PageFinding:
    place: str
    field: str
    finding: textcheck.Finding
    detail: str = ""  # e.g. the linked page's title

    @property
    def kind(self) -> str:
        return self.finding.kind

    @property
    def label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def shown(self) -> str:
        return self.finding.shown

    @property
    def fingerprint(self) -> str:
        # Keyed by the site's secret: a new SECRET_KEY forgets the accepted findings, never leaks them.
        return self.finding.fingerprint(f"review.content_check:{settings.SECRET_KEY}".encode())

    @property
    def is_personal(self) -> bool:
        return self.finding.is_personal

    @property
    def advice(self) -> str:
        if self.finding.is_personal:
            if self.field:
                return _("公开前须脱敏（可一键脱敏）")
            return _("公开前须脱敏：请替换为脱敏后的附件")
        if self.kind == kinds.WORDING:
            if self.finding.suggestion:
                return _("建议改为：%(suggestion)s") % {"suggestion": self.finding.suggestion}
            return _("建议删除或改写")
        return self.detail


@dataclass
class PageCheck:
    findings: list[PageFinding] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (attachment, why)

    def summary(self) -> str:
        """E.g. "身份证号码 1 处；手机号码 2 处"."""
        counts = Counter(finding.kind for finding in self.findings)
        ordered = [kind for kind in KIND_LABELS if kind in counts]  # personal data first
        return _("；").join(
            _("%(kind)s %(count)s 处") % {"kind": KIND_LABELS[kind], "count": counts[kind]}
            for kind in ordered
        )

    @property
    def personal_in_fields(self) -> int:
        return sum(1 for finding in self.findings if finding.is_personal and finding.field)


# --- The page's text ----------------------------------------------------------------------------


def _is_checked_field(model_field: models.Field) -> bool:
    if isinstance(model_field, StreamField):
        return True
    if not isinstance(model_field, models.CharField | models.TextField) or model_field.choices:
        return False
    own = model_field.model is not Page and model_field.name not in {f.name for f in Page._meta.fields}
    return own or model_field.name in PAGE_TEXT_FIELDS


def _text_fields(page: Page) -> Iterator[models.Field]:
    # The page's own attribute: a translation carries its source's (disclosure.signals keeps them
    # in step), and reading the source's would cost a query per page in the nightly run.
    redacted = (
        isinstance(page, GovernmentDocumentPage) and page.disclosure_attribute == DisclosureAttribute.REDACTED
    )
    for model_field in page._meta.concrete_fields:
        if redacted and model_field.name == "body":
            continue  # the original of a 删减后公开 document: the public reads redacted_body
        if _is_checked_field(model_field):
            yield model_field


def _map_strings(value, change: Callable[[str], str]):
    """`value` (StreamField raw data) with `change` applied to every string in it, block types
    and ids excepted."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map_strings(item, change) for item in value]
    if isinstance(value, dict):
        return {
            key: item if key in ("type", "id") else _map_strings(item, change) for key, item in value.items()
        }
    return value


def _strings(value) -> Iterator[str]:
    """Every string in StreamField raw data, block types and ids excepted."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id"):
                yield from _strings(item)


def _stream_raw(page: Page, model_field: StreamField) -> list:
    return list(model_field.get_prep_value(getattr(page, model_field.attname)) or [])


def _looks_rich(text: str) -> bool:
    return "<" in text and ">" in text


def text_sources(page: Page) -> Iterator[Source]:
    """The text fields of `page` (a specific page, live or a revision's) the public reads."""
    for model_field in _text_fields(page):
        place = str(model_field.verbose_name)
        if isinstance(model_field, StreamField):
            for text in _strings(_stream_raw(page, model_field)):
                if text.strip():
                    yield Source(place, model_field.name, text, rich=_looks_rich(text))
        else:
            text = getattr(page, model_field.attname) or ""
            if text.strip():
                yield Source(place, model_field.name, text, rich=isinstance(model_field, RichTextField))


def public_attachments(page: Page) -> list:
    """The attachments the public may download once the page is live (disclosure's rule)."""
    if not isinstance(page, GovernmentDocumentPage) or page.disclosure_attribute not in PUBLIC_ATTRIBUTES:
        return []
    attachments = list(page.attachments.all())
    if not attachments:
        return []
    # DocumentAttachment.is_public_copy, with the page's attributes read once for all its files.
    attributes = {page.disclosure_attribute, page.disclosure_state}
    if attributes == {DisclosureAttribute.PUBLIC}:
        return attachments
    if not attributes <= set(PUBLIC_ATTRIBUTES):
        return []
    return [attachment for attachment in attachments if attachment.is_redacted_copy]


def attachment_text(document) -> Extraction:
    """A Wagtail document's text, cached by the file's content hash: the nightly check reads each
    file once, however many nights and pages it appears on."""
    key = f"review:attachment-text:{document.file_hash}" if document.file_hash else ""
    if key and (cached := cache.get(key)) is not None:
        return Extraction(*cached)
    try:
        with document.file.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except (FileNotFoundError, OSError, ValueError):
        return Extraction(error="missing")
    extraction = textcheck.extract_text(io.BytesIO(data), document.file.name)
    key = key or f"review:attachment-text:{hashlib.sha1(data).hexdigest()}"
    cache.set(
        key,
        (extraction.text[:ATTACHMENT_CACHE_CHARS], extraction.error, extraction.truncated),
        ATTACHMENT_CACHE_SECONDS,
    )
    return extraction


# --- Findings -----------------------------------------------------------------------------------


def link_targets(html: str) -> list[int]:
    """The ids of the pages an HTML source links to (Wagtail's <a linktype="page" id="…">)."""
    return [int(match.group(1)) for tag in PAGE_LINK.findall(html) if (match := LINK_ID.search(tag))]


def link_problems(page_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """For each linked page that the public cannot open: (finding kind, its title or "")."""
    ids = set(page_ids)
    if not ids:
        return {}
    found = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
    public = set(Page.objects.filter(pk__in=found).live().public().values_list("pk", flat=True))
    public -= set(
        GovernmentDocumentPage.objects.filter(pk__in=public)
        .exclude(disclosure_attribute__in=PUBLIC_ATTRIBUTES)
        .values_list("pk", flat=True)
    )
    problems = {pk: (BROKEN_LINK, "") for pk in ids - set(found)}
    problems.update({pk: (HIDDEN_LINK, title) for pk, title in found.items() if pk not in public})
    return problems


def _text_findings(source: Source, rules: list[tuple[str, str]]) -> Iterator[PageFinding]:
    text = source.text
    found = textcheck.find_personal_data(text)
    found += textcheck.find_expressions(strip_tags(text) if source.rich else text, rules)
    found += textcheck.find_dates(strip_tags(text) if source.rich else text)
    for finding in found:
        yield PageFinding(source.place, source.field, finding)


class ContentChecker:
    """Checks pages against the county's current wording list and accepted findings.

    Built once per request or nightly run, so the list and the acceptances are read once."""

    def __init__(self, today: date, rules: list[tuple[str, str]] | None = None):
        self.today = today
        self.rules = WordingRule.objects.pairs() if rules is None else rules

    def sources(self, page: Page) -> tuple[list[Source], list[tuple[str, str]]]:
        sources = list(text_sources(page))
        unreadable = []
        for attachment in public_attachments(page):
            place = _("附件《%(title)s》") % {"title": attachment.display_title}
            extraction = attachment_text(attachment.document)
            if extraction.error and EXTRACTION_ERRORS.get(extraction.error):
                unreadable.append((attachment.display_title, str(EXTRACTION_ERRORS[extraction.error])))
            if extraction.text:
                sources.append(Source(place, "", extraction.text))
        return sources, unreadable

    def check(
        self,
        page: Page,
        sources: list[Source],
        problems: dict[int, tuple[str, str]],
        accepted: set[tuple[str, str]],
    ) -> list[PageFinding]:
        results: list[PageFinding] = []
        for source in sources:
            results += _text_findings(source, self.rules)
            if source.rich:
                for target in link_targets(source.text):
                    if target in problems:
                        kind, title = problems[target]
                        text = f"#{target} {title}".strip()
                        finding = textcheck.Finding(kind, 0, 0, text)
                        results.append(PageFinding(source.place, source.field, finding, detail=title))
        for name in WRITTEN_DATE_FIELDS:
            value = getattr(page, name, None)
            if isinstance(value, date) and value > self.today:
                label = str(page._meta.get_field(name).verbose_name)
                finding = textcheck.Finding(kinds.FUTURE_DATE, 0, 0, value.isoformat())
                results.append(
                    PageFinding(label, name, finding, detail=_("%(label)s晚于今天") % {"label": label})
                )
        return [result for result in results if (result.kind, result.fingerprint) not in accepted]

    def page_check(self, page: Page) -> PageCheck:
        sources, unreadable = self.sources(page)
        targets = [target for source in sources if source.rich for target in link_targets(source.text)]
        accepted = set(FindingAcceptance.objects.filter(page=page.pk).values_list("kind", "fingerprint"))
        findings = self.check(page, sources, link_problems(targets), accepted)
        return PageCheck(findings, unreadable)


def checked_version(page: Page) -> Page:
    """What is under review: the page's latest revision (its draft), else the page itself."""
    page = page.specific
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def page_check(page: Page, today: date) -> PageCheck:
    """The findings in `page`'s latest draft (what the reviewer is asked to approve)."""
    return ContentChecker(today).page_check(checked_version(page))


def page_findings(page: Page, today: date) -> list[PageFinding]:
    return page_check(page, today).findings


# --- Acting on findings ---------------------------------------------------------------------------
#
# The unit's own staff act on its pages: its editors and reviewers mask, its reviewers (who hold
# the 保密审查 step) accept a false positive. County administrators see the findings but leave the
# decision to the unit, as they leave its review.


def _in_groups(user, *group_ids: int | None) -> bool:
    ids = [group_id for group_id in group_ids if group_id]
    return user.is_superuser or (bool(ids) and user.groups.filter(pk__in=ids).exists())


def may_mask(user, page: Page, unit) -> bool:
    return _in_groups(user, unit.editors_group_id, unit.reviewers_group_id)


def may_accept(user, page: Page, unit) -> bool:
    return _in_groups(user, unit.reviewers_group_id)


class AcceptanceError(ValueError):
    pass


def accept_finding(
    page: Page, *, kind: str, fingerprint: str, reason: str, user, today: date
) -> FindingAcceptance:
    """Record that a finding of the page's latest draft is a false positive, and log it."""
    reason = reason.strip()
    if not reason:
        raise AcceptanceError(_("请填写确认为误报的理由。"))
    matching = [f for f in page_findings(page, today) if f.kind == kind and f.fingerprint == fingerprint]
    if not matching:
        raise AcceptanceError(_("该问题已不存在或已确认，请刷新页面。"))
    finding = matching[0]
    with transaction.atomic():
        acceptance = FindingAcceptance.objects.create(
            page=page,
            revision=page.get_latest_revision(),
            kind=kind,
            fingerprint=fingerprint,
            shown=finding.shown[:255],
            place=finding.place[:255],
            reason=reason,
            accepted_by=user,
        )
        log(
            instance=page.specific,
            action="review.accept_finding",
            user=user,
            data={"kind": kind, "label": finding.label, "shown": acceptance.shown, "reason": reason},
        )
    return acceptance


def mask_personal_data(page: Page, user) -> tuple[Revision | None, int]:
    """Mask every ID, mobile and bank card number in the text fields of the page's latest draft,
    as a new revision by `user`. Returns the revision (None when nothing was found) and the count
    of numbers masked. A number a reviewer accepted as no personal data (a public service number)
    is left as written. Attachments cannot be masked here: their files must be replaced."""
    draft = checked_version(page)
    accepted = set(FindingAcceptance.objects.filter(page=page.pk).values_list("kind", "fingerprint"))
    count = 0

    def masked(text: str) -> str:
        nonlocal count
        found = [
            finding
            for finding in textcheck.find_personal_data(text)
            if (finding.kind, PageFinding("", "", finding).fingerprint) not in accepted
        ]
        count += len(found)
        return textcheck.mask(text, found) if found else text

    for model_field in _text_fields(draft):
        if isinstance(model_field, StreamField):
            raw = _stream_raw(draft, model_field)
            before = count
            changed = _map_strings(raw, masked)
            if count != before:
                setattr(
                    draft, model_field.attname, StreamValue(model_field.stream_block, changed, is_lazy=True)
                )
        else:
            text = getattr(draft, model_field.attname) or ""
            if text:
                setattr(draft, model_field.attname, masked(text))
    if not count:
        return None, 0
    with transaction.atomic():
        revision = draft.save_revision(user=user, log_action=True, clean=False)
        log(
            instance=draft,
            action="review.mask_personal_data",
            user=user,
            data={"count": count},
            revision=revision,
        )
    return revision, count


# --- The nightly indicator (sites/indicators.py) --------------------------------------------------


BATCH_SIZE = 200


def public_pages() -> Iterator[Page]:
    """Every live page the public may read, specific, in batches: documents publicly disclosed
    (with their attachments prefetched), and every other page type."""
    documents = GovernmentDocumentPage.objects.visible_to_public().prefetch_related("attachments__document")
    batch: list[GovernmentDocumentPage] = []
    for document in documents.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        batch.append(document)
        if len(batch) == BATCH_SIZE:
            GovernmentDocumentPage.prime_source_documents(batch)
            yield from batch
            batch = []
    GovernmentDocumentPage.prime_source_documents(batch)
    yield from batch
    others = Page.objects.live().public().not_type(GovernmentDocumentPage).filter(depth__gt=1)
    yield from others.order_by("pk").specific().iterator(chunk_size=BATCH_SIZE)


def content_findings(today: date) -> Iterator[IndicatorFinding]:
    """内容检查 over all live public content, one indicator finding per page with findings."""
    checker = ContentChecker(today)
    sections = section_unit_ids()
    accepted: dict[int, set[tuple[str, str]]] = {}
    for page_id, kind, fingerprint in FindingAcceptance.objects.values_list("page_id", "kind", "fingerprint"):
        accepted.setdefault(page_id, set()).add((kind, fingerprint))
    collected = []
    for page in public_pages():
        sources, _unreadable = checker.sources(page)
        collected.append((page, sources))
    targets = [t for _page, sources in collected for s in sources if s.rich for t in link_targets(s.text)]
    problems = link_problems(targets)
    for page, sources in collected:
        findings = checker.check(page, sources, problems, accepted.get(page.pk, set()))
        if findings:
            yield IndicatorFinding(
                unit_id=unit_id_at(page.path, sections),
                key=f"page:{page.pk}",
                title=page.title,
                url=reverse("review:content_check", args=[page.pk]),
                # Public since its last publication: the leak has been readable that long.
                since=timezone.localdate(page.last_published_at) if page.last_published_at else None,
                detail=PageCheck(findings).summary(),
            )
