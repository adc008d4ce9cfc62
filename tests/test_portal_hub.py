"""互动交流 (portal/hub.py): every unit's consultations with their filters, the 写留言 unit choice,
the answered public messages with reply statistics, and the look-up of any tracking code."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from foi.models import Application
from opinions.models import Opinion
from participation.models import (
    ConsultationPage,
    ConsultationState,
    Message,
    MessageBoardPage,
    MessageModeration,
)
from participation.tracking import new_code

from .test_foi_public import apply, citizen
from .test_message_board import message_data
from .test_opinions import EMAIL, PHONE, SECRET_NAME, form_data, open_consultation, section, submit

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def board_of(slug: str) -> MessageBoardPage:
    page = MessageBoardPage(title="网民留言", slug="messages")
    section(slug).add_child(instance=page)
    page.save_revision().publish()
    return page


def message(
    unit_slug: str, subject: str, *, received: datetime, replied: datetime | None, **fields
) -> Message:
    board = MessageBoardPage.objects.filter(
        locale__language_code="zh-hans", path__startswith=section(unit_slug).path
    ).first()
    defaults = {
        "moderation": MessageModeration.PUBLIC,
        "content": f"{subject}的内容",
        "reply": "已办理。" if replied else "",
        "name": SECRET_NAME,
        "phone": PHONE,
        "email": EMAIL,
    }
    defaults.update(fields)
    return Message.objects.create(
        unit=section(unit_slug).unit,
        board=board,
        tracking_code=new_code("L"),
        subject=subject,
        received_at=received,
        replied_at=replied,
        **defaults,
    )


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=10, tzinfo=SHANGHAI)


def set_state(page: ConsultationPage, state: str, opens_at: datetime | None = None) -> None:
    fields = {"state": state}
    if opens_at:
        fields.update(opens_at=opens_at, closes_at=opens_at + timedelta(days=20))
    ConsultationPage.objects.filter(translation_key=page.translation_key).update(**fields)


@pytest.fixture
def consultations(small_county):
    market = open_consultation("pingyuan")
    prices = open_consultation("scjg", title="集贸市场价格公示通知（征求意见稿）", slug="prices")
    set_state(prices, ConsultationState.OUTCOME_PUBLISHED, opens_at=at("2025-04-01"))
    roads = open_consultation("pingyuan", title="乡村道路养护办法（征求意见稿）", slug="roads")
    set_state(roads, ConsultationState.CLOSED, opens_at=at("2025-06-01"))
    return market, prices, roads


def titles(client, query: str = "") -> set[str]:
    html = client.get(f"/hudong/consultations/{query}").content.decode()
    names = {
        "平原镇集镇农贸市场管理办法（征求意见稿）",
        "集贸市场价格公示通知（征求意见稿）",
        "乡村道路养护办法（征求意见稿）",
    }
    return {name for name in names if name in html}


def test_consultations_of_every_unit_are_listed_and_filtered(client, consultations):
    market, prices, roads = consultations
    assert titles(client) == {market.title, prices.title, roads.title}
    assert titles(client, "?unit=pingyuan") == {market.title, roads.title}
    assert titles(client, "?unit=scjg") == {prices.title}
    assert titles(client, "?state=open") == {market.title}
    assert titles(client, "?state=closed") == {roads.title}
    assert titles(client, "?state=outcome_published&unit=scjg") == {prices.title}
    assert titles(client, "?year=2025") == {prices.title, roads.title}
    assert titles(client, "?year=2025&unit=pingyuan") == {roads.title}
    html = client.get("/hudong/consultations/?state=outcome_published").content.decode()
    assert prices.url + "outcome/" in html and "县市场监督管理局" in html and "已公布采纳情况" in html
    # The outcome link only where the outcome is published.
    assert market.url + "outcome/" not in client.get("/hudong/consultations/").content.decode()


def test_a_bad_filter_is_refused_in_chinese(client, consultations):
    response = client.get("/hudong/consultations/?unit=nowhere")
    assert response.status_code == 400
    assert "筛选条件无效" in response.content.decode()


def test_the_hub_shows_the_open_consultations_and_the_foi_entry(client, consultations):
    market, prices, roads = consultations
    html = client.get("/hudong/").content.decode()
    assert market.title in html and prices.title not in html and roads.title not in html
    assert "/zwgk/ysqgk/" in html  # the county's 依申请公开 entry
    assert 'href="/hudong/"' in client.get("/zwgk/").content.decode()  # the main nav's link


def test_the_consultation_list_takes_a_bounded_number_of_queries(
    client, consultations, django_assert_max_num_queries
):
    for number in range(6):
        open_consultation("scjg", title=f"第{number}项", slug=f"extra-{number}")
    client.get("/hudong/consultations/")  # warms the per-process caches (sites, calendar)
    # 14: the page's own 12, and the footer's setting (every page's) 2.
    with django_assert_max_num_queries(14):
        assert client.get("/hudong/consultations/").status_code == 200


# --- 写留言 -----------------------------------------------------------------------------------------


def test_choosing_a_unit_lands_on_its_boards_form(client, small_county):
    board = board_of("pingyuan")
    html = client.get("/hudong/").content.decode()
    assert 'value="pingyuan"' in html and 'value="scjg"' not in html  # scjg keeps no public board
    response = client.get("/hudong/write/?unit=pingyuan")
    assert response.status_code == 302 and response["Location"] == board.url + "#message-form"


@pytest.mark.parametrize(
    "query, text",
    [
        ("?unit=scjg", "没有开设网民留言"),
        ("?unit=", "请选择要留言的单位"),
        ("?unit=%00x", "没有开设网民留言"),
    ],
)
def test_a_unit_without_a_public_board_is_refused_in_chinese(client, small_county, query, text):
    board_of("pingyuan")
    response = client.get(f"/hudong/write/{query}")
    assert response.status_code == 400
    assert text in response.content.decode()


# --- answered messages and statistics -----------------------------------------------------------


@pytest.fixture
def answered(small_county):
    board_of("pingyuan")
    board_of("scjg")
    # Monday to Wednesday: 2 working days; Friday to Monday: 1; Monday to next Monday: 5.
    message("pingyuan", "路灯坏了", received=at("2025-03-03"), replied=at("2025-03-05"))
    message(
        "pingyuan",
        "垃圾清运",
        received=at("2025-03-07"),
        replied=at("2025-03-10"),
        moderation=MessageModeration.PRIVATE,
    )
    message("pingyuan", "未答复的留言", received=at("2025-03-11"), replied=None)
    message("pingyuan", "广告", received=at("2025-03-11"), replied=None, moderation=MessageModeration.INVALID)
    message("scjg", "菜价公示", received=at("2025-03-03"), replied=at("2025-03-10"))
    message(
        "scjg",
        "待审核的留言",
        received=at("2025-03-03"),
        replied=at("2025-03-04"),
        moderation=MessageModeration.PENDING,
    )


def statistics_rows(html: str) -> dict[str, list[str]]:
    rows = {}
    for name, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)</tr>', html):
        rows[name] = re.findall(r"<td>([^<]*)</td>", cells)
    return rows


def test_statistics_per_unit_and_overall_against_an_independent_count(client, answered):
    html = client.get("/hudong/messages/").content.decode()
    rows = statistics_rows(html)
    # 平原镇: 3 valid received (the invalid one not counted), 2 answered in 2 and 1 working days.
    assert rows["平原镇"] == ["3", "2", "1.5"]
    # 县市场监督管理局: 2 received, 2 answered in 5 and 1 working days.
    assert rows["县市场监督管理局"] == ["2", "2", "3.0"]
    assert rows["合计"] == ["5", "4", "2.2"]
    expected = Message.objects.valid().filter(unit__slug__in=["pingyuan", "scjg"]).count()
    assert rows["合计"][0] == str(expected)


def test_only_public_answered_messages_show_and_no_personal_data(client, answered):
    for url in ("/hudong/", "/hudong/messages/"):
        html = client.get(url).content.decode()
        assert "路灯坏了" in html and "菜价公示" in html
        for hidden in ("垃圾清运", "未答复的留言", "广告", "待审核的留言", SECRET_NAME, PHONE, EMAIL):
            assert hidden not in html


def test_the_messages_page_takes_a_bounded_number_of_queries(client, answered, django_assert_max_num_queries):
    for number in range(10):
        message("scjg", f"问题{number}", received=at("2025-03-03"), replied=at("2025-03-05"))
    client.get("/hudong/messages/")
    # Each with the footer's setting (every page's) and the elder-mode switch.
    with django_assert_max_num_queries(16):
        assert client.get("/hudong/messages/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/hudong/").status_code == 200


# --- the look-up of any tracking code ----------------------------------------------------------------


def look_up(client, code: str):
    return client.post("/hudong/lookup/", {"code": code})


def test_a_message_code_goes_to_its_boards_look_up(client, small_county):
    board = board_of("pingyuan")
    assert client.post(board.url + "write/", message_data()).status_code == 302
    code = Message.objects.get().tracking_code
    response = look_up(client, code.lower().replace("-", " "))
    assert response.status_code == 303 and response["Location"] == board.url + "lookup/"


def test_an_opinion_code_goes_to_the_opinion_look_up(client, small_county):
    page = open_consultation()
    submit(client, page, form_data(page))
    response = look_up(client, Opinion.objects.get().tracking_code)
    assert response.status_code == 303 and response["Location"] == "/opinions/lookup/"


def test_an_foi_code_goes_to_the_foi_look_up(client, small_county):
    assert apply(client, citizen()).status_code == 302
    response = look_up(client, Application.objects.get().tracking_code)
    assert response.status_code == 303 and response["Location"] == "/foi/lookup/"


def test_an_unknown_code_says_so_and_nothing_of_other_kinds(client, small_county):
    page = open_consultation()
    submit(client, page, form_data(page))
    opinion_code = Opinion.objects.get().tracking_code
    # The opinion's code with a message's prefix: no message has it, and the answer is the same
    # as for any unknown code.
    as_message = "L" + opinion_code[1:]
    answers = [look_up(client, code) for code in (as_message, "F-2345-6789", "nonsense", "X-ABCD-EFGH")]
    assert {response.status_code for response in answers} == {404}
    texts = {response.content.decode().split('role="alert"')[1][:200] for response in answers}
    assert len(texts) == 1 and "没有找到这个查询码" in texts.pop()
    assert look_up(client, "").status_code == 400
