"""The catalogue's evidence for the county's deadline registry (sites/deadlines.py).

Seed 四(四) 2: each unit files its 公开事项标准指引及目录 by a date; 四(四) 3: by a later date every
item's column carries its content. Here a unit has filed its catalogue once it keeps at least one
item (the day of its first item, from the admin's history, where the item was added there), and
has filled its columns once none of its items is found by the oversight indicator
`catalogue.items_without_content` on that day: the same rule, asked for the day in question.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from sites.deadlines import DeadlineEvidence, Evidence
from workdays.services import as_local_date

from .indicators import find_items_without_content
from .models import CatalogueItem


def catalogue_url(unit_id: int) -> str:
    return f"{reverse('catalogue:index')}?{urlencode({'unit': unit_id})}"


def items_by_day(day: date) -> tuple[Counter, dict[int, date]]:
    """How many items each unit kept on `day`, and the day of its first item where known.

    An item added in the admin has a creation entry in its history; one without (imported, or
    from before the history was kept) counts as present all along."""
    items = dict(CatalogueItem.objects.values_list("pk", "unit_id"))
    created = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CatalogueItem),
        action="wagtail.create",
        object_id__in=[str(pk) for pk in items],
    ).values_list("object_id", "timestamp")
    created_on = {int(object_id): as_local_date(timestamp) for object_id, timestamp in created}
    counts: Counter = Counter()
    first: dict[int, date] = {}
    for pk, unit_id in items.items():
        on = created_on.get(pk)
        if on is not None and on > day:
            continue
        counts[unit_id] += 1
        if on is not None and (unit_id not in first or on < first[unit_id]):
            first[unit_id] = on
    return counts, first


def find_filed_catalogues(due_on: date, day: date) -> dict[int, Evidence]:
    counts, first = items_by_day(day)
    return {
        unit_id: Evidence(
            done=True,
            done_on=first.get(unit_id),
            url=catalogue_url(unit_id),
            detail=_("共 %(count)d 个事项") % {"count": count},
        )
        for unit_id, count in counts.items()
    }


def find_filled_columns(due_on: date, day: date) -> dict[int, Evidence]:
    counts, _first = items_by_day(day)
    empty = Counter(finding.unit_id for finding in find_items_without_content(day))
    evidence = {}
    for unit_id, count in counts.items():
        if empty[unit_id]:
            detail = _("%(count)d 个事项中 %(empty)d 个无发布内容") % {
                "count": count,
                "empty": empty[unit_id],
            }
            evidence[unit_id] = Evidence(done=False, url=catalogue_url(unit_id), detail=detail)
        else:
            detail = _("全部 %(count)d 个事项均有发布内容") % {"count": count}
            evidence[unit_id] = Evidence(done=True, url=catalogue_url(unit_id), detail=detail)
    return evidence


EVIDENCE = [
    DeadlineEvidence(
        key="catalogue.filed",
        label=gettext_lazy("编制公开事项标准目录"),
        find=find_filed_catalogues,
        help_text=gettext_lazy("本单位在“公开事项目录”中至少有一个事项；以第一个事项的添加日期为完成日期。"),
    ),
    DeadlineEvidence(
        key="catalogue.columns_filled",
        label=gettext_lazy("目录事项栏目内容更新"),
        find=find_filled_columns,
        help_text=gettext_lazy("本单位公开事项目录中的每个事项在其发布栏目中都有公众可以查看的内容。"),
    ),
]
