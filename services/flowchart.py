"""The 办理流程图 of a guide, drawn on the server from its steps as an accessible SVG.

One box per step, top to bottom, joined by arrows; the step's name (and time needed) are real
<text>, so they can be read, copied, searched and translated; the picture has a <title> and a
<desc> that says the whole procedure in words (WCAG 1.1.1), and `role="img"` with
`aria-labelledby` so screen readers announce it as one image. Colours are presentation attributes,
not style="" (strict CSP). The same markup is embedded in the web page, the 简版 and the PDF.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BOX_WIDTH = 260
LINE_HEIGHT = 22
PADDING = 10
GAP = 34
CHARS_PER_LINE = 11
MARGIN = 8


def wrap(text: str, width: int = CHARS_PER_LINE) -> list[str]:
    """Chinese text broken every `width` characters (a CJK character is one column here)."""
    text = " ".join(text.split())
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def describe(steps) -> str:
    parts = []
    for number, step in enumerate(steps, start=1):
        # Outside the f-string, where makemessages finds it.
        label = _("第%(n)s步") % {"n": number}
        text = f"{label}：{step.name}"
        if step.time_needed:
            text += f"（{step.time_needed}）"
        if step.description:
            text += f"，{step.description}"
        parts.append(text)
    return "；".join(parts) + "。" if parts else ""


def flowchart_svg(page, id_prefix: str = "flow") -> SafeString:
    """The SVG of the page's steps, or "" for a guide without any."""
    steps = [step for step in page.steps.all() if step.name.strip()]
    if not steps:
        return mark_safe("")
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    boxes = []
    y = MARGIN
    x = MARGIN
    centre = x + BOX_WIDTH / 2
    for number, step in enumerate(steps, start=1):
        lines = wrap(f"{number}. {step.name}")
        if step.time_needed:
            lines.append(f"（{step.time_needed}）")
        height = len(lines) * LINE_HEIGHT + 2 * PADDING
        if number > 1:
            top = y - GAP
            boxes.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1f3a5f" stroke-width="2" '
                    'marker-end="url(#{}-arrow)"/>',
                    centre,
                    top,
                    centre,
                    y - 2,
                    id_prefix,
                )
            )
        texts = format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="middle" font-size="16" fill="#102030">{}</text>',
            ((centre, y + PADDING + (index + 1) * LINE_HEIGHT - 6, line) for index, line in enumerate(lines)),
        )
        boxes.append(
            format_html(
                '<g><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#eef4fb" stroke="#1f3a5f" '
                'stroke-width="2"/>{}</g>',
                x,
                y,
                BOX_WIDTH,
                height,
                texts,
            )
        )
        y += height + GAP
    total_height = y - GAP + MARGIN
    width = BOX_WIDTH + 2 * MARGIN
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="service-flowchart" role="img" '
        'aria-labelledby="{} {}" viewBox="0 0 {} {}" width="{}" height="{}">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>'
        '<defs><marker id="{}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1f3a5f"/></marker></defs>'
        "{}</svg>",
        title_id,
        desc_id,
        width,
        total_height,
        width,
        total_height,
        title_id,
        _("%(name)s办理流程图") % {"name": page.title},
        desc_id,
        describe(steps),
        id_prefix,
        mark_safe("".join(boxes)),
    )
