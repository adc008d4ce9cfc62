"""Helpers for real-browser tests: Debian's Chromium driven by Playwright.

Playwright's own browser download does not work on our machines, so every launch goes
through the Chromium that `make chromium` installs from Debian.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps trying to reach Google's update, sync and
    # field-trial servers, which floods (and waits on) a closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
# Git-ignored (/test-artifacts/ in .gitignore), so screenshots never end up in a commit.
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
SCREENSHOT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LOCALE = "zh-CN"
# Local pages answer in well under a second; a short timeout makes a missing element
# fail the test quickly instead of after Playwright's default 30 s.
TIMEOUT_MS = 10_000

# Chromium's wording for a blocked resource or inline code under Content-Security-Policy.
CSP_MARKERS = ("Content Security Policy", "Refused to")


@contextmanager
def running_playwright() -> Iterator[Playwright]:
    """Start Playwright's sync API without changing which database connections Django uses.

    Between calls, Playwright's sync API leaves its event loop registered as the running
    loop of the test thread. Django keeps its connections in an asgiref Local that switches
    from thread-local to context-local storage while a loop runs, so the ORM in the test
    thread would silently get new DatabaseWrapper objects. Those lack the state pytest-django
    keeps on the originals, e.g. `_test_serialized_contents`: serialized rollback would then
    stop restoring Wagtail's root page after a transactional test. Re-register the original
    wrappers so the test thread keeps one connection per database throughout.
    """
    from django.db import connections

    originals = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, wrapper in originals.items():
            connections[alias] = wrapper
        yield playwright


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch Debian's Chromium, failing (not skipping) with instructions when it is missing."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run `make chromium` "
            "(installs Debian's chromium and fonts-noto-cjk), then rerun the browser tests.",
            pytrace=False,
        )
    # A plain launch() gives every run a fresh temporary profile, deleted on close.
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def new_context(browser: Browser, viewport: dict[str, int] | None = None) -> BrowserContext:
    """A fresh context (own cookies and storage) as a Chinese-language visitor would have."""
    context = browser.new_context(viewport=viewport or DESKTOP, locale=LOCALE)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@contextmanager
def open_page(browser: Browser, viewport: dict[str, int] | None = None) -> Iterator[Page]:
    """A page in its own context, e.g. a phone-sized one next to the desktop `page` fixture."""
    context = new_context(browser, viewport)
    try:
        yield context.new_page()
    finally:
        context.close()


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as test-artifacts/screenshots/<name>.png and return its path."""
    if not SCREENSHOT_NAME.match(name):
        raise ValueError(f"screenshot name {name!r} must be a plain file name (letters, digits, . _ -)")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def collect_console(page: Page) -> list[str]:
    """Start recording the page's console messages and uncaught errors; returns the live list."""
    messages: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        messages.append(f"{message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    return messages


def csp_violations(messages: list[str]) -> list[str]:
    """The recorded console messages in which Chromium reports a Content-Security-Policy block."""
    return [message for message in messages if any(marker in message for marker in CSP_MARKERS)]


def has_horizontal_scroll(page: Page) -> bool:
    """Whether the document is wider than the viewport (a phone user would have to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def admin_login(page: Page, base_url: str, username: str, password: str) -> None:
    """Log into the Wagtail admin through its login form and wait for the dashboard."""
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    # Enter submits the form without depending on the (translated) button label. A failed
    # login re-renders the form at the same URL, so wait for the navigation, not for a URL.
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    if "/admin/login/" in page.url:
        raise AssertionError(f"admin login as {username!r} failed; still on {page.url}")
    pass_totp_step(page, username)


def totp_code(secret: str, after_step: int = -1) -> str:
    """The code an authenticator app shows now for `secret` (base32), or, if that step was
    already used (django-otp refuses a code twice), the next one, which it also accepts."""
    import time
    from base64 import b32decode

    from django_otp.oath import TOTP

    totp = TOTP(b32decode(secret))
    if totp.t() <= after_step:
        totp.time = time.time() + 30 * (after_step + 1 - totp.t())
    return f"{totp.token():06d}"


def pass_totp_step(page: Page, username: str) -> None:
    """The login's second step: enrol an authenticator (reading the secret the page shows) or
    type the current code of the account's authenticator."""
    from base64 import b32encode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    if "/security/otp/enrol/" in page.url:
        code = totp_code(page.locator("[data-totp-secret]").inner_text().strip())
    elif "/security/otp/verify/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        code = totp_code(b32encode(device.bin_key).decode(), after_step=device.last_t)
    else:
        raise AssertionError(f"admin login as {username!r} asked for no TOTP code; on {page.url}")
    page.locator("input[name=token]").fill(code)
    with page.expect_navigation():
        page.locator("input[name=token]").press("Enter")
    if "/security/otp/" in page.url:
        raise AssertionError(f"TOTP step for {username!r} failed; still on {page.url}")


def type_rich_text(page: Page, field: Locator, text: str) -> None:
    """Types `text` into the first Draftail editor inside `field` and waits until the editor has
    written it to its hidden input: Draftail saves on a 250 ms debounce, and a form submitted
    before then is saved without the text."""
    textbox = field.locator("[role=textbox]").first
    textbox.click()
    page.keyboard.type(text)
    expect(textbox).to_contain_text(text)
    # Wagtail puts the editor beside the hidden input it serialises into.
    hidden = textbox.locator(
        "xpath=ancestor::div[contains(@class, 'Draftail-Editor__wrapper')]/preceding-sibling::input[1]"
    )
    expect(hidden).to_have_value(re.compile(re.escape(text)))


def write_body(page: Page, paragraph: str) -> Locator:
    """In a document's edit form: a 正文 block with `paragraph` typed into it, then an empty 表格
    block after it (its grid is drawn by script). Returns the body's StreamField."""
    body = page.locator("[data-contentpath=body]").first
    body.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="正文").click()
    type_rich_text(page, body, paragraph)
    body.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="表格").click()
    return body


def approve_both_review_steps(reviewer: Page, base_url: str, page_id: int) -> None:
    """As a unit's reviewer (logged in on `reviewer`): 保密审查 then 发布审查 of the page, from its
    edit form's action menu; the final approval publishes it."""
    for action in ("审查通过", "审查通过 和发布"):
        reviewer.goto(f"{base_url}/admin/pages/{page_id}/edit/")
        reviewer.get_by_role("button", name="更多动作").click()
        reviewer.get_by_role("button", name=action, exact=True).click()
        # The edit form may already show messages; the step is done once Wagtail has moved on to
        # the column's listing with its own.
        expect(reviewer).to_have_url(re.compile(r"/admin/pages/\d+/$"))
        expect(reviewer.locator(".messages")).to_contain_text("已被更新")


def wait_for_minimum_fill_time(shown_at: float) -> None:
    """Public forms refuse what comes back faster than a person types (participation/abuse.py):
    wait out the rest of that time, counted from `shown_at` (time.monotonic() when the form showed)."""
    from participation.abuse import min_fill_seconds

    remaining = min_fill_seconds() + 0.5 - (time.monotonic() - shown_at)
    if remaining > 0:
        time.sleep(remaining)


def fill_captcha(page: Page) -> None:
    """Type the answer a person would read off the form's captcha image."""
    from captcha.models import CaptchaStore

    hashkey = page.locator("input[name=captcha_0]").input_value()
    page.locator("input[name=captcha_1]").fill(CaptchaStore.objects.get(hashkey=hashkey).response)
