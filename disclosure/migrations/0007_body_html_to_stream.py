"""Moves each document's rich-text body into the new StreamField, on pages and on their revisions."""

import json
import uuid

from django.db import migrations


def as_stream(html: str) -> str:
    if not (html or "").strip():
        return "[]"
    return json.dumps([{"type": "paragraph", "value": html, "id": str(uuid.uuid4())}])


def forwards(apps, schema_editor):
    document_model = apps.get_model("disclosure", "GovernmentDocumentPage")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    for page in document_model.objects.all().only("body", "redacted_body"):
        document_model.objects.filter(pk=page.pk).update(
            body_stream=as_stream(page.body), redacted_stream=as_stream(page.redacted_body)
        )
    content_type = content_type_model.objects.filter(
        app_label="disclosure", model="governmentdocumentpage"
    ).first()
    if content_type is None:
        return
    # Revisions keep the body as a string; after the field becomes a StreamField Wagtail would read
    # an old HTML string as an empty stream, so drafts and history are converted too.
    for revision in revision_model.objects.filter(content_type=content_type).iterator():
        content = revision.content
        if isinstance(content.get("body"), str) and not content["body"].startswith("["):
            content["body"] = as_stream(content["body"])
        if isinstance(content.get("redacted_body"), str) and not content["redacted_body"].startswith("["):
            content["redacted_body"] = as_stream(content["redacted_body"])
        revision_model.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0006_body_stream_fields"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
