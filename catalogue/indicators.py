"""The catalogue rule the county's oversight checks every day (issue 14, sites/indicators.py).

An item of the standard catalogue (公开事项标准目录, seed 三(一)) promises content: the public must
find it in the item's column. `CatalogueItem.has_published_content` says so for one item; here
the same rule is applied to every unit's items at once (a published column with its own text, or
with a document the public can see below it), in three queries for the whole county.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from disclosure.models import GovernmentDocumentPage
from sites.indicators import Finding, Indicator
from sites.tenancy import inside_subtrees
from workdays.services import as_local_date

from .models import CatalogueItem


def find_items_without_content(today: date) -> list[Finding]:
    items = list(
        CatalogueItem.objects.in_domain_order().values_list(
            "pk", "unit_id", "name", "domain", "column_id", "column__live", "column__intro", "column__path"
        )
    )
    column_paths = {path for *_item, path in items if path}
    published = GovernmentDocumentPage.objects.visible_to_public().filter(inside_subtrees(column_paths))
    # The columns holding a public document by `today`: every ancestor path of each document.
    with_documents = set()
    for path, first_published in published.values_list("path", "first_published_at"):
        if first_published is None or as_local_date(first_published) <= today:
            with_documents.update(path[:length] for length in range(Page.steplen, len(path), Page.steplen))
    findings = []
    for pk, unit_id, name, _domain, column_id, live, intro, path in items:
        if column_id is None:
            reason = _("未指定发布栏目")
        elif not live:
            reason = _("发布栏目未发布")
        elif strip_tags(intro or "").strip() or path in with_documents:
            continue
        else:
            reason = _("发布栏目下没有公众可以查看的文件")
        findings.append(
            Finding(
                unit_id=unit_id,
                key=f"catalogue_item:{pk}",
                title=name,
                url=reverse("catalogue:edit", args=[pk]),
                detail=reason,
            )
        )
    return findings


INDICATORS = [
    Indicator(
        key="catalogue.items_without_content",
        label=gettext_lazy("目录事项无发布内容"),
        find=find_items_without_content,
        help_text=gettext_lazy(
            "《盈江县全面推进基层政务公开标准化规范化工作实施方案》三(一)：公开事项标准目录中的每一事项都应在其发布栏目中"
            "发布内容；未指定栏目、栏目未发布或栏目下没有公开文件的事项列为无发布内容。"
        ),
    ),
]
