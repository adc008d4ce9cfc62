"""Faults: with Redis stopped during submissions nothing a citizen sent is lost, with the worker
stopped during mail delivery every queued mail goes out after it is back, and a failing service
behind a form answers a Chinese 503 with the citizen's text, never a 500.

The outage test runs a private redis-server on a free port (never the shared one) and a real
Celery worker with beat against it, on the test database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis

from cms.settings import redis_cache
from operations.models import OutgoingMessage, OutgoingState
from opinions.models import Opinion
from participation.models import Message

from .conftest import ROOT, celery_worker_command, stop_process, worker_environment
from .test_message_board import board, fresh_cache, publish_board  # noqa: F401 (fixtures)
from .test_opinions import PHONE, form_data, open_consultation, submit
from .test_participation_worker import wait_for_mail
from .test_services import needs_postgres

WAIT_SECONDS = 60
# Rate limits counted in a cache that, unlike the project's default one, does not tolerate an
# outage: the form must still keep the citizen's text.
INTOLERANT_RATELIMIT_CACHE = {
    "BACKEND": "django_redis.cache.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
}


def message_data(number: int) -> dict:
    from participation import abuse

    return {
        "subject": f"路灯坏了（{number}）",
        "content": f"老街第{number}盏路灯坏了两周，请尽快修理。",
        "name": "张三",
        "phone": PHONE,
        "email": f"board-{number}@example.net",
        "consent": "on",
        "website": "",
        "started": abuse.form_token(now=time.time() - 10),
    }


@pytest.fixture
def rate_limits_without_tolerance(settings):
    settings.CACHES = {**settings.CACHES, "ratelimit": INTOLERANT_RATELIMIT_CACHE}
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    settings.RATELIMIT_FAIL_OPEN = False


@pytest.mark.django_db
def test_an_opinion_form_whose_rate_limit_store_fails_answers_503_and_keeps_the_text(
    client, small_county, rate_limits_without_tolerance
):
    consultation = open_consultation()
    data = form_data(consultation, content="市场早上5时半开门更方便农户。")
    response = submit(client, consultation, data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "系统暂时繁忙，您的内容尚未提交" in html
    assert "市场早上5时半开门更方便农户。" in html
    assert not Opinion.objects.exists()


@pytest.mark.django_db
def test_a_message_form_whose_rate_limit_store_fails_answers_503_and_keeps_the_text(
    client,
    board,  # noqa: F811 (fixture)
    rate_limits_without_tolerance,
):
    response = client.post(board.url + "write/", message_data(1))
    assert response.status_code == 503
    html = response.content.decode()
    assert "系统暂时繁忙，您的内容尚未提交" in html
    assert "老街第1盏路灯坏了两周" in html
    assert not Message.objects.exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own, stopped and started again on the same port."""

    def __init__(self, directory: Path):
        self.port, self.directory, self.process = free_port(), directory, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis(port=self.port, socket_connect_timeout=0.2).ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("private redis-server did not start")

    def stop(self) -> None:
        if self.process:
            stop_process(self.process)


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(private_redis, settings):
    """The test process queues its tasks on the private Redis and caches there too."""
    from cms.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager

    def use(url: str, eager: bool) -> None:
        app.conf.broker_url, app.conf.task_always_eager = url, eager
        # Connections to the previous broker are pooled: drop them.
        app._pool = None
        app.amqp._producer_pool = None

    use(private_redis.url, False)
    settings.CACHES = redis_cache(private_redis.url)
    settings.EMAIL_BACKEND = "operations.mail.OutboxEmailBackend"
    yield private_redis
    use(*saved)


class Worker:
    """A real Celery worker with beat (draining the outbox every second) on the private Redis."""

    def __init__(self, tmp_path: Path, redis_url: str):
        from django.conf import settings

        self.tmp_path, self.mail_dir = tmp_path, tmp_path / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        self.env = worker_environment(
            REDIS_URL=redis_url,
            CELERY_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
            EMAIL_DELIVERY_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
            OUTBOX_DRAIN_SECONDS="1",
            OUTBOX_RETRY_SECONDS="1",
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> subprocess.Popen:
        self.process = subprocess.Popen(
            celery_worker_command(beat_schedule=self.tmp_path / "beat-schedule"),
            cwd=ROOT,
            env=self.env,
            # Beat's complaints while Redis is down are expected; they are kept in the file.
            stderr=(self.tmp_path / "worker.log").open("ab"),
            # A group of its own: beat runs in a child process, which `kill` must take down too.
            start_new_session=True,
        )
        return self.process

    def kill(self) -> None:
        """As a crash or `kill -9` would: no warm shutdown, tasks in hand are not acknowledged.
        The whole process group, or the orphaned beat child would go on running after the test."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process:
            stop_process(self.process)


def receipt_for(worker: Worker, code: str):
    return wait_for_mail(worker.mail_dir, lambda message: code in message["Subject"], worker.process)


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_redis_and_worker_outages_lose_nothing_a_citizen_sent(small_county_records, client, broker, tmp_path):
    from sites.provisioning import provision_units

    provision_units(small_county_records)
    consultation = open_consultation()
    message_board = publish_board()
    worker = Worker(tmp_path, broker.url)
    worker.start()

    def send_opinion(number: int) -> str:
        data = form_data(
            consultation, content=f"第{number}条意见：开市时间提前。", email=f"citizen-{number}@example.net"
        )
        response = submit(client, consultation, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return Opinion.objects.get(email=f"citizen-{number}@example.net").tracking_code

    try:
        first = send_opinion(1)
        # Redis (cache, rate limits and broker) goes away while citizens keep writing.
        broker.stop()
        during = [send_opinion(2), send_opinion(3)]
        response = client.post(message_board.url + "write/", message_data(1))
        assert response.status_code == 302
        assert Message.objects.filter(content=message_data(1)["content"]).exists()
        broker.start()
        for code in [first, *during]:
            receipt_for(worker, code)

        # The worker dies while it delivers: what it had in hand, and what came meanwhile, goes out
        # once a worker is back.
        later = [send_opinion(4), send_opinion(5)]
        worker.kill()
        later.append(send_opinion(6))
        worker.start()
        for code in later:
            receipt_for(worker, code)
        deadline = time.monotonic() + WAIT_SECONDS
        while OutgoingMessage.objects.exclude(state=OutgoingState.SENT).exists():
            assert time.monotonic() < deadline, list(
                OutgoingMessage.objects.values("subject", "state", "last_error")
            )
            time.sleep(0.1)
        assert OutgoingMessage.objects.count() == 6
    finally:
        worker.stop()
