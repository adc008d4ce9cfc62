"""Shared fixtures: a small county of three units, provisioned for real."""

from __future__ import annotations

import copy
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sites.unit_file import UnitRecord, read_unit_file

ROOT = Path(__file__).resolve().parent.parent
YINGJIANG_FILE = ROOT / "sites" / "data" / "yingjiang_units.csv"
SMALL_COUNTY_SLUGS = ("xzfb", "pingyuan", "scjg")


def _fast_password_hashing() -> None:
    """Tests create accounts by the hundred; the production hasher (PBKDF2, a million rounds) takes
    a third of a second each. The production hashers stay listed, so stored hashes still verify."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


def _separate_xdist_workers() -> None:
    """Under pytest-xdist, give each worker a Redis database and a Celery queue of its own.

    Tests clear the cache (FLUSHDB on Redis) and start real Celery workers: two test processes
    sharing one Redis database and queue would wipe each other's tasks and counters, and take
    each other's tasks. Each worker already gets a test database of its own from pytest-django.
    Django and Celery have read neither setting yet when this module is imported; the
    environment is changed too, for the Celery workers that the tests start.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    from urllib.parse import urlparse

    from django.conf import settings

    index = int(worker.removeprefix("gw") or 0)
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-{worker}"
    os.environ["CELERY_QUEUE"] = settings.CELERY_TASK_DEFAULT_QUEUE = queue
    if settings.REDIS_URL:
        url = urlparse(settings.REDIS_URL)
        number = (int(url.path.strip("/") or 0) + index) % 16
        redis_url = url._replace(path=f"/{number}").geturl()
        os.environ["REDIS_URL"] = settings.REDIS_URL = redis_url
        settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = redis_url
        settings.CACHES["default"]["LOCATION"] = redis_url
    from cms.celery import app

    assert app.conf.task_default_queue == queue and app.conf.broker_url == (settings.REDIS_URL or "memory://")


_separate_xdist_workers()
_fast_password_hashing()

# Playwright's sync API leaves an event loop registered in the test thread, and Django
# refuses ORM calls made while a loop runs. The calls made there are plain synchronous
# fixture code, so the guard is lifted for the test process (tests/browser/screens.py
# also keeps Django on its original connections while Playwright runs).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def yingjiang_records() -> list[UnitRecord]:
    return read_unit_file(YINGJIANG_FILE)


@pytest.fixture(scope="session")
def small_county_records(yingjiang_records) -> list[UnitRecord]:
    """The county office, 平原镇 and 县市场监督管理局 from the real Yingjiang file."""
    return [record for record in yingjiang_records if record.slug in SMALL_COUNTY_SLUGS]


def _build_small_county(records: list[UnitRecord]) -> dict:
    from sites.provisioning import provision_units

    return {"small_county": provision_units(records)}


def _build_demo(records: list[UnitRecord]) -> dict:
    from portal.demo import load_demo

    _report, logins = load_demo(records, progress=lambda message: None)
    return {"demo": dict(logins)}


class SharedDatabaseState:
    """Data built once and shared by consecutive tests, as Django's `TestCase.setUpTestData` does.

    The data is written inside an outer transaction that stays open; each test's own `db`
    transaction is then a savepoint in it, rolled back after the test, so every test starts
    from exactly the state just built. The outer transaction is rolled back (leaving the
    empty database of migrations) before any test that does not ask for the state, before
    transactional tests (which must commit) and at the end of the session.
    """

    def __init__(self) -> None:
        self.key: str | None = None
        self.values: dict = {}
        self._atomic = None
        self.finalizer_added = False

    def open(self, key: str, build, blocker) -> None:
        if self.key == key:
            return
        self.close(blocker)
        from django.db import transaction

        with blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                values = build()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.key, self.values, self._atomic = key, values, atomic

    def close(self, blocker) -> None:
        if self._atomic is None:
            return
        from django.db import transaction

        atomic, self._atomic, self.key, self.values = self._atomic, None, None, {}
        with blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        forget_cached_site_roots()


def forget_cached_site_roots() -> None:
    """Wagtail keeps the sites' root paths in the Django cache; a rolled-back test may have changed them."""
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()


SHARED_STATE = SharedDatabaseState()
# Fixture name -> key of the shared state it reads; the builders return {fixture name: value}.
SHARED_FIXTURES: dict[str, str] = {"small_county": "small_county", "demo": "demo"}
# In this order too the tests of each state run (see pytest_collection_modifyitems): the demo first,
# since the slow fuzz tests, which start the run, work on it.
SHARED_BUILDERS: dict[str, object] = {"demo": _build_demo, "small_county": _build_small_county}


def _is_transactional(node, fixturenames) -> bool:
    # The same decision as pytest-django's _django_db_helper and its test ordering.
    from pytest_django.fixtures import validate_django_db

    marker = node.get_closest_marker("django_db")
    if marker:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return any(
        name in fixturenames for name in ("transactional_db", "live_server", "django_db_reset_sequences")
    )


def _shared_key(node, fixturenames) -> str | None:
    if _is_transactional(node, fixturenames):
        return None
    keys = {SHARED_FIXTURES[name] for name in fixturenames if name in SHARED_FIXTURES}
    return keys.pop() if len(keys) == 1 else None


# Tests taking minutes on their own (the whole county, provisioned twice), and then those marked
# `slow` (the fuzz tests), are started first: pytest-xdist hands the first tests out to its workers
# in turn, so the slow ones are spread over them and the others run meanwhile, instead of one
# worker running a long test at the end while the other has nothing left to do.
LONG_RUNNING = frozenset({"test_full_county_provisions_once_and_second_run_changes_nothing"})


