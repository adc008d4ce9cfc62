"""Every public surface × every non-public attribute, including after a published page is changed.

A non-public document (此件依申请公开, 此件不公开) must not show on its own URL, its translated
copies, column and section listings, RSS and Atom feeds, the sitemap, the unit's catalogue page,
nor through its attachments. A redacted one shows its redacted body only.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale

from catalogue.models import CatalogueItem
from disclosure.blocks import rich_text_stream
from disclosure.domains import Domain
from disclosure.models import DisclosureAttribute, DocumentAttachment, GovernmentDocumentPage
from sites.models import Unit
from tests.test_documents import new_document, statutory

SECRET_TITLE = "机密测试文件标题"
SECRET_WORDS = "只在正文里出现的词语"
NON_PUBLIC = [DisclosureAttribute.ON_REQUEST, DisclosureAttribute.NOT_PUBLIC]


def surfaces(page: GovernmentDocumentPage) -> dict[str, str]:
    column = statutory("pingyuan").url
    dai = GovernmentDocumentPage.objects.get(
        translation_key=page.translation_key, locale=Locale.objects.get(language_code="tdd")
    )
    return {
        "page": page.url,
        "dai_copy": dai.url,
        "column": column,
        "column_rss": f"{column}rss/",
        "column_atom": f"{column}atom/",
        "section": "/zwgk/pingyuan/",
        "section_rss": "/zwgk/pingyuan/rss/",
        "section_atom": "/zwgk/pingyuan/atom/",
        "sitemap": "/sitemap.xml",
        "catalogue": "/zwgk/pingyuan/catalogue/",
        "search_title": f"/search/?q={SECRET_TITLE}",
        "search_body": f"/search/?q={SECRET_WORDS}",
        "search_unit": f"/search/?q={SECRET_TITLE}&unit=pingyuan",
        "search_dai": f"/tdd/search/?q={SECRET_TITLE}",
    }


def shows(client, url: str, page: GovernmentDocumentPage) -> bool:
    response = client.get(url)
    # The sitemap lists addresses, not titles; a search page repeats the query, so for both the
    # document's address (also inside its Dai copy's address) is what shows it.
    marker = page.url if url == "/sitemap.xml" or "search/" in url else SECRET_TITLE
    return response.status_code == 200 and marker in response.content.decode()


def build(attribute: str, *, publish_first_as_public: bool) -> tuple[GovernmentDocumentPage, object]:
    unit = Unit.objects.get(slug="pingyuan")
    file = get_document_model().objects.create(
        title="附件", file=ContentFile(b"%PDF-1.4 secret", name="secret.pdf"), collection=unit.collection
    )
    first = DisclosureAttribute.PUBLIC if publish_first_as_public else attribute
    page = new_document(
        "pingyuan",
        title=SECRET_TITLE,
        disclosure_attribute=first,
        domain=Domain.SOCIAL_ASSISTANCE,
        body=rich_text_stream(f"<p>{SECRET_WORDS}</p>"),
    )
    page.attachments.add(DocumentAttachment(document=file))
    page.save_revision().publish()
    # Its copy in the Dai tree, as wagtail-localize's synchronisation makes it.
    page.copy_for_translation(Locale.objects.get(language_code="tdd"), copy_parents=True, alias=True)
    CatalogueItem.objects.create(
        unit=unit,
        domain=Domain.SOCIAL_ASSISTANCE,
        name="测试事项",
        content="内容",
        legal_basis="依据",
        time_limit="时限",
        responsible_body="主体",
        method="主动公开",
        channel="政府网站",
        audience="whole_society",
        column=statutory("pingyuan"),
    )
    if publish_first_as_public:
        page = GovernmentDocumentPage.objects.get(pk=page.pk)
        page.disclosure_attribute = attribute
        page.save_revision().publish()
    return GovernmentDocumentPage.objects.get(pk=page.pk), file


@pytest.mark.django_db
@pytest.mark.parametrize("changed_later", [False, True], ids=["from-the-start", "after-being-public"])
@pytest.mark.parametrize("attribute", NON_PUBLIC)
def test_non_public_document_is_on_no_public_surface(small_county, client, attribute, changed_later):
    page, file = build(attribute, publish_first_as_public=changed_later)
    seen = {name for name, url in surfaces(page).items() if shows(client, url, page)}
    assert seen == set()
    assert client.get(page.url).status_code == 404
    assert client.get(file.url).status_code == 404


@pytest.mark.django_db
def test_the_same_document_when_public_is_on_every_surface(small_county, client):
    """The control row: proves each surface above would show the document if it were public."""
    page, file = build(DisclosureAttribute.PUBLIC, publish_first_as_public=False)
    seen = {name for name, url in surfaces(page).items() if shows(client, url, page)}
    assert seen == set(surfaces(page))
    assert client.get(file.url).status_code == 200


@pytest.mark.django_db
def test_wagtail_api_is_not_exposed(small_county, client):
    assert client.get("/api/v2/pages/").status_code == 404


@pytest.mark.django_db
def test_document_cannot_be_saved_even_as_draft_without_an_attribute(small_county, client):
    from tests.test_tenancy import document_form

    user = get_user_model().objects.create_user("drafter", password="x")
    user.groups.add(Unit.objects.get(slug="pingyuan").editors_group)
    client.force_login(user)
    url = f"/admin/pages/add/disclosure/governmentdocumentpage/{statutory('pingyuan').id}/"
    response = client.post(url, document_form("未选属性的草稿", "no-attribute", disclosure_attribute=""))
    assert response.status_code == 200
    assert "必需字段" in response.content.decode()
    assert not GovernmentDocumentPage.objects.filter(slug="no-attribute").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, size, message",
    [
        ("setup.exe", 100, "不被允许"),
        ("big.pdf", 2 * 1024 * 1024, "文件过大"),
    ],
)
def test_attachment_of_forbidden_type_or_size_is_refused_in_chinese(
    small_county, client, settings, name, size, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024 * 1024
    unit = Unit.objects.get(slug="pingyuan")
    user = get_user_model().objects.create_user("uploader", password="x")
    user.groups.add(unit.editors_group)
    client.force_login(user)
    response = client.post(
        "/admin/documents/add/",
        {"title": "附件", "file": SimpleUploadedFile(name, b"x" * size), "collection": unit.collection_id},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.filter(title="附件").exists()


@pytest.mark.django_db
def test_saving_a_non_public_draft_withdraws_the_live_page_at_once(small_county, client):
    """An editor (who cannot publish) changes a live public document to 此件不公开 and only saves a
    draft: the public page and its files go at once, not when a reviewer publishes."""
    from tests.test_tenancy import document_form

    page, file = build(DisclosureAttribute.PUBLIC, publish_first_as_public=False)
    assert client.get(page.url).status_code == 200
    editor = get_user_model().objects.create_user("drafting-editor", password="x")
    editor.groups.add(Unit.objects.get(slug="pingyuan").editors_group)
    staff = client.__class__()
    staff.force_login(editor)
    response = staff.post(
        f"/admin/pages/{page.id}/edit/",
        document_form(page.title, page.slug, disclosure_attribute=DisclosureAttribute.NOT_PUBLIC),
    )
    assert response.status_code == 302
    assert client.get(page.url).status_code == 404
    assert client.get(file.url).status_code == 404
    assert not GovernmentDocumentPage.objects.get(pk=page.pk).live
