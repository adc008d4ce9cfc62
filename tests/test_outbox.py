"""The outbox (operations/outbox.py): a mail exists exactly when what caused it was saved, a failed
delivery is retried with back-off, and one that keeps failing is logged and shown to the county
administrators, who can send it again. PIPL retention erases old contact details."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from operations.models import OutgoingMessage, OutgoingState
from operations.outbox import deliver, drain
from opinions.models import Opinion
from opinions.tasks import erase_old_contacts as erase_old_opinion_contacts
from participation.models import Message
from participation.tasks import erase_old_contacts as erase_old_message_contacts
from sites.models import Unit

from .test_interpretation import member
from .test_opinions import open_consultation, tasks_in_process  # noqa: F401 (fixture)

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
# The failed-mail panel on the dashboard.
PANEL_TEXT = "多次重试后仍未发出"


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = "operations.mail.OutboxEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM


@pytest.fixture
def unreachable_mail_server(settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    settings.OUTBOX_MAX_ATTEMPTS = 3


@pytest.mark.django_db
@pytest.mark.usefixtures("tasks_in_process")
def test_mail_of_a_rolled_back_change_is_never_sent(outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            send_mail("不应发出", "回滚了", None, ["citizen@example.net"])
            raise RuntimeError
        send_mail("应当发出", "已保存", None, ["citizen@example.net"])
    assert [message.subject for message in mail.outbox] == ["应当发出"]
    assert list(OutgoingMessage.objects.values_list("subject", "state")) == [("应当发出", OutgoingState.SENT)]


@pytest.mark.django_db
def test_a_failing_mail_server_is_retried_with_back_off_then_reported(
    outbox, unreachable_mail_server, small_county, client, caplog
):
    send_mail("您的留言已答复", "答复内容", None, ["citizen@example.net"])
    row = OutgoingMessage.objects.get()
    assert deliver(row.pk) is False
    row.refresh_from_db()
    assert row.state == OutgoingState.PENDING and row.attempts == 1 and row.last_error
    first_wait = row.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < first_wait <= timedelta(seconds=60)
    # Not due yet: the drain leaves it alone.
    assert drain() == 0 and OutgoingMessage.objects.get().attempts == 1

    OutgoingMessage.objects.update(next_attempt_at=timezone.now())
    drain()
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at - timezone.now() > first_wait + timedelta(seconds=50)

    OutgoingMessage.objects.update(next_attempt_at=timezone.now())
    with caplog.at_level(logging.ERROR, logger="operations.outbox"):
        drain()
    row.refresh_from_db()
    assert row.state == OutgoingState.FAILED and row.attempts == 3
    assert any("failed for good" in record.getMessage() for record in caplog.records)

    client.force_login(member("pingyuan", "editor"))
    assert PANEL_TEXT not in client.get("/admin/").content.decode()
    client.force_login(member(None, "county"))
    dashboard = client.get("/admin/").content.decode()
    assert PANEL_TEXT in dashboard and "您的留言已答复" in dashboard

    # Once the mail server is repaired, the administrator queues it again and it goes out.
    from django.conf import settings

    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    assert client.post("/admin/outbox/retry/").status_code == 302
    assert drain() == 1
    assert [message.subject for message in mail.outbox] == ["您的留言已答复"]
    assert PANEL_TEXT not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_unit_editor_cannot_requeue_failed_mail(outbox, small_county, client):
    OutgoingMessage.objects.create(
        subject="失败的邮件", state=OutgoingState.FAILED, next_attempt_at=timezone.now()
    )
    client.force_login(member("pingyuan", "editor"))
    assert client.post("/admin/outbox/retry/").status_code in (302, 403)
    assert OutgoingMessage.objects.get().state == OutgoingState.FAILED


@pytest.mark.django_db
def test_old_contact_details_are_erased_and_the_texts_stay(small_county, settings):
    settings.CONTACT_RETENTION_DAYS = 365
    now = timezone.now()
    unit = Unit.objects.get(slug="pingyuan")

    def message(code: str, **fields) -> Message:
        return Message.objects.create(
            unit=unit,
            tracking_code=code,
            subject="路灯",
            content="老街路灯坏了。",
            name="张三",
            phone="13800001111",
            email="zhang@example.net",
            **fields,
        )

    old = message(
        "L-OLD-0001",
        received_at=now - timedelta(days=500),
        reply="已修好。",
        replied_at=now - timedelta(days=400),
    )
    recent_answer = message(
        "L-NEW-0001",
        received_at=now - timedelta(days=500),
        reply="已修好。",
        replied_at=now - timedelta(days=100),
    )
    assert erase_old_message_contacts() == 1
    old.refresh_from_db()
    recent_answer.refresh_from_db()
    assert (old.name, old.phone, old.email) == ("", "", "")
    assert old.content == "老街路灯坏了。" and old.reply == "已修好。"
    assert recent_answer.phone == "13800001111"

    closed = open_consultation(
        slug="old-rules", opens_at=now - timedelta(days=420), closes_at=now - timedelta(days=400)
    )
    current = open_consultation(slug="new-rules")

    def opinion(consultation, code: str, **fields) -> Opinion:
        return Opinion.objects.create(
            consultation=consultation,
            unit=unit,
            content="建议提前开市。",
            name="李四",
            phone="13900002222",
            email="li@example.net",
            contact_hash="x" * 64,
            tracking_code=code,
            **{"content_hash": "y" * 64, **fields},
        )

    hidden = opinion(closed, "Y-OLD-0001")
    signed = opinion(closed, "Y-OLD-0002", publish_name=True, content_hash="z" * 64)
    kept = opinion(current, "Y-NEW-0001")
    assert erase_old_opinion_contacts() == 2
    for row in (hidden, signed, kept):
        row.refresh_from_db()
    assert (hidden.name, hidden.phone, hidden.email, hidden.contact_hash) == ("", "", "", "")
    assert hidden.content == "建议提前开市。"
    # A name published with the citizen's consent is part of the public record.
    assert signed.name == "李四" and signed.phone == ""
    assert kept.phone == "13900002222" and kept.name == "李四"
