"""Demo content for review and the life cycle: 平原镇's documents waiting to be published and its
yearly cleanup-results page."""

from __future__ import annotations

import datetime

from django.utils import timezone

from disclosure.blocks import rich_text_stream
from disclosure.models import (
    CleanupReportPage,
    ColumnKind,
    ColumnPage,
    DisclosureAttribute,
    Genre,
    GovernmentDocumentPage,
)
from sites.models import UnitSectionPage

PENDING_DRAFTS = (
    # slug, title, days since it was written
    ("pingyuan-draft-overdue", "平原镇关于开展冬季森林防火工作的通知（演示，逾期未发布）", 40),
    ("pingyuan-draft-due-soon", "平原镇2026年第四季度低保资金发放情况公示（演示，待发布）", 24),
)


def _statutory(unit_slug: str) -> ColumnPage:
    section = UnitSectionPage.objects.get(unit__slug=unit_slug, locale__language_code="zh-hans")
    return ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.STATUTORY)


def add_pending_drafts() -> None:
    """Public documents still in draft, so that the Art. 26 timer has something to show."""
    column = _statutory("pingyuan")
    today = timezone.localdate()
    for slug, title, age in PENDING_DRAFTS:
        if GovernmentDocumentPage.objects.child_of(column).filter(slug=slug).exists():
            continue
        draft = GovernmentDocumentPage(
            slug=slug,
            title=title,
            live=False,
            written_date=today - datetime.timedelta(days=age),
            disclosure_attribute=DisclosureAttribute.PUBLIC,
            genre=Genre.NOTICE,
            body=rich_text_stream("<p>（演示草稿，尚未发布。）</p>"),
        )
        column.add_child(instance=draft)
        draft.save_revision()


def add_cleanup_report(year: int = 2026) -> None:
    column = _statutory("pingyuan")
    slug = f"cleanup-{year}"
    if CleanupReportPage.objects.child_of(column).filter(slug=slug).exists():
        return
    report = CleanupReportPage(
        title=f"平原镇{year}年度文件清理结果",
        slug=slug,
        year=year,
        intro=(
            "<p>（演示文本）根据县人民政府办公室关于开展规范性文件清理工作的要求，"
            "平原镇对本单位制发的文件进行了全面清理。清理结果如下。</p>"
        ),
    )
    column.add_child(instance=report)
    report.save_revision().publish()


def load_review_demo() -> None:
    add_pending_drafts()
    add_cleanup_report()
