"""The review rules the county's oversight checks every day (issue 14, sites/indicators.py).

- 条例 Art. 26: public information is published within 20 working days of being formed or
  changed. The clock is the review app's own (`services.disclosure_timer`), applied to every
  unit's waiting documents at once.
- Seed 三(二)1 (动态调整): each year a unit re-evaluates every document it keeps 依申请公开 or
  不公开 (`services.re_evaluation_rows`); one not decided yet this year is found.

Documents are read in the Chinese tree, as the review pages read them: translations share their
original's clock and attribute.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.models import PUBLIC_ATTRIBUTES, GovernmentDocumentPage
from sites.indicators import Finding, Indicator
from sites.locales import default_locale
from sites.models import Unit
from sites.tenancy import inside_subtrees, section_unit_ids, unit_id_at

from .models import ReEvaluation
from .services import NON_PUBLIC_ATTRIBUTES, disclosure_timer

TIMER_FIELDS = (
    "pk",
    "path",
    "title",
    "disclosure_attribute",
    "live",
    "written_date",
    "has_unpublished_changes",
    "latest_revision_created_at",
)


def units_documents(sections: dict[str, int]):
    """Every unit's documents in the Chinese tree (the bulk form of `services.unit_documents`)."""
    return GovernmentDocumentPage.objects.filter(inside_subtrees(sections), alias_of__isnull=True)


def find_overdue_publications(today: date) -> list[Finding]:
    sections = section_unit_ids(default_locale())
    waiting = units_documents(sections).filter(disclosure_attribute__in=PUBLIC_ATTRIBUTES)
    waiting = waiting.filter(live=False) | waiting.filter(has_unpublished_changes=True)
    findings = []
    for document in waiting.only(*TIMER_FIELDS).order_by("path"):
        timer = disclosure_timer(document, today)
        if timer is None or not timer.is_overdue:
            continue
        findings.append(
            Finding(
                unit_id=unit_id_at(document.path, sections),
                key=f"page:{document.pk}",
                title=document.title,
                url=reverse("wagtailadmin_pages:edit", args=[document.pk]),
                since=timer.deadline.due + timedelta(days=1),
                detail=_(
                    "自%(reason)s %(start)s 起 20 个工作日，应于 %(due)s 前公开，已逾期 %(days)d 个工作日"
                )
                % {
                    "reason": timer.reason,
                    "start": timer.started.isoformat(),
                    "due": timer.deadline.due.isoformat(),
                    "days": timer.overdue_by,
                },
            )
        )
    return findings


def find_documents_not_re_evaluated(today: date) -> list[Finding]:
    sections = section_unit_ids(default_locale())
    decided = ReEvaluation.objects.filter(year=today.year).values("document_id")
    documents = (
        units_documents(sections)
        .filter(disclosure_attribute__in=NON_PUBLIC_ATTRIBUTES)
        .exclude(pk__in=decided)
        .order_by("path")
        .values_list("pk", "path", "title", "disclosure_attribute")
    )
    slugs = dict(Unit.objects.values_list("pk", "slug"))
    labels = dict(GovernmentDocumentPage._meta.get_field("disclosure_attribute").choices)
    findings = []
    for pk, path, title, attribute in documents:
        unit_id = unit_id_at(path, sections)
        findings.append(
            Finding(
                unit_id=unit_id,
                key=f"page:{pk}",
                title=title,
                url=reverse("review:re_evaluation_year", args=[slugs[unit_id], today.year]),
                since=date(today.year, 1, 1),
                detail=_("%(attribute)s，%(year)d 年度尚未复核")
                % {"attribute": labels[attribute], "year": today.year},
            )
        )
    return findings


INDICATORS = [
    Indicator(
        key="review.overdue_publications",
        label=gettext_lazy("超过 20 个工作日未公开"),
        find=find_overdue_publications,
        help_text=gettext_lazy(
            "《政府信息公开条例》第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起"
            " 20 个工作日内予以公开。"
        ),
    ),
    Indicator(
        key="review.not_re_evaluated",
        label=gettext_lazy("不公开文件本年度未复核"),
        find=find_documents_not_re_evaluated,
        help_text=gettext_lazy(
            "《盈江县全面推进基层政务公开标准化规范化工作实施方案》三(二)1：依申请公开和不公开的文件"
            "每年复核一次，动态调整公开属性。"
        ),
    ),
]
