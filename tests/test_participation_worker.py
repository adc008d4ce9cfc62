"""A real Celery worker with beat, on Redis and PostgreSQL: it opens and closes a consultation at
its times and sends the outcome notifications (CI runs this; skipped without the services)."""

from __future__ import annotations

import email
import email.policy
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from opinions.models import Decision, Moderation, Stance
from opinions.outcome import publish_outcome
from opinions.services import OpinionInput, decide, moderate, submit_opinion
from participation.models import ConsultationOutcome, ConsultationPage, ConsultationState
from portal.demo.participation import DEMO_DRAFT, create_consultation

from .conftest import ROOT, celery_worker_command, stop_process, worker_environment
from .test_services import needs_postgres, needs_redis

WAIT_SECONDS = 120
# How often the waits below look again: they return as soon as what they wait for is there.
POLL_SECONDS = 0.1


@pytest.fixture
def worker_with_beat(tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = worker_environment(
        # The test process writes the mail to the outbox; the worker delivers it to files.
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
        # Beat checks the consultations every second instead of every minute.
        CONSULTATION_STATE_INTERVAL="1",
    )
    worker = subprocess.Popen(
        celery_worker_command(beat_schedule=tmp_path / "beat-schedule"), cwd=ROOT, env=env
    )
    yield worker, mail_dir
    stop_process(worker, timeout=30)


def wait_for_state(page, state: str, worker) -> float:
    """Polls the database until the worker has moved the page; returns the time it was seen."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        assert worker.poll() is None, "worker exited"
        if ConsultationPage.objects.get(pk=page.pk).state == state:
            return time.time()
        time.sleep(POLL_SECONDS)
    raise AssertionError(f"consultation did not become {state} within {WAIT_SECONDS} s")


def read_mails(mail_dir: Path) -> list[email.message.EmailMessage]:
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip() + b"\n", policy=email.policy.default))
    return messages


def wait_for_mail(mail_dir: Path, predicate, worker) -> email.message.EmailMessage:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        for message in read_mails(mail_dir):
            if predicate(message):
                return message
        assert worker.poll() is None, "worker exited"
        time.sleep(POLL_SECONDS)
    raise AssertionError("the worker sent no such e-mail")


@needs_postgres
@needs_redis
def test_worker_opens_and_closes_at_the_set_times_and_notifies(
    transactional_db, django_db_serialized_rollback, small_county, worker_with_beat, settings
):
    from sites.models import UnitSectionPage

    settings.EMAIL_BACKEND = "operations.mail.OutboxEmailBackend"

    worker, mail_dir = worker_with_beat
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    section = UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code="zh-hans")
    now = timezone.now()
    opens_at, closes_at = now + timedelta(seconds=20), now + timedelta(seconds=35)
    page = create_consultation(
        section,
        title="定时开放的征求意见",
        slug="timed",
        draft=DEMO_DRAFT,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    assert page.state == ConsultationState.UPCOMING

    opened = wait_for_state(page, ConsultationState.OPEN, worker)
    assert opened >= opens_at.timestamp()
    page.refresh_from_db()
    opinion = submit_opinion(
        page,
        OpinionInput(
            content="建议开市时间提前。",
            stance=Stance.SUPPORT,
            article=page.articles.get(label="第三条"),
            email="worker-test@example.net",
            consent=True,
        ),
    )
    code = opinion.tracking_code
    wait_for_mail(
        mail_dir, lambda message: code in message["Subject"] and "已收到" in message["Subject"], worker
    )

    closed = wait_for_state(page, ConsultationState.CLOSED, worker)
    assert closed >= closes_at.timestamp()
    page.refresh_from_db()
    moderate(opinion, Moderation.PUBLIC, None)
    decide(opinion, Decision.ADOPTED, "", "第三条开市时间提前到早上5时半。", None)
    ConsultationOutcome.objects.create(consultation=page, summary="共收到意见 1 条，采纳 1 条。")
    publish_outcome(page, None)

    notice = wait_for_mail(mail_dir, lambda message: "意见采纳情况已公布" in message["Subject"], worker)
    assert notice["To"] == "worker-test@example.net"
    assert code in notice.get_content()
    assert "采纳" in notice.get_content()
    # Published outcomes are final: the schedule leaves them alone.
    time.sleep(3)
    assert ConsultationPage.objects.get(pk=page.pk).state == ConsultationState.OUTCOME_PUBLISHED