def pytest_configure(config: pytest.Config) -> None:
    # Registered here rather than in pyproject.toml, whose every change makes `make` reinstall.
    config.addinivalue_line("markers", "slow: takes minutes (the fuzz tests); started first")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests sharing a state one after another, so that each state is built only once.

    pytest-django has already put the non-transactional database tests first (as Django
    does); among them LONG_RUNNING ones come first, then the slow ones, then the tests of each
    shared state together, in their order, then the others.
    """
    ranks = {key: rank for rank, key in enumerate(SHARED_BUILDERS)}

    def rank(item: pytest.Item) -> tuple[int, int, int]:
        names = getattr(item, "fixturenames", [])
        uses_db = item.get_closest_marker("django_db") is not None or "db" in names
        if _is_transactional(item, names):
            return (1, 0, 0)
        if not uses_db:
            return (2, 0, 0)
        key = _shared_key(item, names)
        state = ranks[key] if key is not None else len(ranks)
        if item.name in LONG_RUNNING:
            return (0, -2, state)
        if item.get_closest_marker("slow"):
            return (0, -1, state)
        return (0, state, 0)

    items.sort(key=rank)


def _shared_key_for(request) -> str | None:
    return _shared_key(request.node, request.fixturenames)


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    """Before each test's database transaction starts, open (or close) the shared state under it."""
    if fixturedef.argname != "_django_db_helper":
        return None
    blocker = request.getfixturevalue("django_db_blocker")
    key = _shared_key_for(request)
    if key is None:
        SHARED_STATE.close(blocker)
        return None
    if SHARED_STATE.key != key:
        records = request.getfixturevalue("small_county_records")
        SHARED_STATE.open(key, lambda: SHARED_BUILDERS[key](records), blocker)
        if not SHARED_STATE.finalizer_added:
            SHARED_STATE.finalizer_added = True
            request.session.addfinalizer(lambda: SHARED_STATE.close(blocker))
    else:
        forget_cached_site_roots()
    return None


def shared_value(request, name: str, build):
    """The shared state's value for fixture `name` when this test runs inside it, else `build()`."""
    if SHARED_STATE.key is not None and SHARED_STATE.key == _shared_key_for(request):
        return copy.deepcopy(SHARED_STATE.values[name])
    return build()


@pytest.fixture
def small_county(db, small_county_records, request):
    """The three units provisioned; shared (see SharedDatabaseState) by the non-transactional tests."""
    from sites.provisioning import provision_units

    return shared_value(request, "small_county", lambda: provision_units(small_county_records))


@pytest.fixture
def demo(db, small_county_records, request) -> dict[str, str]:
    """The three-unit demo county as `manage.py load_demo` leaves it (username → password), loaded
    once and shared by consecutive tests, each in a savepoint of its own (SharedDatabaseState)."""
    return shared_value(request, "demo", lambda: _build_demo(small_county_records)["demo"])


def worker_database_environment() -> dict[str, str]:
    """DATABASE_URL naming the test database, for processes that must see this test's rows."""
    from urllib.parse import urlparse

    from django.db import connection

    url = os.environ.get("DATABASE_URL")
    if not url or connection.vendor != "postgresql":
        return {}
    return {"DATABASE_URL": urlparse(url)._replace(path="/" + connection.settings_dict["NAME"]).geturl()}


def celery_worker_command(beat_schedule: Path | None = None) -> list[str]:
    """The command line of `make worker` on this test's queue, with beat when given a schedule
    file; heartbeat, gossip and mingle are off so that the worker starts in a second."""
    from django.conf import settings

    beat = ["--beat", f"--schedule={beat_schedule}"] if beat_schedule else []
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "cms",
        "worker",
        *beat,
        "--pool=solo",
        "--loglevel=warning",
        f"--queues={settings.CELERY_TASK_DEFAULT_QUEUE}",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    ]


def worker_environment(**environment: str) -> dict[str, str]:
    """The environment of a worker that sees this test's database, plus the given variables."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings",
        **worker_database_environment(),
        **environment,
    }


def stop_process(process: subprocess.Popen, timeout: float = 20) -> None:
    """A warm shutdown, and a kill when it does not come in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def start_celery_worker():
    """Starts real Celery workers on the Redis broker, as `make worker` does; extra keyword
    arguments become the worker's environment (e.g. where it delivers mail). The workers use
    the test database (the outbox they deliver from is there)."""
    workers: list[subprocess.Popen] = []

    def start(**environment: str) -> subprocess.Popen:
        worker = subprocess.Popen(celery_worker_command(), cwd=ROOT, env=worker_environment(**environment))
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        stop_process(worker)


def pass_second_factor(client, user) -> None:
    """Mark the client's session as having given a TOTP code, as the admin login's second step
    does (security/views.py), with a confirmed authenticator of the user's own."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def force_login_passes_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a completed admin login: password and TOTP code.

    The tests of the login itself (tests/test_security.py) post the forms instead."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


_members = itertools.count()


def unit_member(role: str, unit_slug: str = "pingyuan"):
    """A new user in a unit's editors or reviewers group, or among the county administrators
    (role "county_admin")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from sites.models import COUNTY_ADMINS_GROUP, Unit

    user = get_user_model().objects.create_user(f"member-{role}-{next(_members)}", password="x")
    if role == "county_admin":
        user.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    else:
        unit = Unit.objects.get(slug=unit_slug)
        user.groups.add(unit.reviewers_group if role == "reviewer" else unit.editors_group)
    return user
