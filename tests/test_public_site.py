"""The public portal as a citizen meets it (server-rendered HTML; the browser tests drive Chromium)."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from portal.demo import SEED_TITLE, load_demo
from sites.models import UnitSectionPage

ROOT = Path(__file__).resolve().parent.parent


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_index_lists_every_unit_grouped_by_kind(demo, client):
    html = text(client, "/zwgk/")
    groups = re.findall(r"<h2>(.*?)</h2>", html)
    assert groups == ["县政府办公室", "县直部门", "乡镇"]
    for section in UnitSectionPage.objects.filter(locale__language_code="zh-hans"):
        assert f'href="{section.url}"' in html


def test_section_shows_columns_and_contacts(demo, client):
    html = text(client, "/zwgk/pingyuan/")
    for column in (
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "机构概况",
    ):
        assert column in html
    assert "盈江县平原镇（演示地址）" in html
    assert "0692-0000001" in html
    profile = text(client, "/zwgk/pingyuan/profile/")
    assert "主要职能" in profile and "工作日 9:00" in profile
    # Breadcrumbs lead back up the tree.
    assert re.search(r'<a href="/zwgk/">政务公开</a>', profile)


def test_seed_document_is_published_with_its_date_and_attribute(demo, client):
    html = text(client, "/zwgk/xzfb/statutory/")
    assert SEED_TITLE in html and "2020-06-30" in html
    page = text(client, "/zwgk/xzfb/statutory/yingjiang-openness-standardisation-plan-2020/")
    assert "<dt>成文日期</dt><dd>2020-06-30</dd>" in page
    assert "<dt>公开属性</dt><dd>此件公开发布</dd>" in page
    assert "<h2>一、总体要求</h2>" in page


def test_non_public_document_never_shows(demo, client):
    assert client.get("/zwgk/pingyuan/statutory/demo-2026-internal-personnel-matter/").status_code == 404
    assert client.get("/tdd/zwgk/pingyuan/statutory/demo-2026-internal-personnel-matter/").status_code == 404
    for url in ("/zwgk/pingyuan/", "/zwgk/pingyuan/statutory/"):
        assert "内部人事事项" not in text(client, url)


def test_language_trees_are_served(demo, client):
    assert "平原镇信息公开" in text(client, "/tdd/zwgk/pingyuan/")
    assert text(client, "/kac/zwgk/").count("<h2>") == 3
    assert 'lang="tdd"' in text(client, "/tdd/")


def test_public_pages_carry_a_strict_csp(demo, client):
    response = client.get("/zwgk/pingyuan/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_templates_have_no_inline_script_or_style():
    offenders = []
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        source = template.read_text(encoding="utf-8")
        if (
            re.search(r"<script(?![^>]*\bsrc=)", source)
            or re.search(r"\sstyle=", source)
            or "<style" in source
        ):
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_templates_load_nothing_from_other_hosts():
    offenders = []
    for path in [
        *ROOT.glob("templates/**/*.html"),
        *ROOT.glob("*/templates/**/*.html"),
        *ROOT.glob("static/**/*.css"),
    ]:
        if re.search(
            r"""(src|href)=["']?(https?:)?//|url\((["']?)(https?:)?//""", path.read_text(encoding="utf-8")
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_load_demo_is_idempotent(demo, small_county_records):
    from wagtail.models import Page

    pages, revisions = (
        Page.objects.count(),
        Page.objects.get(depth=2, locale__language_code="tdd").revisions.count(),
    )
    report, logins = load_demo(small_county_records, progress=lambda message: None)
    assert report.changed == 0
    assert Page.objects.count() == pages
    assert Page.objects.get(depth=2, locale__language_code="tdd").revisions.count() == revisions
    assert logins == []
    assert set(demo) == {
        "admin",
        "county_admin",
        "pingyuan_editor",
        "pingyuan_reviewer",
        "scjg_editor",
        "scjg_reviewer",
    }


def test_demo_publishes_last_years_annual_reports_and_the_website_report(demo, client):
    """Issue 13, demo: 平原镇's and 县市场监督管理局's reports for last year are public in their
    政府信息公开年报 columns, with the three tables, and the home page links the website report."""
    from reports.models import AnnualReportPage

    year = timezone.localdate().year - 1
    reports = AnnualReportPage.objects.live().filter(year=year)
    assert sorted(page.unit.slug for page in reports) == ["pingyuan", "scjg"]
    for page in reports:
        assert page.get_parent().title == "政府信息公开年报"
        html = client.get(page.url).content.decode()
        for heading in (
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
        ):
            assert heading in html, (page.unit.slug, heading)
    home = client.get("/").content.decode()
    assert "政府网站工作年度报表" in home
    url = reverse("reports_public:website_report", args=[year])
    assert url in home
    assert "网站标识码" in client.get(url).content.decode()


def test_demo_home_page_is_full(demo, client):
    """Issue 15, demo: the home page shows news and notices of the county office and two units,
    documents, interpretations, an open consultation, the 办事服务 entry, topics and the units."""
    from portal.demo.home import PUBLICATIONS

    home = client.get("/").content.decode()
    for heading in (
        "要闻动态",
        "通知公告",
        "政策文件",
        "政策解读",
        "互动交流",
        "办事服务",
        "专题专栏",
        "各单位信息公开",
    ):
        assert f">{heading}</" in home, heading
    shown = [
        title
        for publications in PUBLICATIONS.values()
        for _k, _s, title, *_rest in publications
        if title in home
    ]
    assert len(shown) >= 6
    for unit in ("县政府办公室", "平原镇", "县市场监督管理局"):
        assert f'<span class="home-list__unit">{unit}</span>' in home, unit
    assert "暂无新闻" not in home and "暂无通知公告" not in home and "目前没有正在征求意见的事项" not in home
    assert "https://zwfw.yn.gov.cn/" in home and "（演示）</span>" in home
