"""QR codes linking a printed 简版 or notice to the full guide online (segno, SVG, no script)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, title: str = "", scale: int = 4) -> bytes:
    """A standalone SVG document of the QR code of `url` (error correction M, quiet zone kept)."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(
        buffer, kind="svg", scale=scale, title=title or None, xmldecl=True, svgclass=None, lineclass=None
    )
    return buffer.getvalue()


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    """The same as a data: URI, for the PDF (WeasyPrint reads it without fetching anything)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=scale)
