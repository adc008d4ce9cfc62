"""A citizen reads government documents, downloads their attachments and meets the ones not made public."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Locator, Page, expect

from .screens import collect_console, csp_violations, screenshot

SEED_SLUG = "yingjiang-openness-standardisation-plan-2020"
SEED_URL = f"/zwgk/xzfb/statutory/{SEED_SLUG}/"
# Demo documents that `load_demo` publishes in 平原镇's 法定主动公开内容 (portal/demo).
PUBLIC_SLUG = "demo-2026-minimum-living-allowance"
NOT_PUBLIC_SLUG = "demo-2026-internal-personnel-matter"
REPEALED_SLUG = "demo-2023-temporary-assistance"

# Enough of a PDF for the file's type to be recognised; the bytes are compared after download.
PDF_BYTES = (
    b"%PDF-1.4\n% demo attachment\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)

# Stands in for a spreadsheet; only the bytes matter.
XLSX_BYTES = b"PK\x03\x04 demo spreadsheet, not a real workbook\n"


def meta(page: Page, label: str) -> Locator:
    """The value next to `label` in the document's metadata grid (a <dt>/<dd> grid)."""
    return page.locator(".document-meta dt", has_text=re.compile(f"^{re.escape(label)}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


def attach_files(slug: str, *files: tuple[str, str, bytes]):
    """Upload (title, file name, bytes) files into 平原镇's collection, attach them to the document
    `slug` and republish it; returns the Wagtail documents and the page."""
    from wagtail.documents import get_document_model

    from disclosure.models import DocumentAttachment, GovernmentDocumentPage
    from sites.models import Unit

    collection = Unit.objects.get(slug="pingyuan").collection
    page = GovernmentDocumentPage.objects.get(slug=slug)
    documents = []
    for title, file_name, content in files:
        document = get_document_model().objects.create(
            title=title, file=ContentFile(content, name=file_name), collection=collection
        )
        page.attachments.add(DocumentAttachment(document=document))
        documents.append(document)
    page.save_revision().publish()
    return documents, page


def assert_no_csp_violations(console: list[str]) -> None:
    blocked = csp_violations(console)
    assert not blocked, "Content-Security-Policy blocked something:\n" + "\n".join(blocked)


@pytest.mark.browser
def test_citizen_reads_document_metadata_and_repealed_banner(live_server, demo_logins, page: Page):
    from disclosure.models import GovernmentDocumentPage

    index_number = GovernmentDocumentPage.objects.get(slug=SEED_SLUG).index_number
    assert re.fullmatch(r"YJ\d+/2020-\d{5}", index_number), index_number
    console = collect_console(page)

    response = page.goto(f"{live_server.url}{SEED_URL}")
    assert response is not None and response.ok
    assert "content-security-policy" in response.headers, "public pages must be served with a CSP"
    expect(page.get_by_role("heading", level=1)).to_contain_text("盈江县")
    expect(meta(page, "索引号")).to_have_text(index_number)
    expect(meta(page, "主题分类")).to_have_text("综合政务")
    expect(meta(page, "发布机构")).to_have_text("盈江县人民政府办公室")
    expect(meta(page, "成文日期")).to_have_text("2020-06-30")
    expect(meta(page, "发布日期")).to_have_text("2020-06-30 09:00")
    expect(meta(page, "有效性")).to_have_text("有效")
    expect(meta(page, "公开属性")).to_have_text("此件公开发布")
    # A valid document carries no 失效/废止 banner.
    expect(page.locator(".banner--invalid")).to_have_count(0)
    screenshot(page, "documents-01-seed-metadata")

    repealed = GovernmentDocumentPage.objects.get(slug=REPEALED_SLUG)
    response = page.goto(f"{live_server.url}{repealed.url}")
    assert response is not None and response.ok
    expect(page.get_by_role("note")).to_contain_text("本文件已废止")
    expect(meta(page, "有效性")).to_have_text("已废止")
    screenshot(page, "documents-02-repealed-banner")

    assert_no_csp_violations(console)


@pytest.mark.browser
def test_citizen_downloads_public_attachment_but_not_a_non_public_one(
    live_server, demo_logins, page: Page, settings, tmp_path
):
    # Uploaded files go to a temporary media directory, not the checkout's media/.
    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (pdf_file, xlsx_file), public_page = attach_files(
        PUBLIC_SLUG,
        ("低保资金发放明细（演示）", "dibao-mingxi.pdf", PDF_BYTES),
        ("低保对象名册（演示）", "dibao-mingce.xlsx", XLSX_BYTES),
    )
    hidden_bytes = PDF_BYTES.replace(b"demo attachment", b"internal matter")
    (hidden_file,), hidden_page = attach_files(
        NOT_PUBLIC_SLUG, ("内部人事材料（演示）", "neibu.pdf", hidden_bytes)
    )
    console = collect_console(page)

    response = page.goto(f"{live_server.url}{public_page.url}")
    assert response is not None and response.ok
    attachments = page.locator("section.attachments")
    expect(attachments.get_by_role("heading", level=2)).to_have_text("附件")
    pdf_link = attachments.get_by_role("link", name="低保资金发放明细（演示）", exact=True)
    xlsx_link = attachments.get_by_role("link", name="低保对象名册（演示）", exact=True)
    expect(pdf_link).to_have_attribute("href", pdf_file.url)
    expect(xlsx_link).to_have_attribute("href", xlsx_file.url)
    expect(attachments).to_contain_text("PDF")
    screenshot(page, "documents-03-attachment-list")

    # Wagtail sends most files as downloads (Content-Disposition: attachment) ...
    with page.expect_download() as download_info:
        xlsx_link.click()
    download = download_info.value
    assert download.suggested_filename == "dibao-mingce.xlsx"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == XLSX_BYTES

    # ... but PDFs inline (its default WAGTAILDOCS_INLINE_CONTENT_TYPES): the browser opens them
    # in its viewer, whose response body is the viewer's page, so fetch the bytes in the same context.
    pdf_link.click()
    expect(page).to_have_url(f"{live_server.url}{pdf_file.url}")
    pdf_response = page.request.get(f"{live_server.url}{pdf_file.url}")
    assert pdf_response.status == 200
    assert pdf_response.headers["content-disposition"].startswith("inline")
    assert pdf_response.body() == PDF_BYTES

    # 此件不公开: the page and its file answer exactly like ones that do not exist.
    response = page.goto(f"{live_server.url}{hidden_page.url}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("页面不存在")
    expect(page.locator("body")).not_to_contain_text("内部人事")
    screenshot(page, "documents-04-not-public-404")
    file_response = page.request.get(f"{live_server.url}{hidden_file.url}")
    assert file_response.status == 404
    assert hidden_bytes not in file_response.body()

    assert_no_csp_violations(console)
