"""Settings come from the environment; production settings pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests relax Django's async guard for the test process only.
    clean = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="k" * 20 + "-production-secret-key-for-the-check-0123456789",
        ALLOWED_HOSTS="www.example.gov.cn",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_real_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY="short")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "insecure-embedded-development-key-change-me",
        "django-insecure-" + "a1b2c3d4e5" * 5,
        "x" * 64,
        "our-county-secret-please-change-me-0123456789abcdefghij",
    ],
    ids=["development-default", "django-startproject", "uniform", "placeholder"],
)
def test_production_refuses_to_start_with_an_insecure_secret_key(key):
    result = manage("check", DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_defaults_are_chinese_and_local():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES] == ["zh-hans", "tdd", "kac"]


@pytest.mark.django_db
def test_admin_speaks_chinese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()
    assert "登录" in response.content.decode()


@pytest.mark.django_db
def test_an_admin_session_ends_after_thirty_idle_minutes_and_each_request_extends_it(client):
    """等保 2.0: a staff session times out after 30 minutes without activity, not after two weeks."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from .conftest import pass_second_factor

    root = get_user_model().objects.create_superuser("root", password="Aa1-long-enough-password")
    client.post(
        "/admin/login/", {"username": "root", "password": "Aa1-long-enough-password", "remember": "on"}
    )
    pass_second_factor(client, root)  # the TOTP step (tests/test_security.py)

    def expires_in() -> timedelta:
        return Session.objects.get(session_key=client.session.session_key).expire_date - timezone.now()

    assert timedelta(minutes=29) < expires_in() <= timedelta(minutes=30)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get("/admin/").status_code == 200
    assert expires_in() > timedelta(minutes=29)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/admin/").status_code == 302
