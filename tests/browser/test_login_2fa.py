"""The admin login in a real browser: password, then a TOTP code; six wrong passwords lock it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .screens import admin_login, screenshot, totp_code

PASSWORD = "Yingjiang-2026-county"


@pytest.fixture
def county_admin(transactional_db, django_db_serialized_rollback):
    """An admin account, committed for the live server; serialized rollback puts back the rows
    the migrations made (permissions, root page) that an earlier browser test's flush removed."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("county_head", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def type_password(page: Page, base_url: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill("county_head")
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")


@pytest.mark.browser
def test_login_with_password_and_totp_code(live_server, county_admin, page: Page):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    expect(page.locator("input[name=remember]")).to_have_count(0)
    type_password(page, live_server.url, PASSWORD)
    # First login: the account binds an authenticator from the QR code (or the secret shown).
    assert "/admin/security/otp/enrol/" in page.url
    expect(page.locator("img[src$='qr.svg']")).to_be_visible()
    screenshot(page, "login-2fa-enrol")
    secret = page.locator("[data-totp-secret]").inner_text().strip()
    page.locator("input[name=token]").fill(totp_code(secret))
    with page.expect_navigation():
        page.locator("input[name=token]").press("Enter")
    assert page.url == f"{live_server.url}/admin/"
    assert TOTPDevice.objects.filter(user=county_admin, confirmed=True).exists()

    # Signing in again asks for the code after the password.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/pages/")
    assert "/admin/login/" in page.url
    type_password(page, live_server.url, PASSWORD)
    assert "/admin/security/otp/verify/" in page.url
    screenshot(page, "login-2fa-verify")
    device = TOTPDevice.objects.get(user=county_admin)
    page.locator("input[name=token]").fill(totp_code(secret, after_step=device.last_t))
    with page.expect_navigation():
        page.locator("input[name=token]").press("Enter")
    assert page.url == f"{live_server.url}/admin/"

    # The shared login helper of the other browser tests goes through the same two steps.
    page.context.clear_cookies()
    admin_login(page, live_server.url, "county_head", PASSWORD)
    assert page.url == f"{live_server.url}/admin/"


@pytest.mark.browser
def test_six_wrong_passwords_lock_the_account(live_server, county_admin, page: Page):
    for _attempt in range(5):
        type_password(page, live_server.url, "not-the-password")
        expect(page.locator("input[name=password]")).to_be_visible()
    type_password(page, live_server.url, "not-the-password")
    expect(page.locator("[data-lockout]")).to_contain_text("连续 6 次密码错误")
    screenshot(page, "login-lockout")
    # Locked: the right password does not get in either.
    type_password(page, live_server.url, PASSWORD)
    expect(page.locator("[data-lockout]")).to_be_visible()
    assert "/admin/security/otp/" not in page.url
