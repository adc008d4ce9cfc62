"""网民留言: writing to a unit, moderation, the official answer, deadlines and the 3-month flag;
and that no public page, feed, sitemap or search result carries a citizen's personal data."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from cms.settings import redis_cache
from opinions.models import Decision, Moderation
from opinions.outcome import publish_outcome
from opinions.services import decide, moderate
from participation import abuse
from participation.models import (
    ConsultationOutcome,
    Message,
    MessageBoardPage,
    MessageModeration,
    three_months_before,
)
from sites.models import Unit

from .test_opinions import (
    EMAIL,
    PHONE,
    SECRET_NAME,
    form_data,
    open_consultation,
    section,
    submit,
    tasks_in_process,  # noqa: F401 (fixture)
)
from .test_participation import close, staff


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def publish_board() -> MessageBoardPage:
    """平原镇's message board, published."""
    page = MessageBoardPage(title="网民留言", slug="messages")
    section("pingyuan").add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def board(small_county):
    return publish_board()


def message_data(**overrides) -> dict:
    data = {
        "subject": "集镇路灯坏了",
        "content": "老街路灯坏了两周，请尽快修理。",
        "name": SECRET_NAME,
        "phone": PHONE,
        "email": EMAIL,
        "consent": "on",
        "website": "",
        "started": abuse.form_token(now=time.time() - 10),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_message_is_public_only_after_moderation_and_shows_the_answer(client, board):
    response = client.post(board.url + "write/", message_data())
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.unit.slug == "pingyuan" and message.tracking_code.startswith("L-")
    receipt = client.get(response["Location"]).content.decode()
    assert message.tracking_code in receipt and "答复期限" in receipt
    assert message.subject not in client.get(board.url).content.decode()
    message.moderation = MessageModeration.PUBLIC
    message.save()
    html = client.get(board.url).content.decode()
    assert message.subject in html and "正在办理" in html
    message.reply, message.replied_at = "已安排维修。", timezone.now()
    message.save()
    html = client.get(board.url).content.decode()
    assert "已安排维修。" in html
    for secret in (PHONE, EMAIL, SECRET_NAME):
        assert secret not in html


@pytest.mark.parametrize(
    "overrides, text",
    [
        ({"content": "字" * 2001}, "不能超过 2000 字"),
        ({"phone": "", "email": ""}, "请至少留下电话或电子邮箱"),
        ({"consent": None}, "请阅读并同意隐私声明"),
        ({"website": "x"}, "不应填写的内容"),
    ],
)
def test_malformed_messages_are_refused(client, board, overrides, text):
    response = client.post(board.url + "write/", message_data(**overrides))
    assert response.status_code == 400
    assert text in response.content.decode()
    assert Message.objects.count() == 0


def test_message_rate_limit(client, board, settings):
    settings.PARTICIPATION_RATE_PER_IP = "2/h"
    for number in range(2):
        assert (
            client.post(
                board.url + "write/", message_data(subject=f"问题{number}", phone=f"1390000000{number}")
            ).status_code
            == 302
        )
    response = client.post(board.url + "write/", message_data(subject="问题3", phone="13900000009"))
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Message.objects.count() == 2


def test_the_same_message_from_two_citizens_is_two_messages_but_not_twice_from_one(client, board):
    """Villagers often report the same broken street light in the same words: the duplicate check
    is one sender's resubmission, and it must not tell a second citizen that "you" sent it."""
    assert client.post(board.url + "write/", message_data()).status_code == 302
    neighbour = message_data(phone="13900000077", email="neighbour@example.org", name="邻居")
    assert client.post(board.url + "write/", neighbour).status_code == 302
    assert Message.objects.count() == 2
    again = client.post(board.url + "write/", message_data(email=""))
    assert again.status_code == 400 and "您已提交过内容相同的留言" in again.content.decode()
    by_mail = client.post(board.url + "write/", message_data(phone="13900000088"))
    assert by_mail.status_code == 400
    assert Message.objects.count() == 2


def test_behind_a_reverse_proxy_each_citizen_has_their_own_rate_limit(client, board, settings):
    settings.PARTICIPATION_RATE_PER_IP = "2/h"
    settings.TRUSTED_PROXY_COUNT = 1

    def post(number: int, forwarded_for: str):
        data = message_data(subject=f"问题{number}", phone=f"1390000001{number}")
        return client.post(board.url + "write/", data, HTTP_X_FORWARDED_FOR=forwarded_for)

    # The proxy appends the address it saw; what the client put in front of it is not believed.
    assert post(1, "203.0.113.5").status_code == 302
    assert post(2, "198.51.100.1, 203.0.113.5").status_code == 302
    assert post(3, "198.51.100.2, 203.0.113.5").status_code == 429
    # Another citizen behind the same proxy is not held back by the first one.
    assert post(4, "203.0.113.9").status_code == 302
    assert Message.objects.count() == 3


def test_with_the_cache_server_down_a_message_is_still_accepted(client, board, settings):
    """Rate limits are counted in Redis; when it is unreachable the board still serves and the
    limits fail open (and say so in the log) rather than lose the citizen's message."""
    url = board.url
    # The project's own cache configuration, on a Redis server that is not there.
    settings.CACHES = redis_cache("redis://127.0.0.1:1/0")
    assert client.get(url).status_code == 200
    response = client.post(url + "write/", message_data())
    assert response.status_code == 302
    assert Message.objects.get().content == message_data()["content"]


def test_unanswered_for_three_months_is_flagged(board):
    unit = Unit.objects.get(slug="pingyuan")
    now = timezone.now()
    old = Message.objects.create(
        unit=unit,
        board=board,
        tracking_code="L-AAAA-0001",
        subject="旧留言",
        content="……",
        phone=PHONE,
        received_at=now - timedelta(days=95),
    )
    Message.objects.create(
        unit=unit,
        board=board,
        tracking_code="L-AAAA-0002",
        subject="垃圾",
        content="……",
        received_at=now - timedelta(days=200),
        moderation=MessageModeration.INVALID,
    )
    Message.objects.create(
        unit=unit,
        board=board,
        tracking_code="L-AAAA-0003",
        subject="新留言",
        content="……",
        received_at=now - timedelta(days=10),
    )
    assert list(Message.objects.unanswered_too_long()) == [old]
    assert old.unanswered_too_long
    assert old.reply_deadline.working_days == 10
    old.reply, old.replied_at = "答复", now
    old.save()
    assert not Message.objects.unanswered_too_long().exists()


def test_three_months_before_handles_month_ends():
    moment = timezone.datetime(2025, 5, 31, 12, 0, tzinfo=timezone.get_current_timezone())
    assert three_months_before(moment).date().isoformat() == "2025-02-28"


def test_staff_answer_only_their_units_messages(client, board):
    unit = Unit.objects.get(slug="pingyuan")
    message = Message.objects.create(
        unit=unit, board=board, tracking_code="L-BBBB-0001", subject="问题", content="内容"
    )
    client.force_login(staff("scjg_editor", "scjg"))
    assert "L-BBBB-0001" not in client.get("/admin/messages_admin/").content.decode()
    assert client.get(f"/admin/messages_admin/edit/{message.pk}/").status_code == 404
    client.force_login(staff("py_editor", "pingyuan"))
    response = client.post(
        f"/admin/messages_admin/edit/{message.pk}/", {"moderation": "public", "reply": "已办理。"}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.replied_at and message.replied_by.username == "py_editor" and message.subject == "问题"


@pytest.mark.usefixtures("tasks_in_process")
def test_no_personal_data_in_any_public_page_feed_sitemap_or_search(client, board):
    """Every public surface, after a full consultation and message-board cycle."""
    page = open_consultation()
    submit(client, page, form_data(page))
    submit(client, page, form_data(page, content="第二条意见", publish_name=None, phone="13911112222"))
    client.post(board.url + "write/", message_data())
    from opinions.models import Opinion

    for opinion in Opinion.objects.all():
        moderate(opinion, Moderation.PUBLIC, None)
        decide(opinion, Decision.NOT_ADOPTED, "理由", "", None)
    Message.objects.update(moderation=MessageModeration.PUBLIC, reply="答复", replied_at=timezone.now())
    close(page)
    ConsultationOutcome.objects.create(consultation=page, summary="总体情况")
    publish_outcome(page, None)

    section_page = section("pingyuan")
    urls = [
        "/",
        section_page.url,
        section_page.url + "rss/",
        section_page.url + "atom/",
        page.url,
        page.url + "outcome/",
        board.url,
        "/sitemap.xml",
        "/search/?q=开市",
        "/search/?q=意见",
        "/opinions/lookup/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in (PHONE, "13911112222", EMAIL, SECRET_NAME):
            assert secret not in body, (url, secret)
    # The controls: the opinions really are on the public pages.
    assert "第二条意见" in client.get(page.url).content.decode()
    assert "集镇路灯坏了" in client.get(board.url).content.decode()


# --- the citizen's look-up and the answer by e-mail ---


def lookup_url(board) -> str:
    return board.url + "lookup/"


def test_citizen_looks_up_their_message_with_code_and_contact(client, board):
    response = client.post(board.url + "write/", message_data(phone="139 1234 5678"))
    message = Message.objects.get()
    receipt = client.get(response["Location"]).content.decode()
    assert lookup_url(board) in receipt
    assert lookup_url(board) in client.get(board.url).content.decode()

    # The code alone, or with someone else's contact, reveals nothing.
    miss = client.post(lookup_url(board), {"code": message.tracking_code, "contact": "13000000000"})
    assert miss.status_code == 404
    assert "没有找到对应的留言" in miss.content.decode()
    assert message.content not in miss.content.decode()

    # Typed as people type it: lower case, spaces for dashes, the phone with spaces.
    typed_code = message.tracking_code.lower().replace("-", " ")
    found = client.post(lookup_url(board), {"code": typed_code, "contact": "139-1234-5678"})
    html = found.content.decode()
    assert found.status_code == 200
    assert message.subject in html and message.content in html
    assert "待审核" in html and "正在办理" in html and "答复期限" in html
    for secret in (PHONE, EMAIL, SECRET_NAME):
        assert secret not in html

    # A message kept off the board is still answered, and its author reads the answer here.
    message.moderation, message.reply, message.replied_at = (
        MessageModeration.PRIVATE,
        "路灯已于本周修复。",
        timezone.now(),
    )
    message.save()
    html = client.post(lookup_url(board), {"code": message.tracking_code, "contact": EMAIL.upper()})
    html = html.content.decode()
    assert "路灯已于本周修复。" in html and "不公开，正常办理" in html
    assert "路灯已于本周修复。" not in client.get(board.url).content.decode()


def test_message_lookup_is_rate_limited_and_needs_both_fields(client, board, settings):
    settings.PARTICIPATION_RATE_PER_IP = "2/h"
    empty = client.post(lookup_url(board), {"code": "", "contact": ""})
    assert empty.status_code == 400
    assert "请输入查询码" in empty.content.decode()
    client.post(lookup_url(board), {"code": "L-AAAA-BBBB", "contact": PHONE})
    limited = client.post(lookup_url(board), {"code": "L-AAAA-BBBB", "contact": PHONE})
    assert limited.status_code == 429
    assert "查询过于频繁" in limited.content.decode()


@pytest.mark.usefixtures("tasks_in_process")
def test_answer_is_emailed_once_to_a_citizen_who_gave_an_address(
    client, board, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.post(board.url + "write/", message_data())
    client.post(board.url + "write/", message_data(subject="没有邮箱的留言", email="", phone="13955556666"))
    with_email = Message.objects.get(email=EMAIL)
    without_email = Message.objects.get(email="")
    client.force_login(staff("py_editor", "pingyuan"))
    edit = "/admin/messages_admin/edit/{}/"
    mail.outbox.clear()

    # Moderated but not yet answered: nothing to tell the citizen.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit.format(with_email.pk), {"moderation": "public", "reply": ""})
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit.format(with_email.pk), {"moderation": "public", "reply": "已安排维修，预计本周内修复。"}
        )
    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == [EMAIL]
    assert with_email.tracking_code in sent.subject and with_email.tracking_code in sent.body
    assert "已安排维修，预计本周内修复。" in sent.body and "平原镇" in sent.body
    assert f"{board.full_url}lookup/" in sent.body and "已在留言板公开" in sent.body
    with_email.refresh_from_db()
    assert with_email.notified_at is not None

    # Correcting the answer later does not mail the citizen again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit.format(with_email.pk), {"moderation": "public", "reply": "已修复。"})
    assert len(mail.outbox) == 1

    # No address, no mail; the answer is recorded all the same.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit.format(without_email.pk), {"moderation": "private", "reply": "已转交村委会办理。"})
    assert len(mail.outbox) == 1
    without_email.refresh_from_db()
    assert without_email.replied_at is not None and without_email.notified_at is None


@pytest.mark.usefixtures("tasks_in_process")
def test_a_private_answer_is_mailed_without_pointing_to_the_board(board, django_capture_on_commit_callbacks):
    from django.core import mail

    from participation.board import record_answer

    message = Message.objects.create(
        unit=board.unit,
        board=board,
        tracking_code="L-CCCC-0001",
        subject="低保申请进度",
        content="我家的低保申请到哪一步了？",
        email=EMAIL,
        moderation=MessageModeration.PRIVATE,
        reply="您的申请已报县民政局审批。",
    )
    with django_capture_on_commit_callbacks(execute=True):
        record_answer(message, reply_changed=True, user=None)
    [sent] = mail.outbox
    assert "您的申请已报县民政局审批。" in sent.body
    assert "不在网站上公开" in sent.body and "已在留言板公开" not in sent.body
