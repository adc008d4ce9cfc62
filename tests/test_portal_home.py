"""The portal home page: what every unit publishes shows up by itself, nothing else does, and the
page costs the same few queries however much there is."""

from __future__ import annotations

import datetime
import itertools
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, PageViewRestriction

from disclosure.models import ColumnPage, NewsPage, NoticePage
from participation.models import Message, MessageBoardPage, MessageModeration
from sites.models import HomeTopicLink, PortalHomePage, Unit, UnitSectionPage
from tests.test_documents import new_document
from tests.test_opinions import open_consultation

CHINA = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count()
# Whatever the county holds: two queries per list (its pages, the view restrictions), the
# sections and their units once, and what the site and the language switcher ask.
MAX_HOME_QUERIES = 40


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def section(slug: str) -> UnitSectionPage:
    return UnitSectionPage.objects.get(unit__slug=slug, locale__language_code="zh-hans")


def column(slug: str, title: str = "工作动态") -> ColumnPage:
    found = ColumnPage.objects.child_of(section(slug)).filter(title=title).first()
    if found:
        return found
    page = ColumnPage(title=title, slug=f"column-{next(_numbers)}")
    section(slug).add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_news(slug: str, title: str, *, model=NewsPage, publish: bool = True, published=None, **fields):
    """A news page (or notice) in the unit's 工作动态 column, published as the unit's review does."""
    page = model(
        title=title,
        slug=f"news-{next(_numbers)}",
        body="<p>正文</p>",
        live=False,
        first_published_at=published,
        **fields,
    )
    column(slug, "通知公告" if model is NoticePage else "工作动态").add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def block(content: str, heading: str) -> str:
    """The HTML of the home page's block under `heading`."""
    match = re.search(
        rf'<section class="home-block[^"]*"[^>]*>\s*<h2[^>]*>(?:<a[^>]*>)?{heading}.*?</section>',
        content,
        re.S,
    )
    assert match, heading
    return match.group(0)


@pytest.mark.django_db
def test_lists_update_by_themselves_as_units_publish(small_county, client):
    assert "暂无新闻" in block(home(client), "要闻动态")

    day = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=CHINA)
    publish_news("pingyuan", "平原镇集镇道路改造完工", published=day)
    publish_news("scjg", "市场监管局开展食品安全检查", published=day + datetime.timedelta(days=1))
    publish_news("xzfb", "县政府召开常务会议", published=day + datetime.timedelta(days=2))
    publish_news("pingyuan", "平原镇停水通知", model=NoticePage, published=day)
    new_document("scjg", title="县市场监督管理局关于规范农贸市场秩序的通告")

    content = home(client)
    news = block(content, "要闻动态")
    # Newest first, each with its unit and its date.
    assert (
        news.index("县政府召开常务会议")
        < news.index("市场监管局开展食品安全检查")
        < news.index("平原镇集镇道路改造完工")
    )
    assert "县市场监督管理局" in news and "平原镇" in news
    assert '<time datetime="2026-11-20T09:30:00+0800">2026-11-20</time>' in news
    notices = block(content, "通知公告")
    assert "平原镇停水通知" in notices and "集镇道路" not in notices
    assert "县市场监督管理局关于规范农贸市场秩序的通告" in block(content, "政策文件")
    # The quick directory links every unit's section.
    units = block(content, "各单位信息公开")
    for slug in ("xzfb", "pingyuan", "scjg"):
        assert f'href="/zwgk/{slug}/"' in units


@pytest.mark.django_db
def test_unpublished_and_private_pages_are_never_shown(small_county, client):
    publish_news("pingyuan", "草稿新闻从未发布", publish=False)
    withdrawn = publish_news("pingyuan", "发布后撤下的新闻")
    UnpublishPageAction(withdrawn).execute(skip_permission_checks=True)
    private = publish_news("scjg", "仅限内部查看的通知", model=NoticePage)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    new_document("pingyuan", title="依申请公开的文件不上首页", disclosure_attribute="on_request")
    publish_news("pingyuan", "公开的新闻")

    content = home(client)
    assert "公开的新闻" in content
    for title in ("草稿新闻从未发布", "发布后撤下的新闻", "仅限内部查看的通知", "依申请公开的文件不上首页"):
        assert title not in content
    # A withdrawn section takes its news off the home page with it.
    UnpublishPageAction(section("pingyuan")).execute(skip_permission_checks=True)
    assert "公开的新闻" not in home(client)


