"""The blocks a government document's body is written in."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import RichText

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "image", "hr"]
# The redacted version is what the public reads: no embedded files or images, which could carry
# what was redacted.
REDACTED_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "hr"]

TABLE_OPTIONS = {
    "startRows": 3,
    "startCols": 3,
    "colHeaders": False,
    "rowHeaders": False,
    "language": "zh-hans",
}


class DocumentBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=BODY_FEATURES, label=_("正文"), icon="pilcrow")
    table = TableBlock(table_options=TABLE_OPTIONS, label=_("表格"))
    image = ImageBlock(label=_("图片"))

    class Meta:
        block_counts = {}


class RedactedBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=REDACTED_FEATURES, label=_("正文"), icon="pilcrow")
    table = TableBlock(table_options=TABLE_OPTIONS, label=_("表格"))


def rich_text_stream(html: str) -> list[tuple[str, RichText]]:
    """A body made of one rich-text paragraph block, for code that writes documents (demo, imports)."""
    return [("paragraph", RichText(html))] if html else []


def has_content(stream) -> bool:
    """Whether a body says anything: an empty paragraph left in the editor does not count."""
    for block in stream:
        if block.block_type != "paragraph" or strip_tags(block.value.source).strip():
            return True
    return False


def plain_text(stream) -> str:
    """The body's words, for the search index."""
    parts = []
    for block in stream:
        if block.block_type == "paragraph":
            parts.append(strip_tags(block.value.source))
        elif block.block_type == "table":
            parts.extend(str(cell) for row in (block.value or {}).get("data") or [] for cell in row if cell)
    return "\n".join(parts)
