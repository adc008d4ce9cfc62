"""Who may download a file from the document library.

Files are private unless a public page publishes them: a public attachment of a live,
publicly disclosed document, or a link from another live public page. The decision is
made from the live pages at download time, so a document turned non-public takes its
files off the public site with it.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .models import PUBLIC_ATTRIBUTES, DisclosureAttribute, DocumentAttachment, GovernmentDocumentPage


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
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = [
        int(ref.object_id)
        for ref in ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
    ]
    linking = Page.objects.filter(pk__in=page_ids).live().public()
    documents = GovernmentDocumentPage.objects.filter(pk__in=page_ids)
    hidden = set(documents.exclude(disclosure_attribute__in=PUBLIC_ATTRIBUTES).values_list("pk", flat=True))
    # A redacted document's original body may link files the public must not get.
    hidden |= set(
        documents.filter(disclosure_attribute=DisclosureAttribute.REDACTED).values_list("pk", flat=True)
    )
    return linking.exclude(pk__in=hidden).exists()


def may_download(user, document) -> bool:
    policy = policy_registry.get_by_type(get_document_model())
    if user.is_authenticated and policy.user_has_any_permission_for_instance(
        user, ["change", "choose"], document
    ):
        return True
    return is_publicly_published(document)
