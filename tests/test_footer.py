"""The footer every page carries (国办发〔2017〕47号: 主办单位, 联系方式, 网站标识码, ICP 备案号,
公安机关备案号, 党政机关网站标识, 网站地图, 我为政府网站找错), kept by county administrators only;
and the generated 网站地图 listing every public column by kind of unit."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site

from disclosure.models import ColumnKind, ColumnPage
from portal.models import FooterSettings
from sites.models import UnitSectionPage

from .conftest import unit_member

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
SITE_MAP_URL = "/wangzhanditu/"


def pages_with_a_footer() -> dict[str, str]:
    column = ColumnPage.objects.filter(locale__language_code="zh-hans", live=True).first()
    return {
        "home": "/",
        "index": "/zwgk/",
        "section": "/zwgk/pingyuan/",
        "column": column.url,
        "search": "/search/?q=通知",
        "site_map": SITE_MAP_URL,
        "errorreport": "/zhaocuo/",
        "errorreport_lookup": "/zhaocuo/lookup/",
        "not_found": "/no-such-page/",
        "dai_home": "/tdd/",
    }


def footer_text(html: str) -> str:
    """The footer's text as a reader sees it, without the markup."""
    footer = html[html.index('<footer class="site-footer">') : html.index("</footer>")]
    return re.sub(r"<[^>]+>", "", footer)


def fill_footer(**extra) -> FooterSettings:
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    values = {
        "host": "测试主办单位县政府办",
        "organizer": "测试承办单位信息中心",
        "phone": "0692-7654321",
        "email": "web@example.org",
        "address": "测试地址平原镇某路 1 号",
        "site_code": "5331230099",
        "icp_number": "滇ICP备99999999号",
        "police_number": "滇公网安备 53312302999999号",
        "police_link": "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=53312302999999",
        "conac_link": "https://bszs.conac.cn/sitename?method=show&id=TEST",
        **extra,
    }
    for field, value in values.items():
        setattr(footer, field, value)
    footer.save()
    return footer


@pytest.mark.django_db
def test_every_page_carries_the_footer_with_its_default_host(small_county, client):
    for name, url in pages_with_a_footer().items():
        html = client.get(url).content.decode()
        assert 'class="site-footer"' in html, name
        assert "主办单位：盈江县人民政府办公室" in footer_text(html), name
        prefix = "/tdd" if name.startswith("dai_") else ""
        assert f'href="{prefix}/wangzhanditu/"' in html and "我为政府网站找错" in html, name
        assert f'href="{prefix}/zhaocuo/?url=' in html, name


@pytest.mark.django_db
def test_the_footer_shows_every_item_set_with_its_links(small_county, client):
    badge = get_image_model().objects.create(
        title="党政机关标识", file=ImageFile(BytesIO(GIF), name="conac.gif")
    )
    fill_footer(conac_image=badge)
    html = client.get("/zwgk/pingyuan/").content.decode()
    text = footer_text(html)
    for item in (
        "主办单位：测试主办单位县政府办",
        "承办单位：测试承办单位信息中心",
        "联系电话：0692-7654321",
        "邮箱：web@example.org",
        "地址：测试地址平原镇某路 1 号",
        "网站标识码：5331230099",
        "滇ICP备99999999号",
        "滇公网安备 53312302999999号",
    ):
        assert item in text, item
    for text in (
        'href="mailto:web@example.org"',
        '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank"><span>滇ICP备99999999号</span></a>',
        'href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=53312302999999"',
        'href="https://bszs.conac.cn/sitename?method=show&amp;id=TEST"',
        '<img src="/footer/badge/" alt="党政机关网站标识"',
    ):
        assert text in html, text
    image = client.get("/footer/badge/")
    assert image.status_code == 200 and image["Content-Type"].startswith("image/")
    # The badge is served because the footer names it; the same image elsewhere stays private.
    assert client.get(badge.file.url).status_code == 404


@pytest.mark.django_db
def test_no_badge_without_an_image(small_county, client):
    assert client.get("/footer/badge/").status_code == 404


@pytest.mark.django_db
def test_only_county_administrators_edit_the_footer(small_county, client):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/portal/footersettings/{site.pk}/"
    form = {"host": "改过的主办单位", "conac_image": "", "site_code": "5331230001"}
    for role, slug in (("editor", "xzfb"), ("reviewer", "pingyuan")):
        client.force_login(unit_member(role, slug))
        assert client.get(url).status_code != 200
        client.post(url, form)
        assert FooterSettings.for_site(site).host == ""
    client.force_login(unit_member("county_admin"))
    assert client.get(url).status_code == 200
    wrong = client.post(url, {**form, "site_code": "12"})
    assert wrong.status_code == 200 and "网站标识码为 10 位数字或字母。" in wrong.content.decode()
    assert client.post(url, form).status_code == 302
    assert FooterSettings.for_site(site).host == "改过的主办单位"
    assert "主办单位：改过的主办单位" in footer_text(client.get("/").content.decode())


# --- 网站地图 ---


def column_of(slug: str, kind: str) -> ColumnPage:
    section = UnitSectionPage.objects.get(unit__slug=slug, locale__language_code="zh-hans")
    return ColumnPage.objects.child_of(section).get(column_kind=kind)


@pytest.mark.django_db
def test_site_map_lists_every_public_column_by_kind_of_unit(small_county, client):
    html = client.get(SITE_MAP_URL).content.decode()
    assert "<h1>网站地图</h1>" in html
    assert html.index("县政府办公室") < html.index("县直部门") < html.index("乡镇")
    columns = ColumnPage.objects.live().public().filter(locale__language_code="zh-hans")
    assert columns.count() > 10
    for column in columns:
        assert f'href="{column.url}"' in html, column.title
    for section in UnitSectionPage.objects.filter(locale__language_code="zh-hans"):
        assert f'href="{section.url}"' in html


@pytest.mark.django_db
def test_site_map_leaves_out_private_unpublished_and_other_language_columns(small_county, client):
    private = column_of("pingyuan", ColumnKind.STATUTORY)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = column_of("scjg", ColumnKind.STATUTORY)
    withdrawn.unpublish()
    html = client.get(SITE_MAP_URL).content.decode()
    assert f'href="{private.url}"' not in html
    assert f'href="{withdrawn.url}"' not in html
    dai = Locale.objects.get(language_code="tdd")
    dai_column = ColumnPage.objects.filter(locale=dai, live=True).first()
    if dai_column is not None:
        assert f'href="{dai_column.url}"' not in html
        assert f'href="{dai_column.url}"' in client.get("/tdd" + SITE_MAP_URL).content.decode()


@pytest.mark.django_db
def test_site_map_queries_do_not_grow_with_the_columns(small_county, client, django_assert_max_num_queries):
    client.get(SITE_MAP_URL)  # warm the per-process caches (site roots, locales)
    with django_assert_max_num_queries(20):
        assert client.get(SITE_MAP_URL).status_code == 200


@pytest.mark.django_db
def test_in_the_dai_tree_the_chinese_footer_data_is_marked_chinese(small_county, client):
    fill_footer()
    html = client.get("/tdd/").content.decode()
    assert '<span lang="zh-Hans">测试主办单位县政府办</span>' in html
