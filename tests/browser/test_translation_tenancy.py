"""A 平原镇 editor in the translation report, and refused at another unit's translation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .screens import admin_login, screenshot


@pytest.mark.browser
def test_editor_sees_own_pages_lacking_versions_and_is_refused_another_units_translation(
    live_server, demo_logins, page: Page
):
    from wagtail.models import Locale
    from wagtail.models import Page as WagtailPage
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import translate_object

    from sites.models import Unit
    from translations.report import translation_gaps

    # Everything the browser should (not) see is read from the database before it starts.
    dai = Locale.objects.get(language_code="tdd")
    pingyuan, scjg = Unit.objects.get(slug="pingyuan"), Unit.objects.get(slug="scjg")
    own_gaps = translation_gaps([pingyuan])[0]
    lacking = own_gaps.lacking_rows
    assert lacking, "the demo's 平原镇 pages have no Dai or Jingpo versions yet"
    dai_count = dict((locale.language_code, count) for locale, count in own_gaps.lacking_counts)["tdd"]
    scjg_section = scjg.section_in(Locale.get_default())
    own_titles = {row.page.title for row in own_gaps.rows}
    scjg_page = next(
        other
        for other in WagtailPage.objects.descendant_of(scjg_section).live().filter(alias_of__isnull=True)
        if other.title not in own_titles  # e.g. a document, not a standard column both units have
    )
    translate_object(scjg_page, [dai])
    scjg_translation = Translation.objects.get(source__object_id=scjg_page.translation_key, target_locale=dai)
    scjg_dai_page = WagtailPage.objects.get(translation_key=scjg_page.translation_key, locale=dai)

    admin_login(page, live_server.url, "pingyuan_editor", demo_logins["pingyuan_editor"])
    page.goto(f"{live_server.url}/admin/translations/")
    expect(page).to_have_url(f"{live_server.url}/admin/translations/pingyuan/")
    expect(page.locator("h1")).to_contain_text("平原镇")
    expect(page.locator('[data-language="tdd"]').first).to_have_text(f"缺少傣文版本：{dai_count} 页")
    table = page.locator("#lacking-pages")
    expect(table.locator("tbody tr")).to_have_count(len(lacking))
    for row in lacking[:5]:
        line = table.locator(f'tr[data-page="{row.page.id}"]')
        expect(line).to_contain_text(row.page.title)
        expect(line.locator('a[href*="/admin/localize/submit/page/"]').first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(scjg.name)
    expect(page.locator("main")).not_to_contain_text(scjg_page.title)
    screenshot(page, "translation-01-pingyuan-report")

    # Typing the address of 县市场监督管理局's Dai translation: back to the dashboard with a message.
    page.goto(f"{live_server.url}/admin/pages/{scjg_dai_page.id}/edit/")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(scjg_page.title)
    screenshot(page, "translation-02-other-unit-translation-refused")

    # Its PO file and its report are refused too.
    download = page.request.get(
        f"{live_server.url}/admin/localize/translate/{scjg_translation.id}/pofile/download/"
    )
    assert download.status == 403 and scjg_page.title not in download.text()
    assert page.request.get(f"{live_server.url}/admin/translations/scjg/").status == 404
