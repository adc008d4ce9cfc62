"""The disclosure indicators of the county's oversight (issue 14): stale and empty columns, missing
attachment files, internal links that no longer resolve. Each fires on a day (or in a state) and
clears on the day before or once the editor has acted."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from disclosure.blocks import rich_text_stream
from disclosure.indicators import (
    add_months,
    column_cadence,
    find_broken_links,
    find_empty_columns,
    find_missing_attachments,
    find_stale_columns,
)
from disclosure.models import ColumnKind, ColumnPage, DisclosureAttribute
from sites.models import Unit, UnitSectionPage
from tests.test_attachments import attach, upload
from tests.test_documents import new_document, statutory

CHINA = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count()
OPENED = datetime.date(2026, 1, 1)


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=CHINA)


def new_column(slug: str, title: str) -> ColumnPage:
    section = UnitSectionPage.objects.get(unit__slug=slug, locale__language_code="zh-hans")
    column = ColumnPage(title=title, slug=f"column-{next(_numbers)}", first_published_at=at(OPENED))
    section.add_child(instance=column)
    column.save_revision().publish()
    return column


def new_page_in(column: ColumnPage, published: datetime.date, **fields):
    page = new_document("pingyuan", publish=False, first_published_at=at(published), **fields)
    page.move(column, pos="last-child")
    page.refresh_from_db()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def by_key(findings) -> dict:
    return {finding.key: finding for finding in findings}


def test_column_cadences_follow_kind_and_title():
    assert column_cadence(ColumnKind.GENERAL, "工作动态").days == 14
    assert column_cadence(ColumnKind.GENERAL, "乡镇要闻").days == 14
    assert column_cadence(ColumnKind.GENERAL, "通知公告").months == 6
    assert column_cadence(ColumnKind.GENERAL, "政策文件").months == 6
    assert column_cadence(ColumnKind.STATUTORY, "法定主动公开内容").months == 6
    assert column_cadence(ColumnKind.GUIDE, "政府信息公开指南") is None
    assert column_cadence(ColumnKind.GENERAL, "机构职能") is None
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)


@pytest.mark.django_db
def test_news_column_is_stale_after_two_weeks_and_clears_with_a_new_page(small_county):
    pingyuan = Unit.objects.get(slug="pingyuan")
    column = new_column("pingyuan", "工作动态")
    new_page_in(column, datetime.date(2026, 3, 2))
    key = f"page:{column.pk}"

    assert key not in by_key(find_stale_columns(datetime.date(2026, 3, 16)))
    finding = by_key(find_stale_columns(datetime.date(2026, 3, 17)))[key]
    assert finding.unit_id == pingyuan.pk
    assert finding.url == reverse("wagtailadmin_explore", args=[column.pk])
    assert finding.since == datetime.date(2026, 3, 17)
    assert "2026-03-02" in finding.detail

    new_page_in(column, datetime.date(2026, 3, 17))
    assert key not in by_key(find_stale_columns(datetime.date(2026, 3, 17)))
    # A page published later does not count for the days before it.
    new_page_in(column, datetime.date(2026, 4, 2))
    assert key in by_key(find_stale_columns(datetime.date(2026, 4, 1)))


@pytest.mark.django_db
def test_policy_column_is_stale_after_six_months(small_county):
    column = statutory("scjg")
    ColumnPage.objects.filter(pk=column.pk).update(first_published_at=at(OPENED))
    new_page_in(column, datetime.date(2026, 1, 10))
    key = f"page:{column.pk}"
    assert key not in by_key(find_stale_columns(datetime.date(2026, 7, 10)))
    finding = by_key(find_stale_columns(datetime.date(2026, 7, 11)))[key]
    assert finding.unit_id == Unit.objects.get(slug="scjg").pk
    assert finding.since == datetime.date(2026, 7, 11)


@pytest.mark.django_db
def test_empty_column_clears_with_a_public_page_not_with_a_non_public_one(small_county):
    column = new_column("pingyuan", "通知公告")
    key = f"page:{column.pk}"
    today = datetime.date(2026, 12, 1)
    finding = by_key(find_empty_columns(today))[key]
    assert finding.unit_id == Unit.objects.get(slug="pingyuan").pk
    assert finding.url == reverse("wagtailadmin_explore", args=[column.pk])

    new_page_in(column, datetime.date(2026, 11, 30), disclosure_attribute=DisclosureAttribute.NOT_PUBLIC)
    assert key in by_key(find_empty_columns(today))
    new_page_in(column, datetime.date(2026, 11, 30))
    assert key not in by_key(find_empty_columns(today))


@pytest.mark.django_db
def test_an_empty_column_is_not_also_stale(small_county):
    column = new_column("pingyuan", "工作动态")
    assert f"page:{column.pk}" not in by_key(find_stale_columns(datetime.date(2027, 12, 1)))


@pytest.mark.django_db
def test_missing_attachment_file_is_found_until_the_file_is_back(small_county):
    file = upload("pingyuan", "缺失附件")
    page = attach(new_document("pingyuan"), file)
    key = f"page:{page.pk}:document:{file.pk}"
    today = datetime.date(2026, 12, 1)
    assert key not in by_key(find_missing_attachments(today))

    content = file.file.read()
    file.file.storage.delete(file.file.name)
    try:
        finding = by_key(find_missing_attachments(today))[key]
        assert finding.unit_id == Unit.objects.get(slug="pingyuan").pk
        assert finding.url == reverse("wagtaildocs:edit", args=[file.pk])
    finally:
        file.file.storage.save(file.file.name, ContentFile(content))
    assert key not in by_key(find_missing_attachments(today))


@pytest.mark.django_db
def test_link_to_an_unpublished_or_deleted_page_is_found(small_county):
    target = new_document("pingyuan")
    source = new_document(
        "pingyuan", body=rich_text_stream(f'<p>见<a linktype="page" id="{target.pk}">另一文件</a>。</p>')
    )
    key = f"page:{source.pk}:link:{target.pk}"
    today = datetime.date(2026, 12, 1)
    assert key not in by_key(find_broken_links(today))

    target.unpublish()
    finding = by_key(find_broken_links(today))[key]
    assert finding.unit_id == Unit.objects.get(slug="pingyuan").pk
    assert finding.url == reverse("wagtailadmin_pages:edit", args=[source.pk])
    assert "取消发布" in finding.detail

    target.delete()
    assert "已删除" in by_key(find_broken_links(today))[key].detail


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["news", "notice"])
def test_a_published_news_or_notice_page_is_an_update_of_its_column(small_county, kind):
    from disclosure.models import NewsPage, NoticePage

    column = new_column("pingyuan", "工作动态")
    new_page_in(column, datetime.date(2026, 3, 2))
    key = f"page:{column.pk}"
    assert key in by_key(find_stale_columns(datetime.date(2026, 3, 20)))

    model = NewsPage if kind == "news" else NoticePage
    page = model(title="平原镇新闻", slug=f"news-{next(_numbers)}", body="<p>正文</p>", live=False)
    page.first_published_at = at(datetime.date(2026, 3, 18))
    column.add_child(instance=page)
    page.save_revision().publish()
    assert key not in by_key(find_stale_columns(datetime.date(2026, 3, 20)))
    # A draft does not count.
    draft = model(title="草稿", slug=f"news-{next(_numbers)}", body="<p>正文</p>", live=False)
    draft.first_published_at = None
    column.add_child(instance=draft)
    draft.save_revision()
    assert key in by_key(find_stale_columns(datetime.date(2026, 4, 2)))
