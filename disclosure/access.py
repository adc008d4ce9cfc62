"""Who may have a file from the document library or an image.

Files and images are private unless a public page publishes them: a public attachment of a live,
publicly disclosed document, or a use in what the public reads of another live public page (an
image in a body, a link to a file). The decision is made from the live pages at request time,
so a document turned non-public takes its files and images off the public site with it. Staff
who may use a file or an image in their own pages (Wagtail's "choose" or "change") may have it.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .models import DisclosureAttribute, DocumentAttachment, GovernmentDocumentPage

# The two bodies of a document: the public reads one of them (GovernmentDocumentPage.public_body).
BODY_FIELDS = ("body", "redacted_body")


def is_publicly_published(document) -> bool:
    attachments = DocumentAttachment.objects.filter(document=document).select_related("page")
    for attachment in attachments:
        page = attachment.page
        if page.live and page.is_publicly_disclosed and attachment.is_public_copy:
            if Page.objects.filter(pk=page.pk).public().exists():
                return True
    if attachments:
        # A file attached to a document follows that document's rules only.
        return False
    return is_shown_on_public_pages(document)


def is_shown_on_public_pages(obj) -> bool:
    """Whether a live page the public may open uses `obj` in what the public reads of it."""
    page_type = ContentType.objects.get_for_model(Page)
    fields_by_page: dict[int, set[str]] = {}
    references = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    for page_id, model_path in references.values_list("object_id", "model_path"):
        fields_by_page.setdefault(int(page_id), set()).add(model_path.split(".", 1)[0])
    visible = set(Page.objects.filter(pk__in=fields_by_page).live().public().values_list("pk", flat=True))
    documents = GovernmentDocumentPage.objects.filter(pk__in=visible).only("disclosure_attribute")
    for document in documents:
        visible.discard(document.pk)
        if any(document_shows_publicly(document, field) for field in fields_by_page[document.pk]):
            return True
    # Any other live public page shows all it holds.
    return bool(visible)


def document_shows_publicly(document: GovernmentDocumentPage, field: str) -> bool:
    """Whether what `field` of a live document holds is public: nothing of a non-public
    document, and of the two bodies only the one the public reads (the unredacted body of a
    删减后公开 document may hold what was redacted)."""
    if not document.is_publicly_disclosed:
        return False
    if field in BODY_FIELDS:
        public = "redacted_body" if document.disclosure_attribute == DisclosureAttribute.REDACTED else "body"
        return field == public
    return True


def may_use(user, obj) -> bool:
    """Whether staff may use `obj` (a file or an image) in their pages, and so have it."""
    policy = policy_registry.get_by_type(type(obj))
    return user.is_authenticated and policy.user_has_any_permission_for_instance(
        user, ["change", "choose"], obj
    )


def may_download(user, document) -> bool:
    return may_use(user, document) or is_publicly_published(document)


def is_image_public(image) -> bool:
    return is_shown_on_public_pages(image)


def may_see_image(user, image) -> bool:
    return is_image_public(image) or may_use(user, image)
