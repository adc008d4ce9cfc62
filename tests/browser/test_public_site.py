"""A citizen finds a township's disclosure section and its contact details in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .screens import PHONE, collect_console, csp_violations, open_page, screenshot

# Sample contact details that `load_demo` gives 平原镇 (portal/demo DEMO_CONTACTS).
PINGYUAN_ADDRESS = "盈江县平原镇（演示地址）"
PINGYUAN_PHONE = "0692-0000001"


def contact(page: Page, label: str) -> Locator:
    """The value next to `label` in the unit's contact table (a <dt>/<dd> grid)."""
    return page.locator(".unit-contacts dt", has_text=re.compile(f"^{re.escape(label)}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


def expect_pingyuan_contacts(page: Page) -> None:
    expect(contact(page, "单位名称")).to_have_text("平原镇")
    expect(contact(page, "办公地址")).to_have_text(PINGYUAN_ADDRESS)
    expect(contact(page, "联系电话")).to_contain_text(PINGYUAN_PHONE)


@pytest.mark.browser
def test_citizen_finds_township_section_and_contacts(live_server, demo_logins, page: Page, browser: Browser):
    console = collect_console(page)

    response = page.goto(f"{live_server.url}/")
    assert response is not None and response.ok
    # Without the header the console check below would pass vacuously.
    assert "content-security-policy" in response.headers, "public pages must be served with a CSP"
    expect(page).to_have_title(re.compile("盈江县人民政府"))
    expect(page.get_by_role("heading", level=1)).to_have_text("盈江县人民政府")
    screenshot(page, "citizen-01-home")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政务公开", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/zwgk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政务公开")
    townships = page.locator("section.unit-group").filter(
        has=page.get_by_role("heading", name="乡镇", exact=True)
    )
    expect(townships.get_by_role("link")).to_have_text(["平原镇"])
    bureaus = page.locator("section.unit-group").filter(
        has=page.get_by_role("heading", name="县直部门", exact=True)
    )
    expect(bureaus.get_by_role("link")).to_have_text(["县市场监督管理局"])
    screenshot(page, "citizen-02-zwgk-index")

    townships.get_by_role("link", name="平原镇", exact=True).click()
    section_url = f"{live_server.url}/zwgk/pingyuan/"
    expect(page).to_have_url(section_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("平原镇信息公开")
    expect_pingyuan_contacts(page)
    screenshot(page, "citizen-03-pingyuan-section")

    page.get_by_role("navigation", name="专栏栏目").get_by_role("link", name="机构概况", exact=True).click()
    expect(page).to_have_url(f"{section_url}profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("机构概况")
    expect_pingyuan_contacts(page)
    screenshot(page, "citizen-04-pingyuan-profile")

    with open_page(browser, PHONE) as phone:
        phone_console = collect_console(phone)
        phone.goto(section_url)
        expect(phone.get_by_role("heading", level=1)).to_have_text("平原镇信息公开")
        expect_pingyuan_contacts(phone)
        screenshot(phone, "citizen-05-pingyuan-section-phone")
        widths = phone.evaluate(
            "({scroll: document.documentElement.scrollWidth, viewport: window.innerWidth})"
        )
        assert widths["scroll"] <= widths["viewport"], f"section page scrolls sideways on a phone: {widths}"

    blocked = csp_violations(console + phone_console)
    assert not blocked, "Content-Security-Policy blocked something:\n" + "\n".join(blocked)