@pytest.mark.django_db
def test_interaction_block_shows_open_consultations_and_answered_messages(small_county, client):
    open_consultation("pingyuan", title="平原镇集镇管理办法（征求意见稿）")
    open_consultation(
        "scjg",
        title="尚未开始的征求意见",
        slug="later",
        opens_at=timezone.now() + datetime.timedelta(days=3),
        closes_at=timezone.now() + datetime.timedelta(days=13),
    )
    board = MessageBoardPage(title="网民留言", slug="messages")
    section("pingyuan").add_child(instance=board)
    board.save_revision().publish()
    unit = Unit.objects.get(slug="pingyuan")
    now = timezone.now()
    for subject, moderation, reply in (
        ("路灯已修好了吗", MessageModeration.PUBLIC, "已于本周修复。"),
        ("未答复的留言", MessageModeration.PUBLIC, ""),
        ("含个人信息的留言", MessageModeration.PRIVATE, "已电话答复。"),
    ):
        Message.objects.create(
            unit=unit,
            board=board,
            tracking_code=f"T{next(_numbers):08d}",
            subject=subject,
            content="内容",
            moderation=moderation,
            reply=reply,
            replied_at=now if reply else None,
        )

    interaction = block(home(client), "互动交流")
    assert "平原镇集镇管理办法（征求意见稿）" in interaction and "截止" in interaction
    assert "尚未开始的征求意见" not in interaction
    assert "路灯已修好了吗" in interaction and 'href="/zwgk/pingyuan/messages/"' in interaction
    assert "未答复的留言" not in interaction and "含个人信息的留言" not in interaction
    assert 'href="/zwgk/ysqgk/"' in interaction  # the county's 依申请公开 entry


@pytest.mark.django_db
def test_county_office_edits_the_service_entry_and_topic_links(small_county, client):
    page = PortalHomePage.objects.get(locale__language_code="zh-hans", depth=2)
    draft_target = publish_news("pingyuan", "尚未公开的专题页", publish=False)
    page.service_label, page.service_url = "网上办事大厅", "https://zwfw.example.gov.cn/"
    page.topic_links = [
        HomeTopicLink(title="乡村振兴", link_page=section("pingyuan"), text="平原镇的乡村振兴工作"),
        HomeTopicLink(title="优化营商环境", link_url="https://example.gov.cn/yshj/"),
        HomeTopicLink(title="未公开的专题", link_page=draft_target),
    ]
    page.save_revision().publish()

    content = home(client)
    assert 'href="https://zwfw.example.gov.cn/"' in block(content, "办事服务")
    topics = block(content, "专题专栏")
    assert topics.index("乡村振兴") < topics.index("优化营商环境")
    assert 'href="/zwgk/pingyuan/"' in topics and "平原镇的乡村振兴工作" in topics
    assert "未公开的专题" not in topics


@pytest.mark.django_db
def test_a_topic_links_a_page_or_an_address_not_both():
    from django.core.exceptions import ValidationError

    for link in (
        HomeTopicLink(title="空"),
        HomeTopicLink(title="两者", link_url="https://a.example/", link_page_id=1),
    ):
        with pytest.raises(ValidationError):
            link.clean()


