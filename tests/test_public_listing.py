"""Column listings (filters, pages), feeds and the sitemap: public documents only."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest

from disclosure.domains import Domain
from disclosure.models import DisclosureAttribute, Genre, SubjectCategory
from tests.test_documents import new_document, statutory

CHINA = ZoneInfo("Asia/Shanghai")
ATOM = "{http://www.w3.org/2005/Atom}"


def at(year: int, month: int = 6) -> datetime.datetime:
    return datetime.datetime(year, month, 1, 10, 0, tzinfo=CHINA)


@pytest.fixture
def documents(small_county):
    agriculture = SubjectCategory.objects.get(parent=None, name="农业、林业、水利")
    return {
        "old": new_document(
            "pingyuan", title="二〇二四年旧通知", first_published_at=at(2024), genre=Genre.NOTICE
        ),
        "subsidy": new_document(
            "pingyuan",
            title="补贴发放公告",
            first_published_at=at(2026),
            genre=Genre.ANNOUNCEMENT,
            subject=agriculture,
            domain=Domain.AGRICULTURAL_SUBSIDIES,
        ),
        "secret": new_document(
            "pingyuan",
            title="不公开的请示",
            first_published_at=at(2026),
            disclosure_attribute=DisclosureAttribute.NOT_PUBLIC,
        ),
        "on_request": new_document(
            "pingyuan",
            title="依申请公开的批复",
            first_published_at=at(2026),
            disclosure_attribute=DisclosureAttribute.ON_REQUEST,
        ),
    }


def titles(html: str, documents: dict) -> set[str]:
    return {key for key, page in documents.items() if page.title in html}


def test_listing_filters_by_year_subject_genre_and_domain(documents, client):
    url = statutory("pingyuan").url
    assert titles(client.get(url).content.decode(), documents) == {"old", "subsidy"}
    assert titles(client.get(url, {"year": "2024"}).content.decode(), documents) == {"old"}
    subject = documents["subsidy"].subject_id
    assert titles(client.get(url, {"subject": subject}).content.decode(), documents) == {"subsidy"}
    assert titles(client.get(url, {"genre": "notice"}).content.decode(), documents) == {"old"}
    assert titles(client.get(url, {"domain": "agricultural_subsidies"}).content.decode(), documents) == {
        "subsidy"
    }
    # Choices offered are only those the column holds; unknown values are ignored, not errors.
    html = client.get(url).content.decode()
    assert '<option value="2024">' in html and '<option value="2025">' not in html
    assert titles(client.get(url, {"year": "1999", "genre": "<script>"}).content.decode(), documents) == {
        "old",
        "subsidy",
    }


def test_listing_is_paged(small_county, client):
    for number in range(23):
        new_document("pingyuan", title=f"分页测试文件{number:02d}")
    url = statutory("pingyuan").url
    first = client.get(url).content.decode()
    second = client.get(url, {"p": "2"}).content.decode()
    assert first.count("分页测试文件") == 20 and second.count("分页测试文件") == 3
    assert "第 1 页，共 2 页" in first
    assert client.get(url, {"p": "abc"}).status_code == 200


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feeds_list_public_documents_only(documents, client, feed):
    for page_url in (statutory("pingyuan").url, "/zwgk/pingyuan/"):
        response = client.get(f"{page_url}{feed}/")
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        if feed == "rss":
            items = [item.findtext("title") for item in root.iter("item")]
        else:
            items = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
        assert sorted(items) == sorted([documents["old"].title, documents["subsidy"].title])


def test_sitemap_lists_public_pages_only(documents, client):
    xml = client.get("/sitemap.xml").content.decode()
    assert documents["subsidy"].url in xml and documents["old"].url in xml
    assert documents["secret"].url not in xml and documents["on_request"].url not in xml
    assert "/zwgk/pingyuan/" in xml


def test_non_public_documents_answer_404(documents, client):
    for key in ("secret", "on_request"):
        assert client.get(documents[key].url).status_code == 404
