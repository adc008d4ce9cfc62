"""Official documents (公文) as Word files: the page of GB/T 9704 and the fonts Chinese Word reads.

Every DOCX the system writes (the disclosure letters, the annual reports, the county's 通报) starts
from `official_document`, so they share one page setup, one body style and one way of setting the
East Asian font.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# GB/T 9704 sets the title in 小标宋 and the body in 仿宋_GB2312, 三号 (16 pt). Word uses the fonts of
# the reader's machine: 仿宋 (FangSong) and 黑体 (SimHei) come with every Chinese Windows, while
# 仿宋_GB2312 and 方正小标宋 often are not installed, and Word falls back to the default East
# Asian font for a name it does not know.
DOCX_BODY_FONT = "仿宋"
DOCX_TITLE_FONT = "黑体"
DOCX_LATIN_FONT = "Times New Roman"

BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
TABLE_SIZE = 10.5  # 五号
# A4 less the margins below: the width a table may take.
TEXT_WIDTH_MM = 156


def chinese_date(day: date) -> str:
    """2026年12月2日, as official documents write dates."""
    return _("%(year)d年%(month)d月%(day)d日") % {"year": day.year, "month": day.month, "day": day.day}


def docx_fonts(run_or_style, east_asian: str, size_pt: float, bold: bool = False) -> None:
    """Latin and East Asian fonts both: Word takes Han characters from w:eastAsia, which
    python-docx's font.name does not set."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = DOCX_LATIN_FONT
    font.size = Pt(size_pt)
    font.bold = bold
    element = run_or_style.element
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def official_document(title: str, author: str) -> WordDocument:
    """An empty Word document on the page of GB/T 9704: A4, its margins, 仿宋 三号 at a fixed 28 pt
    line (22 lines a page), the title and author in the file's properties."""
    from docx import Document
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    docx_fonts(normal, DOCX_BODY_FONT, BODY_SIZE)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    document.core_properties.title = title
    document.core_properties.author = author
    return document


def add_title(document: WordDocument, text: str) -> None:
    """The document's title: centred, 二号 黑体."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    docx_fonts(title.add_run(text), DOCX_TITLE_FONT, TITLE_SIZE)


def mark_header_row(row) -> None:
    """Word repeats the row at the top of each page the table runs onto."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(header)


def document_bytes(document: WordDocument) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(content: bytes, filename: str) -> HttpResponse:
    """A DOCX download. Official drafts are not kept by any cache."""
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