def queries_of_home(client) -> int:
    """The queries of one uncached home page (the public pages are cached between requests)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        home(client)
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_what_units_publish(
    small_county, client, django_assert_max_num_queries
):
    queries_of_home(client)  # warms the per-process caches (locales, site roots)
    few = queries_of_home(client)
    for slug in ("xzfb", "pingyuan", "scjg"):
        for number in range(4):
            publish_news(slug, f"{slug}新闻{number}")
            publish_news(slug, f"{slug}通知{number}", model=NoticePage)
            new_document(slug, title=f"{slug}文件{number}")
    open_consultation("pingyuan")
    queries_of_home(client)
    cache.clear()
    with django_assert_max_num_queries(few):
        content = home(client)
    assert "scjg新闻3" in content and "pingyuan通知3" in content and "平原镇集镇农贸市场管理办法" in content
    cache.clear()
    with django_assert_max_num_queries(MAX_HOME_QUERIES):
        home(client)


@pytest.mark.django_db
def test_news_page_shows_its_source_and_publication_time_to_the_minute(small_county, client):
    published = datetime.datetime(2026, 11, 20, 9, 30, 12, 345678, tzinfo=CHINA)
    own = publish_news("pingyuan", "平原镇新闻", published=published, summary="一句话摘要")
    quoted = publish_news("pingyuan", "转载的新闻", source="德宏州人民政府网")
    content = client.get(own.url).content.decode()
    assert "平原镇人民政府" in content or Unit.objects.get(slug="pingyuan").name in content
    assert '<time datetime="2026-11-20T09:30:12+0800">2026-11-20 09:30</time>' in content
    assert "345678" not in content
    assert "德宏州人民政府网" in client.get(quoted.url).content.decode()
    # The column lists its news with the time.
    listing = client.get(own.get_parent().url).content.decode()
    assert "平原镇新闻" in listing and "2026-11-20 09:30" in listing


@pytest.mark.django_db
def test_news_goes_through_the_units_review(small_county, client):
    """An editor cannot publish news: it waits for the unit's two review steps, like a document."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    editor = get_user_model().objects.create_user("news-editor", password="x")
    editor.groups.add(Unit.objects.get(slug="pingyuan").editors_group)
    client.force_login(editor)
    parent = column("pingyuan")
    data = nested_form_data(
        {
            "title": "编辑提交的新闻",
            "slug": "editor-news",
            "source": "",
            "summary": "",
            "body": rich_text("<p>正文</p>"),
        }
    )
    response = client.post(
        f"/admin/pages/add/disclosure/newspage/{parent.id}/", {**data, "action-publish": "1"}
    )
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="editor-news", locale__language_code="zh-hans")
    assert not page.live
    page.get_workflow().start(page, editor)
    assert page.get_workflow() == section("pingyuan").get_workflow()
    assert Page.objects.get(pk=page.pk).specific.workflow_in_progress
    assert "编辑提交的新闻" not in home(client.__class__())
    # Another unit's editor may not add news in 平原镇's column.
    other = get_user_model().objects.create_user("other-editor", password="x")
    other.groups.add(Unit.objects.get(slug="scjg").editors_group)
    client.force_login(other)
    assert client.get(f"/admin/pages/add/disclosure/newspage/{parent.id}/").status_code in (302, 403)


@pytest.mark.django_db
def test_site_search_finds_public_news_by_title(small_county, client):
    publish_news("pingyuan", "平原镇举办农民丰收节")
    publish_news("pingyuan", "平原镇丰收节草稿", publish=False)
    content = client.get("/search/?q=丰收节").content.decode()
    assert "平原镇举办农民丰收节" in content and "草稿" not in content


@pytest.mark.django_db
def test_withdrawn_or_private_consultations_leave_the_home_page(small_county, client):
    withdrawn = open_consultation("pingyuan", title="撤下的征求意见")
    private = open_consultation("scjg", title="内部的征求意见", slug="internal")
    open_consultation("scjg", title="公开的征求意见", slug="public-one")
    UnpublishPageAction(withdrawn).execute(skip_permission_checks=True)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    interaction = block(home(client), "互动交流")
    assert "公开的征求意见" in interaction
    assert "撤下的征求意见" not in interaction and "内部的征求意见" not in interaction
