"""内容检查 (issue 14 item 6): personal data, wording, dates and links in a unit's public pages,
shown in 保密审查, masked in one step, accepted as false positives with a reason, and counted by
the county oversight's nightly indicator."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import Workbook
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry

from disclosure.blocks import rich_text_stream
from disclosure.models import DisclosureAttribute, DocumentAttachment, GovernmentDocumentPage
from review.content_checks import content_findings, page_findings
from review.models import FindingAcceptance
from sites import hooks as site_hooks
from sites.models import Unit
from tests.conftest import unit_member as member
from tests.test_documents import new_document
from tests.test_textcheck import resident_id, wrong_check

TODAY = date(2026, 12, 2)
VALID_ID = resident_id("53312319650308123")
INVALID_ID = wrong_check(resident_id("53312320011130004"))
MOBILE = "13812341234"


def list_table(*rows: tuple[str, ...]) -> tuple[str, dict]:
    data = [["序号", "姓名", "身份证号码", "联系电话", "金额（元）"], *rows]
    return ("table", {"data": [list(row) for row in data], "first_row_is_table_header": True})


def public_list(**fields) -> GovernmentDocumentPage:
    """A 低保 公示 list with one valid ID number and mobile, and one mistyped ID number."""
    body = [
        *rich_text_stream("<p>现将2026年第四季度城乡最低生活保障对象公示如下，做为群众监督的依据。</p>"),
        list_table(
            ("1", "张某某", VALID_ID, MOBILE, "300"), ("2", "李某某", INVALID_ID, "0692-8123456", "250")
        ),
    ]
    return new_document(
        "pingyuan", title="平原镇2026年第四季度低保对象公示", body=body, publish=False, **fields
    )


def kinds(findings) -> list[tuple[str, str, str]]:
    return [(finding.place, finding.kind, finding.shown) for finding in findings]


@pytest.mark.django_db
def test_the_check_finds_id_and_mobile_in_a_public_list_and_ignores_an_invalid_id(small_county):
    page = public_list()
    found = kinds(page_findings(page, TODAY))
    assert ("正文", "id_number", VALID_ID[:2] + "*" * 13 + VALID_ID[-3:]) in found
    assert ("正文", "mobile", "138****1234") in found
    assert ("正文", "wording", "做为") in found  # from the seeded wording list
    assert not any(INVALID_ID[-3:] in shown and kind == "id_number" for _p, kind, shown in found)
    assert len([kind for _p, kind, _s in found if kind in ("id_number", "mobile", "bank_card")]) == 2


@pytest.mark.django_db
def test_attachment_text_dates_and_links_are_checked(small_county):
    workbook = Workbook()
    workbook.active.append(["张某某", VALID_ID])
    buffer = io.BytesIO()
    workbook.save(buffer)
    unit = Unit.objects.get(slug="pingyuan")
    file = get_document_model().objects.create(
        title="公示名单", file=ContentFile(buffer.getvalue(), name="名单.xlsx"), collection=unit.collection
    )
    hidden = new_document("pingyuan", disclosure_attribute=DisclosureAttribute.NOT_PUBLIC)
    body = rich_text_stream(
        f'<p>会议定于2026年2月30日召开，详见<a linktype="page" id="{hidden.pk}">内部通知</a>'
        '和<a linktype="page" id="999999">旧页面</a>。</p>'
    )
    page = new_document("pingyuan", body=body, written_date=date(2027, 1, 5), publish=False)
    page.attachments.add(DocumentAttachment(document=file, title="公示名单.xlsx"))
    page.save_revision()

    found = kinds(page_findings(page, TODAY))
    assert ("附件《公示名单.xlsx》", "id_number", VALID_ID[:2] + "*" * 13 + VALID_ID[-3:]) in found
    assert ("正文", "impossible_date", "2026年2月30日") in found
    assert ("成文日期", "future_date", "2027-01-05") in found
    link_kinds = {kind for _p, kind, _s in found if kind.endswith("_link")}
    assert link_kinds == {"hidden_link", "broken_link"}


@pytest.mark.django_db
def test_the_reviewer_sees_the_findings_in_the_first_review_step(small_county, client):
    editor = member("editor")
    page = public_list()
    page.get_workflow().start(page, editor)
    client.force_login(member("reviewer"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    text = response.content.decode()
    assert "内容检查：身份证号码 1 处" in text
    assert reverse("review:content_check", args=[page.pk]) in text

    check = client.get(reverse("review:content_check", args=[page.pk])).content.decode()
    assert "138****1234" in check and MOBILE not in check and VALID_ID not in check


@pytest.mark.django_db
def test_mask_in_one_step_saves_a_new_revision_with_the_numbers_masked(small_county, client):
    page = public_list()
    before = page.latest_revision_id
    client.force_login(member("editor"))
    response = client.post(reverse("review:mask_personal_data", args=[page.pk]), follow=True)
    assert "已对 2 处个人信息脱敏" in response.content.decode()

    page = GovernmentDocumentPage.objects.get(pk=page.pk)
    assert page.latest_revision_id != before
    draft = page.get_latest_revision_as_object()
    cells = [
        cell
        for block in draft.body
        if block.block_type == "table"
        for row in block.value["data"]
        for cell in row
    ]
    assert "138****1234" in cells and VALID_ID[:2] + "*" * 13 + VALID_ID[-3:] in cells
    assert MOBILE not in cells and VALID_ID not in cells
    assert INVALID_ID in cells  # not personal data by the check: left as written
    assert not [f for f in page_findings(page, TODAY) if f.is_personal]
    assert PageLogEntry.objects.filter(page=page, action="review.mask_personal_data").exists()


@pytest.mark.django_db
def test_accept_with_a_reason_hides_the_finding_and_is_logged(small_county, client):
    page = public_list()
    (wording,) = [f for f in page_findings(page, TODAY) if f.kind == "wording"]
    reviewer = member("reviewer")
    client.force_login(reviewer)
    url = reverse("review:content_check", args=[page.pk])
    posted = {"kind": wording.kind, "fingerprint": wording.fingerprint}

    response = client.post(url, {**posted, "reason": "  "})
    assert response.status_code == 400
    assert "请填写确认为误报的理由。" in response.content.decode()
    assert not FindingAcceptance.objects.exists()

    response = client.post(url, {**posted, "reason": "引用原文，不作修改"}, follow=True)
    assert "已确认为误报" in response.content.decode()
    assert not [f for f in page_findings(page, TODAY) if f.kind == "wording"]
    acceptance = FindingAcceptance.objects.get()
    assert (acceptance.page_id, acceptance.accepted_by, acceptance.reason) == (
        page.pk,
        reviewer,
        "引用原文，不作修改",
    )
    entry = PageLogEntry.objects.get(page=page, action="review.accept_finding")
    assert entry.data["reason"] == "引用原文，不作修改" and entry.user == reviewer

    # An editor may mask but not accept.
    client.force_login(member("editor"))
    refused = client.post(url, {**posted, "reason": "x"})
    assert refused.status_code == 403 or (refused.status_code == 302 and refused.url == "/admin/")
    assert FindingAcceptance.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_another_units_staff_get_404(small_county, client, role):
    page = public_list()
    (mobile,) = [f for f in page_findings(page, TODAY) if f.kind == "mobile"]
    client.force_login(member(role, "scjg"))
    check_url = reverse("review:content_check", args=[page.pk])
    assert client.get(check_url).status_code == 404
    assert client.post(reverse("review:mask_personal_data", args=[page.pk])).status_code == 404
    posted = {"kind": "mobile", "fingerprint": mobile.fingerprint, "reason": "x"}
    assert client.post(check_url, posted).status_code == 404
    assert not FindingAcceptance.objects.exists()
    assert GovernmentDocumentPage.objects.get(pk=page.pk).latest_revision_id == page.latest_revision_id


@pytest.mark.django_db
def test_the_nightly_indicator_counts_live_public_pages_only(small_county):
    (indicator,) = [
        indicator
        for answer in site_hooks.answers(site_hooks.OVERSIGHT_INDICATORS)
        for indicator in answer()
        if indicator.key == "review.content_findings"
    ]
    draft = public_list()
    live = public_list()
    live.get_latest_revision().publish()
    hidden = public_list(disclosure_attribute=DisclosureAttribute.NOT_PUBLIC)
    hidden.get_latest_revision().publish()

    found = {finding.key: finding for finding in indicator.find(TODAY)}
    assert f"page:{live.pk}" in found
    assert f"page:{draft.pk}" not in found and f"page:{hidden.pk}" not in found
    finding = found[f"page:{live.pk}"]
    assert finding.unit_id == Unit.objects.get(slug="pingyuan").pk
    assert finding.since is not None and finding.url == reverse("review:content_check", args=[live.pk])
    assert "身份证号码 1 处" in finding.detail and "手机号码 1 处" in finding.detail
    assert list(content_findings(TODAY)) == list(indicator.find(TODAY))


@pytest.mark.django_db
def test_county_admins_keep_the_wording_list(small_county, client):
    client.force_login(member("county_admin"))
    response = client.get(reverse("review_wording:index"))
    assert response.status_code == 200 and "做为" in response.content.decode()
    assert reverse("review_wording:index") in client.get("/admin/").content.decode()  # 审查与复核 menu
    client.force_login(member("editor"))
    assert client.get(reverse("review_wording:index")).status_code in (302, 403)
    assert reverse("review_wording:index") not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_demo_public_list_is_found_by_the_nightly_check(demo, client):
    page = GovernmentDocumentPage.objects.get(slug="demo-2026-minimum-living-allowance")
    assert "13800138000" in client.get(page.url).content.decode()  # the leak the check is for
    personal = [(f.kind, f.shown) for f in page_findings(page, TODAY) if f.is_personal]
    listed = resident_id("53312319650308123")  # the list's valid ID number, computed here
    assert personal == [("id_number", listed[:2] + "*" * 13 + listed[-3:]), ("mobile", "138****8000")]
    assert "533123197811122040" not in [f.finding.text for f in page_findings(page, TODAY)]
    keys = {finding.key for finding in content_findings(TODAY)}
    assert f"page:{page.pk}" in keys


@pytest.mark.django_db
def test_masked_during_review_is_what_the_approval_publishes(small_county, client):
    editor, reviewer = member("editor"), member("reviewer")
    page = public_list()
    page.get_workflow().start(page, editor)
    client.force_login(editor)
    client.post(reverse("review:mask_personal_data", args=[page.pk]))
    client.force_login(reviewer)
    for _step in range(2):
        task_state = GovernmentDocumentPage.objects.get(pk=page.pk).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        assert client.post(url, {"comment": ""}).status_code in (200, 302)
    page = GovernmentDocumentPage.objects.get(pk=page.pk)
    assert page.live
    html = client.get(page.url).content.decode()
    assert "138****1234" in html and MOBILE not in html and VALID_ID not in html


@pytest.mark.django_db
def test_attachment_text_is_cached_by_the_files_hash(small_county):
    from review.content_checks import attachment_text

    workbook = Workbook()
    workbook.active.append(["联系电话", "13912345678"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    unit = Unit.objects.get(slug="pingyuan")
    file = get_document_model().objects.create(
        title="名单", file=ContentFile(buffer.getvalue(), name="cached.xlsx"), collection=unit.collection
    )
    file.get_file_hash()
    assert "13912345678" in attachment_text(file).text
    # The same file (by its hash) is not read again: replacing the stored bytes behind the
    # document's back does not change the answer.
    with file.file.storage.open(file.file.name, "wb") as stored:
        stored.write(b"not a workbook any more")
    assert "13912345678" in attachment_text(file).text


@pytest.mark.django_db
def test_county_admins_see_the_findings_but_the_unit_decides(small_county, client):
    page = public_list()
    (mobile,) = [f for f in page_findings(page, TODAY) if f.kind == "mobile"]
    client.force_login(member("county_admin"))
    url = reverse("review:content_check", args=[page.pk])
    html = client.get(url).content.decode()
    mask_url = reverse("review:mask_personal_data", args=[page.pk])
    assert "138****1234" in html and mask_url not in html and 'name="fingerprint"' not in html
    for response in (
        client.post(mask_url),
        client.post(url, {"kind": "mobile", "fingerprint": mobile.fingerprint, "reason": "x"}),
    ):
        assert response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")
    assert not FindingAcceptance.objects.exists()
