"""Accounts and audit (等保 2.0 level 3): TOTP second factor, lockout, password policy, auditors,
the audit log."""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from security.models import AuditAction, AuditEntry, PasswordRecord
from security.roles import AUDITORS_GROUP, ensure_auditors_group
from security.tasks import purge_audit_log
from sites.models import COUNTY_ADMINS_GROUP

from .test_message_board import board  # noqa: F401 (fixture)
from .test_opinions import open_consultation
from .test_participation import add_opinion, staff

User = get_user_model()
PASSWORD = "Yingjiang-2026-county"
LOGIN = "/admin/login/"


def code_for(secret_or_key: str | bytes, step_offset: int = 0) -> str:
    key = b32decode(secret_or_key) if isinstance(secret_or_key, str) else secret_or_key
    totp = TOTP(key)
    totp.time += 30 * step_offset
    return f"{totp.token():06d}"


def a_while_ago() -> None:
    """As if the throttling wait after a wrong code had passed."""
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=5))


def county_admin(username: str = "county") -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    return user


def log_in(client, username: str, password: str = PASSWORD, address: str = "10.0.0.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def denied(response) -> bool:
    """Wagtail answers a refused admin view with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def actions(**filters) -> list[str]:
    return list(AuditEntry.objects.filter(**filters).order_by("pk").values_list("action", flat=True))


# --- Second factor -------------------------------------------------------------------------------


def test_admin_login_takes_a_password_and_then_a_totp_code(client, small_county):
    county_admin()
    response = log_in(client, "county")
    assert response.status_code == 302
    # The password alone does not open the admin: an account without an authenticator enrols one.
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and "/admin/security/otp/enrol/" in response["Location"]
    enrol = client.get(response["Location"])
    secret = re.search(r"data-totp-secret>([A-Z2-7]+)<", enrol.content.decode()).group(1)
    qr = client.get("/admin/security/otp/enrol/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content

    wrong = client.post(
        "/admin/security/otp/enrol/", {"token": "000000" if code_for(secret) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and "动态口令不正确" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # django-otp makes each wrong code double the wait before the next try (1 s after the first).
    refused = client.post("/admin/security/otp/enrol/", {"token": code_for(secret)})
    assert "请稍后再试" in refused.content.decode()
    a_while_ago()
    assert client.post("/admin/security/otp/enrol/", {"token": code_for(secret)}).status_code == 302
    assert client.get("/admin/").status_code == 200

    # The next login asks for the code of the authenticator now bound to the account.
    client.post("/admin/logout/")
    log_in(client, "county")
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/security/otp/verify/" in response["Location"]
    assert client.get("/admin/security/otp/enrol/").status_code == 302  # no second enrolment
    bad = client.post("/admin/security/otp/verify/", {"token": "12ab56"})
    assert bad.status_code == 200 and "6 位数字" in bad.content.decode()
    # The code just used for enrolment is refused; the next one is accepted.
    assert client.post("/admin/security/otp/verify/", {"token": code_for(secret)}).status_code == 200
    a_while_ago()
    assert client.post("/admin/security/otp/verify/", {"token": code_for(secret, 1)}).status_code == 302
    assert client.get("/admin/").status_code == 200

    user = User.objects.get(username="county")
    assert actions(user=user) == [
        AuditAction.LOGIN,
        AuditAction.OTP_ENROLLED,
        AuditAction.LOGOUT,
        AuditAction.LOGIN,
        AuditAction.OTP_FAILED,
    ]
    assert AuditEntry.objects.filter(user=user, action=AuditAction.LOGIN, address="10.0.0.1").count() == 2


def test_a_session_with_the_password_only_is_not_signed_in_on_the_public_site(client, small_county):
    """Previews and non-public documents check the user: a half-finished login gives none."""
    county_admin()
    log_in(client, "county")
    response = client.get("/admin/security/otp/enrol/")
    assert response.status_code == 200
    from django.contrib.auth.models import AnonymousUser

    seen = client.get("/").wsgi_request.user
    assert isinstance(seen, AnonymousUser)


def test_login_page_has_no_remember_me(client, db):
    page = client.get(LOGIN).content.decode()
    assert 'name="password"' in page and 'name="remember"' not in page


# --- Lockout -------------------------------------------------------------------------------------


def test_six_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it(client, small_county):
    User.objects.create_user("editor", password=PASSWORD)
    for attempt in range(1, 6):
        response = log_in(client, "editor", "wrong-password", address=f"10.0.1.{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
    sixth = log_in(client, "editor", "wrong-password", address="10.0.1.6")
    assert sixth.status_code == 429
    assert "登录失败次数过多" in sixth.content.decode() and "6 次" in sixth.content.decode()
    # Now even the right password from a new address is refused.
    assert log_in(client, "editor", address="10.0.1.7").status_code == 429
    assert AuditAction.LOCKOUT in actions(username="editor")
    assert actions(username="editor").count(AuditAction.LOGIN_FAILED) == 7

    admin = county_admin()
    other = client.__class__()
    other.force_login(admin)
    assert other.get("/admin/security/accounts/").status_code == 200
    assert other.post("/admin/security/accounts/unlock/", {"username": "editor"}).status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.UNLOCK, target="editor", user=admin).exists()
    assert log_in(client, "editor", address="10.0.1.7").status_code == 302


def test_six_failures_from_one_address_throttle_that_address_only(client, small_county, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    User.objects.create_user("editor", password=PASSWORD)
    for attempt in range(6):
        log_in(client, f"guess{attempt}", "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.9")
    # The address is locked, also for an account with the right password ...
    assert log_in(client, "editor", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    # ... but behind the same proxy another citizen's address is not.
    assert log_in(client, "editor", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 302


def test_unit_staff_cannot_unlock_accounts(client, small_county):
    client.force_login(staff("py_editor", "pingyuan"))
    assert denied(client.get("/admin/security/accounts/"))
    assert denied(client.post("/admin/security/accounts/unlock/", {"username": "x"}))
    assert denied(client.post("/admin/security/accounts/reset-otp/", {"username": "py_editor"}))


def test_a_county_administrator_resets_a_lost_authenticator_and_it_is_logged(client, small_county):
    editor = staff("py_editor", "pingyuan")
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    root = User.objects.create_superuser("root", password=PASSWORD)
    TOTPDevice.objects.create(user=root, name="phone", confirmed=True)
    client.force_login(county_admin())
    client.post("/admin/security/accounts/reset-otp/", {"username": "py_editor"})
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert AuditEntry.objects.filter(action=AuditAction.OTP_REMOVED, target="py_editor").exists()
    # A superuser's authenticator is reset by a superuser only.
    assert denied(client.post("/admin/security/accounts/reset-otp/", {"username": "root"}))
    assert TOTPDevice.objects.filter(user=root).exists()


# --- Password policy -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1-short", "至少需要 12 个字符"),
        ("onlylowercaseletters", "至少 3 类"),
        ("lowercase-and-symbols", "至少 3 类"),
        ("ALLUPPER12345678", "至少 3 类"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(db, password, message):
    from django.contrib.auth.password_validation import validate_password

    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(message in text for text in refused.value.messages)


@pytest.mark.parametrize("password", ["Yingjiang2026County", "yingjiang-2026-county", "YINGJIANG#county"])
def test_passwords_of_three_classes_and_twelve_characters_are_accepted(db, password):
    from django.contrib.auth.password_validation import validate_password

    validate_password(password)


def test_an_expired_password_must_be_changed_before_anything_else(client, small_county):
    user = county_admin()
    PasswordRecord.objects.create(user=user, changed_at=timezone.now() - timedelta(days=91))
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    user.set_password("A-new-Password-2027")
    user.save()  # through the account page as well: Django notes the change on every validator
    assert PasswordRecord.objects.get(user=user).changed_at > timezone.now() - timedelta(minutes=1)
    client.force_login(user)  # a new password ends the session; the account page keeps it
    assert client.get("/admin/pages/").status_code == 200

    # An account that never changed its password counts from when it was created.
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=91))
    PasswordRecord.objects.filter(user=user).delete()
    assert client.get("/admin/pages/")["Location"] == "/admin/account/"


def test_demo_passwords_satisfy_the_policy():
    from django.contrib.auth.password_validation import validate_password

    from portal.demo import new_password

    for _ in range(200):
        validate_password(new_password())


# --- Auditors and the audit log ------------------------------------------------------------------


@pytest.fixture
def auditor(small_county):
    user = User.objects.create_user("auditor", password=PASSWORD)
    user.groups.add(ensure_auditors_group())
    return user


def test_the_auditor_reads_and_exports_the_log_and_edits_nothing(client, auditor):
    from wagtail.models import Page

    AuditEntry.objects.create(username="someone", action=AuditAction.LOGIN_FAILED, target="=HYPERLINK(1)")
    client.force_login(auditor)
    index = client.get("/admin/audit/")
    assert index.status_code == 200 and "someone" in index.content.decode()
    export = client.get("/admin/audit/?export=xlsx")
    assert export.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "someone" in cells and "=HYPERLINK(1)" in cells and sheet["E2"].data_type != "f"
    assert AuditEntry.objects.filter(action=AuditAction.AUDIT_EXPORTED, user=auditor).exists()

    page = Page.objects.filter(depth=3).first()
    assert denied(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert denied(client.get("/admin/documents/"))
    assert denied(client.get("/admin/users/"))
    home = client.get("/admin/").content.decode()
    assert '"name": "explorer"' not in home and "/admin/audit/" in home
    # County administrators read and export it too; unit staff do not.
    client.force_login(county_admin())
    assert '"name": "explorer"' in client.get("/admin/").content.decode()
    assert client.get("/admin/audit/?export=xlsx").status_code == 200
    client.force_login(staff("py_editor", "pingyuan"))
    assert denied(client.get("/admin/audit/"))


def test_audit_entries_cannot_be_edited_or_deleted_even_by_a_superuser(client, small_county):
    entry = AuditEntry.objects.create(username="someone", action=AuditAction.LOGIN_FAILED)
    client.force_login(User.objects.create_superuser("root", password=PASSWORD))
    assert client.get("/admin/audit/").status_code == 200
    assert client.get(f"/admin/audit/inspect/{entry.pk}/").status_code == 200
    for url in (f"/admin/audit/edit/{entry.pk}/", f"/admin/audit/delete/{entry.pk}/", "/admin/audit/new/"):
        assert denied(client.get(url)), url
        assert denied(client.post(url, {"username": "nobody", "action": "login"})), url
    assert AuditEntry.objects.filter(pk=entry.pk, username="someone").exists()
    entry.username = "nobody"
    with pytest.raises(TypeError):
        entry.save()


def test_permission_changes_are_logged(client, small_county):
    user = User.objects.create_user("clerk", password=PASSWORD)
    reviewers = ensure_auditors_group()
    user.groups.add(reviewers)
    user.is_superuser = True
    user.save()
    details = list(
        AuditEntry.objects.filter(action=AuditAction.PERMISSION_CHANGED, target="clerk")
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert details == [f"加入用户组 {AUDITORS_GROUP}", "设为超级管理员"]

    # A group's permissions edited in the admin: who did it is kept.
    root = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    group = Group.objects.create(name="临时组")
    response = client.post(
        f"/admin/groups/edit/{group.pk}/",
        {
            "name": "临时组",
            "permissions": [str(p.pk) for p in reviewers.permissions.all()],
            "page_permissions-TOTAL_FORMS": "0",
            "page_permissions-INITIAL_FORMS": "0",
            "collection_permissions-TOTAL_FORMS": "0",
            "collection_permissions-INITIAL_FORMS": "0",
            "document_permissions-TOTAL_FORMS": "0",
            "document_permissions-INITIAL_FORMS": "0",
            "image_permissions-TOTAL_FORMS": "0",
            "image_permissions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AuditEntry.objects.filter(
        action=AuditAction.PERMISSION_CHANGED, target="用户组 临时组", user=root
    ).exists()


def test_views_and_exports_of_citizens_personal_data_are_logged(client, small_county, board):  # noqa: F811
    from participation.models import Message

    consultation = open_consultation()
    opinion = add_opinion(consultation, "意见", phone="13800000077")
    message = Message.objects.create(
        unit=board.get_parent().specific.unit,
        board=board,
        tracking_code="L-AUDIT-0001",
        subject="问题",
        content="内容",
    )
    editor = staff("py_editor", "pingyuan")
    client.force_login(editor)
    assert client.get(f"/admin/opinions_admin/edit/{opinion.pk}/", REMOTE_ADDR="10.9.9.9").status_code == 200
    assert client.get(f"/admin/messages_admin/edit/{message.pk}/").status_code == 200
    assert client.get(f"/admin/participation/{consultation.pk}/export/").status_code == 200
    entries = AuditEntry.objects.filter(user=editor).exclude(action=AuditAction.LOGIN)
    assert [(entry.action, entry.target) for entry in entries.order_by("pk")] == [
        (AuditAction.PERSONAL_DATA_VIEWED, str(opinion)),
        (AuditAction.PERSONAL_DATA_VIEWED, str(message)),
        (AuditAction.PERSONAL_DATA_EXPORTED, str(consultation)),
    ]
    assert entries.order_by("pk").first().address == "10.9.9.9"


def test_the_purge_keeps_at_least_180_days(db, settings):
    recent = AuditEntry.objects.create(username="recent", action=AuditAction.LOGIN)
    kept = AuditEntry.objects.create(username="kept", action=AuditAction.LOGIN)
    old = AuditEntry.objects.create(username="old", action=AuditAction.LOGIN)
    AuditEntry.objects.filter(pk=kept.pk).update(time=timezone.now() - timedelta(days=179))
    AuditEntry.objects.filter(pk=old.pk).update(time=timezone.now() - timedelta(days=181))
    settings.AUDIT_RETENTION_DAYS = 30  # too short: raised to 180
    assert purge_audit_log() == 1
    assert set(AuditEntry.objects.values_list("username", flat=True)) == {recent.username, kept.username}
