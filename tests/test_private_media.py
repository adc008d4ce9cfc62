"""Private media: images and files reach the public only through a public page.

An image (its original file and every rendition) is served to the public only while a live page
the public may open shows it; one in a 不公开 body or in the unredacted body of a 删减后公开
document is served only to the unit's staff, and a public image stops being served as soon as
its page turns non-public. Document files are kept where no URL leads.
"""

from __future__ import annotations

import importlib
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from disclosure.blocks import rich_text_stream
from disclosure.models import DisclosureAttribute, GovernmentDocumentPage
from sites.models import Unit
from tests.test_documents import new_document


@pytest.fixture(autouse=True)
def forget_cached_renditions():
    # Wagtail caches renditions by image id, and every test database hands out the same ids.
    cache.clear()


def png() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(unit_slug: str, title: str = "图片"):
    return get_image_model().objects.create(
        title=title,
        file=ContentFile(png(), name="photo.png"),
        collection=Unit.objects.get(slug=unit_slug).collection,
    )


def upload_document(unit_slug: str):
    return get_document_model().objects.create(
        title="文件",
        file=ContentFile(b"%PDF-1.4 x", name="x.pdf"),
        collection=Unit.objects.get(slug=unit_slug).collection,
    )


def image_block(image) -> tuple[str, dict]:
    return ("image", {"image": image, "alt_text": "示意图", "decorative": False})


def embedded_in_text(image) -> tuple[str, object]:
    (paragraph,) = rich_text_stream(
        f'<p>正文</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="示意图"/>'
    )
    return paragraph


PLACEMENTS = {"image block": image_block, "embedded in text": embedded_in_text}


def document_showing(
    image, attribute: str, *, publish: bool = True, placement: str = "image block"
) -> GovernmentDocumentPage:
    """A document with `image` in its (unredacted) body."""
    fields = {
        "disclosure_attribute": attribute,
        "body": [*rich_text_stream("<p>正文</p>"), PLACEMENTS[placement](image)],
    }
    if attribute == DisclosureAttribute.REDACTED:
        fields["redacted_body"] = rich_text_stream("<p>删减后的正文</p>")
    return new_document("pingyuan", publish=publish, **fields)


def image_urls(image) -> dict[str, str]:
    """The original file and two renditions, as the page template and the admin make them."""
    return {
        "original": image.file.url,
        "page rendition": image.get_rendition("width-800").url,
        "admin thumbnail": image.get_rendition("max-165x165").url,
    }


def served(client, urls: dict[str, str]) -> set[str]:
    return {name for name, url in urls.items() if client.get(url).status_code == 200}


def staff_of(unit_slug: str):
    user = get_user_model().objects.create_user(f"staff-{unit_slug}", password="x")
    user.groups.add(Unit.objects.get(slug=unit_slug).editors_group)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("placement", PLACEMENTS)
def test_image_on_a_public_page_is_served_to_everyone_and_may_be_cached(small_county, client, placement):
    image = upload_image("pingyuan")
    page = document_showing(image, DisclosureAttribute.PUBLIC, placement=placement)
    html = client.get(page.url).content.decode()
    sources = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert sources and all(src.startswith(settings.MEDIA_URL) for src in sources)

    for url in [*sources, *image_urls(image).values()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize(
    "attribute",
    [DisclosureAttribute.NOT_PUBLIC, DisclosureAttribute.ON_REQUEST, DisclosureAttribute.REDACTED],
)
def test_image_in_a_body_the_public_may_not_read_is_served_only_to_the_units_staff(
    small_county, client, attribute, placement
):
    image = upload_image("pingyuan")
    document_showing(image, attribute, placement=placement)
    urls = image_urls(image)
    assert served(client, urls) == set()

    client.force_login(staff_of("scjg"))
    assert served(client, urls) == set()

    client.force_login(staff_of("pingyuan"))
    assert served(client, urls) == set(urls)
    response = client.get(urls["page rendition"])
    # Never kept by a shared cache, where the public could get it.
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_image_leaves_the_public_site_when_its_page_turns_non_public(small_county, client):
    image = upload_image("pingyuan")
    page = document_showing(image, DisclosureAttribute.PUBLIC)
    urls = image_urls(image)
    assert served(client, urls) == set(urls)

    page = GovernmentDocumentPage.objects.get(pk=page.pk)
    page.disclosure_attribute = DisclosureAttribute.NOT_PUBLIC
    page.save_revision().publish()
    assert served(client, urls) == set()


@pytest.mark.django_db
def test_image_leaves_the_public_site_when_its_page_is_unpublished(small_county, client):
    image = upload_image("pingyuan")
    page = document_showing(image, DisclosureAttribute.PUBLIC)
    urls = image_urls(image)
    page.unpublish()
    assert served(client, urls) == set()


@pytest.mark.django_db
def test_image_on_no_page_or_only_in_a_draft_is_not_public(small_county, client):
    unused = upload_image("pingyuan", "未使用")
    in_draft = upload_image("pingyuan", "草稿中")
    document_showing(in_draft, DisclosureAttribute.PUBLIC, publish=False)
    assert served(client, image_urls(unused)) == set()
    assert served(client, image_urls(in_draft)) == set()


@pytest.mark.django_db
def test_image_added_by_a_draft_of_a_public_page_stays_private_until_published(small_county, client):
    page = new_document("pingyuan")
    image = upload_image("pingyuan")
    page.body = [*rich_text_stream("<p>正文</p>"), image_block(image)]
    revision = page.save_revision()
    urls = image_urls(image)
    assert served(client, urls) == set()
    revision.publish()
    assert served(client, urls) == set(urls)


@pytest.mark.django_db
def test_nothing_but_images_is_served_under_media(small_county, client):
    document = upload_document("pingyuan")
    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
    assert client.get(f"{settings.MEDIA_URL}original_images/no-such.png").status_code == 404


@pytest.mark.django_db
def test_document_files_are_kept_where_no_url_leads(small_county):
    document = upload_document("pingyuan")
    path = Path(document.file.path).resolve()
    assert path.is_file() and path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    for served_folder in (settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS):
        assert not path.is_relative_to(Path(served_folder).resolve())
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018 - a file URL would bypass the download view's check
    assert document.url.startswith("/documents/")


@pytest.mark.django_db
def test_upgrade_moves_existing_document_files_out_of_media(small_county, client):
    """A document uploaded before this change keeps downloading: its file is moved, its name kept."""
    name = "documents/uploaded-before.pdf"
    old_place = Path(settings.MEDIA_ROOT) / name
    old_place.parent.mkdir(parents=True, exist_ok=True)
    old_place.write_bytes(b"%PDF-1.4 uploaded before")
    document = get_document_model().objects.create(
        title="旧文件", file=name, collection=Unit.objects.get(slug="pingyuan").collection
    )
    migration = importlib.import_module("disclosure.migrations.0013_documents_to_private_storage")
    migration.to_private(None, None)

    assert not old_place.exists()
    assert default_storage.exists(name)
    client.force_login(staff_of("pingyuan"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 uploaded before"
    default_storage.delete(name)
