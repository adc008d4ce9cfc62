"""The interpretation rules the county's oversight checks every day (issue 14, sites/indicators.py).

- Seed 三(二)3: a policy needing interpretation has a published interpretation within 3 working
  days of its own publication. The clock is this app's (`services.interpretation_duties`), which
  already works for every unit at once.
- An interpretation and its policy show each other (the interpretation names the policy, the
  policy page lists the interpretation) only while the interpretation links the policy and every
  policy it links is public (`services.public_interpretations`). A published interpretation that
  links no policy, or one the public may not see, is shown by neither: it is found.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sites.indicators import Finding, Indicator
from sites.locales import default_locale
from sites.models import Unit
from sites.tenancy import inside_subtrees, section_unit_ids, unit_id_at
from workdays.services import as_local_date

from .models import InterpretationPage, InterpretedPolicy
from .services import interpretation_duties, public_interpretations


def find_overdue_interpretations(today: date) -> list[Finding]:
    slugs = dict(Unit.objects.values_list("pk", "slug"))
    return [
        Finding(
            unit_id=duty.unit.pk,
            key=f"page:{duty.policy.pk}",
            title=duty.policy.title,
            url=reverse("interpretation:unit", args=[slugs[duty.unit.pk]]),
            since=duty.deadline.due + timedelta(days=1),
            detail=_("%(published)s 发布，解读应于 %(due)s 前发布，已逾期 %(days)d 个工作日")
            % {
                "published": duty.published.isoformat(),
                "due": duty.deadline.due.isoformat(),
                "days": duty.overdue_by,
            },
        )
        for duty in interpretation_duties(today=today)
        if duty.is_overdue and duty.unit is not None and duty.published <= today
    ]


def find_unlinked_interpretations(today: date) -> list[Finding]:
    sections = section_unit_ids(default_locale())
    published = InterpretationPage.objects.live().filter(inside_subtrees(sections), locale=default_locale())
    rows = [
        row
        for row in published.order_by("path").values_list("pk", "path", "title", "first_published_at")
        if row[3] is None or as_local_date(row[3]) <= today
    ]
    ids = [pk for pk, *_rest in rows]
    linked = set(InterpretedPolicy.objects.filter(page_id__in=ids).values_list("page_id", flat=True))
    shown = set(public_interpretations().filter(pk__in=ids).values_list("pk", flat=True))
    findings = []
    for pk, path, title, _published in rows:
        if pk not in linked:
            detail = _("没有关联所解读的政策文件")
        elif pk not in shown:
            detail = _("关联的政策文件不公开或已撤回，解读与文件互不显示")
        else:
            continue
        findings.append(
            Finding(
                unit_id=unit_id_at(path, sections),
                key=f"page:{pk}",
                title=title,
                url=reverse("wagtailadmin_pages:edit", args=[pk]),
                detail=detail,
            )
        )
    return findings


INDICATORS = [
    Indicator(
        key="interpretation.overdue",
        label=gettext_lazy("政策解读超过 3 个工作日未发布"),
        find=find_overdue_interpretations,
        help_text=gettext_lazy(
            "《盈江县全面推进基层政务公开标准化规范化工作实施方案》三(二)3：需要解读的政策文件"
            "（行政规范性文件默认需要）应在文件发布后 3 个工作日内发布政策解读。"
        ),
    ),
    Indicator(
        key="interpretation.unlinked",
        label=gettext_lazy("政策解读未与政策文件相互关联"),
        find=find_unlinked_interpretations,
        help_text=gettext_lazy(
            "《盈江县全面推进基层政务公开标准化规范化工作实施方案》三(二)3：政策解读与政策文件同步发布、"
            "相互关联；解读没有关联公开的政策文件时，公众在两处都看不到它们的关联。"
        ),
    ),
]
