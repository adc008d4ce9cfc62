"""A unit's editor sees only their own unit's section in the Wagtail page explorer."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from .screens import admin_login, screenshot


# Links are matched by the page ids in their URLs, not by the admin's (translated) labels.
def explorer_link(scope: Page | Locator, page_id: int) -> Locator:
    """Links that open the explorer on a page (a listing row's 'children' arrow, a breadcrumb)."""
    return scope.locator(f'a[href="/admin/pages/{page_id}/"]')


def edit_link(scope: Page | Locator, page_id: int) -> Locator:
    """Links to a page's editor (a listing row's title)."""
    return scope.locator(f'a[href="/admin/pages/{page_id}/edit/"]')


def any_admin_link(scope: Page | Locator, page_id: int) -> Locator:
    """Any admin link about a page: explorer, editor, its '...' menu actions."""
    return scope.locator(f'a[href^="/admin/pages/{page_id}/"]')


@pytest.mark.browser
def test_unit_editor_explores_only_own_section(live_server, demo_logins, page: Page):
    from sites.models import DisclosureIndexPage, UnitSectionPage
    from sites.provisioning import section_title

    # Read everything from the database before the browser starts: titles come from the
    # unit register, so the test matches on data rather than on admin UI labels.
    index = DisclosureIndexPage.objects.get(locale__language_code="zh-hans")
    sections = {
        section.unit.slug: section
        for section in UnitSectionPage.objects.child_of(index).select_related("unit")
    }
    own, other, county_office = sections["pingyuan"], sections["scjg"], sections["xzfb"]
    own_children = list(own.get_children().order_by("path"))
    other_children = list(other.get_children().order_by("path"))
    assert own.title == section_title(own.unit) == "平原镇信息公开"

    admin_login(page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])

    page.goto(f"{live_server.url}/admin/pages/{index.id}/")
    listing = page.locator("main")
    expect(edit_link(listing, own.id)).to_have_text(own.title)
    for hidden in (other, county_office):
        expect(listing).not_to_contain_text(section_title(hidden.unit))
        expect(any_admin_link(listing, hidden.id)).to_have_count(0)
    screenshot(page, "editor-01-zwgk-explorer")

    own_row = listing.locator("tr", has=edit_link(page, own.id))
    # The row's arrow opens the section in the explorer.
    explorer_link(own_row, own.id).click()
    expect(page).to_have_url(f"{live_server.url}/admin/pages/{own.id}/")
    for child in own_children:
        expect(edit_link(listing, child.id)).to_have_text(child.title)
    expect(listing).to_contain_text("政府信息公开指南")
    expect(listing).to_contain_text("机构概况")
    screenshot(page, "editor-02-pingyuan-explorer")

    # Typing another unit's explorer URL is refused like any other forbidden admin view:
    # back to the dashboard with a message, and nothing of that unit on screen.
    response = page.goto(f"{live_server.url}/admin/pages/{other.id}/")
    assert response is not None and "/admin/login/" not in page.url, "the editor was logged out"
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(other.title)
    for child in other_children:
        expect(any_admin_link(page.locator("body"), child.id)).to_have_count(0)
    screenshot(page, "editor-03-other-unit-explorer")
