"""The text of a PDF, DOCX or XLSX attachment, for the content checks.

Attachments are what units upload, so a file may be damaged, encrypted or huge. Extraction never
raises for such a file: it answers an `Extraction` whose `error` says why there is no text, and
caps the work (bytes read, PDF pages, spreadsheet cells) so that one file cannot stall the
nightly check. The readers are the maintained libraries: pypdf, python-docx and openpyxl.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

MAX_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_CELLS = 200_000

# Why an extraction has no (or not all) text.
TOO_LARGE = "too_large"
UNSUPPORTED = "unsupported"
CORRUPT = "corrupt"
ENCRYPTED = "encrypted"


@dataclass(frozen=True)
class Extraction:
    text: str = ""
    error: str = ""  # "" when the file was read; else TOO_LARGE, UNSUPPORTED, CORRUPT or ENCRYPTED
    truncated: bool = False  # the page or cell cap was reached: the text is the file's beginning

    @property
    def ok(self) -> bool:
        return not self.error


def _kind(name: str, head: bytes, archive: zipfile.ZipFile | None) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in ("pdf", "docx", "xlsx"):
        return extension
    if head.startswith(b"%PDF"):
        return "pdf"
    if archive is not None:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return ""


def _pdf_text(data: bytes, max_pages: int) -> Extraction:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        return Extraction(error=ENCRYPTED)
    pages = reader.pages
    texts = [pages[number].extract_text() or "" for number in range(min(len(pages), max_pages))]
    return Extraction("\n".join(texts), truncated=len(pages) > max_pages)


def _docx_text(data: bytes) -> Extraction:
    from docx import Document

    document = Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append("\t".join(cell.text for cell in row.cells))
    return Extraction("\n".join(text for text in texts if text))


def _xlsx_text(data: bytes, max_cells: int) -> Extraction:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    texts: list[str] = []
    cells = 0
    try:
        for sheet in workbook.worksheets:
            texts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells += len(row)
                if cells > max_cells:
                    return Extraction("\n".join(texts), truncated=True)
                values = [str(value) for value in row if value is not None]
                if values:
                    texts.append("\t".join(values))
    finally:
        workbook.close()
    return Extraction("\n".join(texts))


def extract_text(
    file: BinaryIO,
    name: str = "",
    *,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PDF_PAGES,
    max_cells: int = MAX_CELLS,
) -> Extraction:
    """The text of `file` (a binary file object, e.g. a Wagtail document's `file`), chosen by the
    extension of `name` or else by the file's content.

    A PDF is read page by page up to `max_pages`; a DOCX by its paragraphs, then its tables row by
    row (cells separated by tabs); an XLSX by every cell of every sheet, up to `max_cells`. A file
    larger than `max_bytes` is not read.
    """
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Extraction(error=TOO_LARGE)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data)) if zipfile.is_zipfile(io.BytesIO(data)) else None
    except zipfile.BadZipFile:
        archive = None
    kind = _kind(name, data[:5], archive)
    if not kind:
        return Extraction(error=UNSUPPORTED)
    try:
        if kind == "pdf":
            return _pdf_text(data, max_pages)
        if kind == "docx":
            return _docx_text(data)
        return _xlsx_text(data, max_cells)
    except Exception:
        # The readers raise whatever the damaged bytes provoke (PdfReadError, KeyError, ValueError,
        # BadZipFile...): every such upload is "corrupt", never a crash of the whole check.
        return Extraction(error=CORRUPT)
