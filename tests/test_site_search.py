"""The public site search: Chinese words inside sentences are found; what is not public is not."""

from __future__ import annotations

import pytest

from disclosure.blocks import rich_text_stream
from disclosure.models import DisclosureAttribute
from tests.test_documents import new_document


def found_titles(client, query: str, **params) -> list[str]:
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    results = response.context["results"]
    return [document.title for document in results.object_list] if results else []


@pytest.mark.django_db
def test_a_word_inside_a_chinese_sentence_is_found(small_county, client):
    new_document(
        "pingyuan",
        title="平原镇关于做好2026年耕地地力保护补贴发放工作的通知",
        body=rich_text_stream("<p>补贴资金通过“一卡通”直接发放到农户账户。</p>"),
    )
    new_document("pingyuan", title="平原镇临时救助实施办法")

    assert found_titles(client, "补贴") == ["平原镇关于做好2026年耕地地力保护补贴发放工作的通知"]
    assert found_titles(client, "耕地地力") == ["平原镇关于做好2026年耕地地力保护补贴发放工作的通知"]
    assert found_titles(client, "一卡通") == ["平原镇关于做好2026年耕地地力保护补贴发放工作的通知"]
    assert found_titles(client, "临时救助") == ["平原镇临时救助实施办法"]
    # Both words must occur: a query is not an "either" search.
    assert found_titles(client, "补贴 救助") == []


@pytest.mark.django_db
def test_a_redacted_document_is_found_only_by_its_redacted_text(small_county, client):
    new_document(
        "pingyuan",
        title="行政处罚决定书",
        disclosure_attribute=DisclosureAttribute.REDACTED,
        body=rich_text_stream("<p>当事人张三丰，身份证号码略。</p>"),
        redacted_body=rich_text_stream("<p>当事人某某，违法事实如下。</p>"),
    )
    assert found_titles(client, "张三丰") == []
    assert found_titles(client, "违法事实") == ["行政处罚决定书"]


@pytest.mark.django_db
def test_search_within_one_unit(small_county, client):
    new_document("pingyuan", title="平原镇食品安全工作方案")
    new_document("scjg", title="县市场监督管理局食品安全抽检计划")

    assert sorted(found_titles(client, "食品安全")) == [
        "县市场监督管理局食品安全抽检计划",
        "平原镇食品安全工作方案",
    ]
    assert found_titles(client, "食品安全", unit="scjg") == ["县市场监督管理局食品安全抽检计划"]


@pytest.mark.django_db
def test_columns_are_found_and_an_empty_result_says_so_in_chinese(small_county, client):
    response = client.get("/search/", {"q": "主动公开"})
    assert "/zwgk/pingyuan/statutory/" in response.content.decode()

    response = client.get("/search/", {"q": "不存在的词语"})
    assert "没有找到与关键词相符的公开信息" in response.content.decode()

    empty = client.get("/search/")
    assert empty.status_code == 200 and empty.context["results"] is None
