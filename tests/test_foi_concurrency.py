"""200 applications submitted at once on PostgreSQL, with a real Celery worker on Redis delivering
the receipts: every application saved, every 查询码, register number and receipt number unique,
every receipt mail delivered (CI runs this; skipped without the services)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from foi import services
from foi.models import Application, Notice, NoticeKind
from operations.models import OutgoingMessage
from sites.models import Unit

from .test_foi_services import applicant
from .test_participation_worker import POLL_SECONDS, read_mails
from .test_services import needs_postgres, needs_redis

SUBMISSIONS = 200
THREADS = 16
WAIT_SECONDS = 180


@needs_postgres
@needs_redis
def test_two_hundred_concurrent_applications_are_saved_numbered_and_receipted(
    transactional_db, django_db_serialized_rollback, small_county, start_celery_worker, settings, tmp_path
):
    settings.EMAIL_BACKEND = "operations.mail.OutboxEmailBackend"
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    worker = start_celery_worker(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    units = [Unit.objects.get(slug="pingyuan"), Unit.objects.get(slug="scjg")]

    def one(number: int) -> str:
        try:
            data = applicant(
                units[number % 2], email=f"applicant-{number}@example.net", name=f"申请人{number}"
            )
            return services.submit_application(data).tracking_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        codes = list(pool.map(one, range(SUBMISSIONS)))

    assert Application.objects.count() == SUBMISSIONS
    assert len(set(codes)) == SUBMISSIONS
    for unit in units:
        sequences = sorted(Application.objects.filter(unit=unit).values_list("sequence", flat=True))
        assert sequences == list(range(1, SUBMISSIONS // 2 + 1))
        receipts = Notice.objects.filter(unit=unit, kind=NoticeKind.RECEIPT)
        assert sorted(receipts.values_list("sequence", flat=True)) == list(range(1, SUBMISSIONS // 2 + 1))

    # The worker delivers each receipt from the outbox to a file.
    wanted = set(codes)
    deadline = time.monotonic() + WAIT_SECONDS
    delivered: set[str] = set()
    while time.monotonic() < deadline and delivered != wanted:
        assert worker.poll() is None, "worker exited"
        subjects = [str(message["Subject"]) for message in read_mails(mail_dir)]
        delivered = {code for code in wanted if any(code in subject for subject in subjects)}
        time.sleep(POLL_SECONDS * 10)
    assert delivered == wanted, f"{len(wanted - delivered)} receipts not delivered"
    assert OutgoingMessage.objects.count() == SUBMISSIONS
