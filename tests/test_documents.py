"""Government documents: statutory metadata, 索引号 issued at first publication, validity."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from disclosure.blocks import rich_text_stream
from disclosure.models import (
    ColumnKind,
    ColumnPage,
    DisclosureAttribute,
    GovernmentDocumentPage,
    IndexNumber,
    Validity,
)
from sites.models import Unit, UnitSectionPage

CHINA = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count()


def statutory(slug: str) -> ColumnPage:
    section = UnitSectionPage.objects.get(unit__slug=slug, locale__language_code="zh-hans")
    return ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.STATUTORY)


def new_document(
    slug: str, *, publish: bool = True, first_published_at=None, **fields
) -> GovernmentDocumentPage:
    number = next(_numbers)
    values = {
        "title": f"测试文件{number}",
        "slug": f"doc-{number}",
        "written_date": datetime.date(2026, 3, 1),
        "disclosure_attribute": DisclosureAttribute.PUBLIC,
        "body": rich_text_stream("<p>正文</p>"),
        "first_published_at": first_published_at,
        # Wagtail creates pages live by default; a draft must not be.
        "live": False,
        **fields,
    }
    page = GovernmentDocumentPage(**values)
    statutory(slug).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_index_number_is_issued_at_first_publish_and_runs_per_unit_and_year(small_county):
    pingyuan = Unit.objects.get(slug="pingyuan")
    draft = new_document("pingyuan", publish=False)
    assert draft.index_number == ""

    first = new_document("pingyuan", first_published_at=datetime.datetime(2025, 12, 31, 23, 0, tzinfo=CHINA))
    second = new_document("pingyuan")
    third = new_document("pingyuan")
    other_unit = new_document("scjg")
    year = datetime.datetime.now(CHINA).year

    assert first.index_number == f"{pingyuan.code}/2025-00001"
    assert second.index_number == f"{pingyuan.code}/{year}-00001"
    assert third.index_number == f"{pingyuan.code}/{year}-00002"
    assert other_unit.index_number == f"{Unit.objects.get(slug='scjg').code}/{year}-00001"


@pytest.mark.django_db
def test_index_number_never_changes_afterwards(small_county):
    page = new_document("pingyuan")
    issued = page.index_number
    page.title = "修改后的标题"
    page.publishing_unit = Unit.objects.get(slug="scjg")
    page.save_revision().publish()
    page.unpublish()
    page.save_revision().publish()
    fresh = GovernmentDocumentPage.objects.get(pk=page.pk)
    assert fresh.index_number == issued
    assert IndexNumber.objects.filter(translation_key=page.translation_key).count() == 1


@pytest.mark.django_db
def test_credit_code_is_preferred_to_the_unit_code(small_county):
    Unit.objects.filter(slug="pingyuan").update(credit_code="11530000015116808N")
    page = new_document("pingyuan", first_published_at=datetime.datetime(2026, 5, 1, tzinfo=CHINA))
    assert page.index_number == "11530000015116808N/2026-00001"


@pytest.mark.django_db
def test_aliases_and_translations_share_the_number(small_county):
    page = new_document("pingyuan")
    dai = Locale.objects.get(language_code="tdd")
    alias = page.copy_for_translation(dai, copy_parents=True, alias=True)
    assert GovernmentDocumentPage.objects.get(pk=alias.pk).index_number == page.index_number
    jingpo = Locale.objects.get(language_code="kac")
    translation = page.copy_for_translation(jingpo, copy_parents=True)
    translation.save_revision().publish()
    assert GovernmentDocumentPage.objects.get(pk=translation.pk).index_number == page.index_number
    assert IndexNumber.objects.count() == 1


@pytest.mark.django_db
def test_invalid_document_needs_its_date_and_shows_a_banner(small_county, client):
    page = new_document("pingyuan")
    page.validity = Validity.REPEALED
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "请填写失效或废止日期" in str(excinfo.value)
    assert "请填写失效或废止原因" in str(excinfo.value)

    replacement = new_document("pingyuan", title="新的实施办法")
    page.validity_changed_on = datetime.date(2026, 6, 1)
    page.validity_reason = "被新的实施办法替代"
    page.replaced_by = replacement
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "本文件已废止（2026-06-01）" in html
    assert "被新的实施办法替代" in html
    assert f'href="{replacement.url}"' in html
    listing = client.get(statutory("pingyuan").url).content.decode()
    assert "已废止" in listing


@pytest.mark.django_db
def test_demo_documents_carry_the_metadata_grid(demo, client):
    seed = GovernmentDocumentPage.objects.get(slug="yingjiang-openness-standardisation-plan-2020")
    assert seed.index_number == f"{Unit.objects.get(slug='xzfb').code}/2020-00001"
    html = client.get(seed.url).content.decode()
    for label, value in [
        ("索引号", seed.index_number),
        ("主题分类", "综合政务"),
        ("发布机构", "盈江县人民政府办公室"),
        ("成文日期", "2020-06-30"),
        # To the minute, in the county's time zone (issue 15).
        ("发布日期", '<time datetime="2020-06-30T09:00:00+0800">2020-06-30 09:00</time>'),
        ("有效性", "有效"),
        ("公开属性", "此件公开发布"),
        ("体裁分类", "通知"),
        ("公开方式", "主动公开"),
    ]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html, label
    assert "关键词：政务公开" in html
    listing = client.get(statutory("xzfb").url).content.decode()
    assert seed.index_number in listing
    # The 不公开 demo document gets a number in the register but shows nowhere.
    hidden = GovernmentDocumentPage.objects.get(slug="demo-2026-internal-personnel-matter")
    assert (
        hidden.index_number
        and hidden.index_number not in client.get(statutory("pingyuan").url).content.decode()
    )


@pytest.mark.django_db
def test_listing_needs_no_query_per_document(small_county, client, django_assert_max_num_queries):
    for _ in range(3):
        new_document("pingyuan")
    url = statutory("pingyuan").url
    client.get(url)
    # 30: the column's documents, its news and notices, and every page's footer setting.
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    # Counted now: every request empties the connection's query log that `few` reads.
    bound = len(few.captured_queries)
    for _ in range(5):
        new_document("pingyuan")
    # Compared warm, as measured above: a request that refills an emptied cache (Wagtail's site root
    # paths, in Redis, which another test process may flush) costs queries, but none per document.
    client.get(url)
    with django_assert_max_num_queries(bound):
        client.get(url)
