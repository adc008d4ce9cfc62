"""Attachments and files: only what a public page publishes can be downloaded by the public."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from disclosure.blocks import rich_text_stream
from disclosure.models import (
    ColumnKind,
    ColumnPage,
    DisclosureAttribute,
    DocumentAttachment,
    GovernmentDocumentPage,
)
from sites.models import Unit, UnitSectionPage
from tests.test_documents import new_document, statutory


def upload(unit_slug: str, title: str):
    unit = Unit.objects.get(slug=unit_slug)
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(f"%PDF-1.4 {title}".encode(), name=f"{title}.pdf"),
        collection=unit.collection,
    )


def attach(page: GovernmentDocumentPage, document, *, redacted_copy: bool = False) -> GovernmentDocumentPage:
    page.attachments.add(DocumentAttachment(document=document, is_redacted_copy=redacted_copy))
    page.save_revision().publish()
    return GovernmentDocumentPage.objects.get(pk=page.pk)


def user_of(unit_slug: str):
    user = get_user_model().objects.create_user(f"editor-{unit_slug}", password="x")
    user.groups.add(Unit.objects.get(slug=unit_slug).editors_group)
    return user


def status(client, document) -> int:
    return client.get(document.url).status_code


@pytest.mark.django_db
def test_public_document_publishes_its_attachments(small_county, client):
    file = upload("pingyuan", "公开附件")
    page = attach(new_document("pingyuan"), file)
    html = client.get(page.url).content.decode()
    assert "公开附件" in html and "PDF" in html
    assert status(client, file) == 200


@pytest.mark.django_db
def test_non_public_attachment_is_served_only_to_the_units_staff(small_county, client):
    file = upload("pingyuan", "内部附件")
    attach(new_document("pingyuan", disclosure_attribute=DisclosureAttribute.NOT_PUBLIC), file)
    assert status(client, file) == 404
    client.force_login(user_of("scjg"))
    assert status(client, file) == 404
    client.force_login(user_of("pingyuan"))
    assert status(client, file) == 200


@pytest.mark.django_db
def test_redacted_document_shows_only_the_redacted_body_and_copy(small_county, client):
    page = new_document("pingyuan", publish=False)
    page.disclosure_attribute = DisclosureAttribute.REDACTED
    page.body = rich_text_stream("<p>原文含有个人信息：张三，身份证号码</p>")
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "必须提供删减后的正文" in str(excinfo.value)

    page.redacted_body = rich_text_stream("<p>删减后的正文</p>")
    original, redacted = upload("pingyuan", "原件"), upload("pingyuan", "删减版")
    page.attachments.add(DocumentAttachment(document=original))
    page.attachments.add(DocumentAttachment(document=redacted, is_redacted_copy=True))
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    assert "删减后的正文" in html and "身份证" not in html
    assert "此件删减后公开" in html
    assert "删减版" in html and "原件" not in html
    assert status(client, redacted) == 200
    assert status(client, original) == 404


@pytest.mark.django_db
def test_turning_a_document_non_public_takes_it_and_its_files_down_at_once(small_county, client):
    file = upload("pingyuan", "将撤下的附件")
    page = attach(new_document("pingyuan", title="将撤下的文件"), file)
    assert client.get(page.url).status_code == 200 and status(client, file) == 200

    page.disclosure_attribute = DisclosureAttribute.ON_REQUEST
    page.save_revision().publish()
    assert client.get(page.url).status_code == 404
    assert status(client, file) == 404
    for url in (statutory("pingyuan").url, "/zwgk/pingyuan/", "/sitemap.xml", "/zwgk/pingyuan/rss/"):
        assert "将撤下的文件" not in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_library_files_are_private_unless_a_live_page_links_them(small_county, client):
    linked, unlinked = upload("pingyuan", "公开指南全文"), upload("pingyuan", "未使用的文件")
    section = UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code="zh-hans")
    guide = ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.GUIDE)
    guide.intro = f'<p>下载<a linktype="document" id="{linked.id}">公开指南全文</a></p>'
    guide.save_revision().publish()
    assert status(client, linked) == 200
    assert status(client, unlinked) == 404
    guide.unpublish()
    assert status(client, linked) == 404


@pytest.mark.django_db
def test_a_reviewer_cannot_publish_another_units_private_file_by_attaching_it(small_county, client):
    from wagtail.test.utils.form_data import inline_formset

    from tests.test_tenancy import document_form

    private = upload("scjg", "市场监管局的内部文件")
    page = new_document("pingyuan")
    reviewer = get_user_model().objects.create_user("reviewer-pingyuan", password="x")
    reviewer.groups.add(Unit.objects.get(slug="pingyuan").reviewers_group)
    client.force_login(reviewer)
    attachments = inline_formset([{"document": private.pk, "title": "", "is_redacted_copy": ""}])
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        document_form(page.title, page.slug, attachments=attachments, **{"action-publish": "action-publish"}),
    )
    assert "不属于本单位" in response.content.decode()
    assert private.title not in response.content.decode()
    assert not DocumentAttachment.objects.filter(document=private).exists()
    client.logout()
    assert status(client, private) == 404
