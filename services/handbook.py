"""办事一本通: selected guides compiled into one PDF, with a cover, a table of contents, page numbers
and each guide's 简版 (the same one-page text the web's 简版 prints), by life event or by unit.

Laid out by WeasyPrint in the server's Noto CJK fonts, as foi/letters.py does; the table of
contents gets its page numbers from WeasyPrint itself (`target-counter`), so they are the pages
the guides start on. Each guide carries a QR code of its full guide online. Built by the Celery
task `services.generate_handbook` (tasks.py), which reports its progress on the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import Collection

from sites.locales import default_locale

from .flowchart import flowchart_svg
from .models import Handbook, HandbookScope, HandbookState, ServiceGuidePage
from .qr import qr_data_uri
from .services import county_office, group_by_item, public_guides


@dataclass
class Entry:
    anchor: str
    guide: ServiceGuidePage
    flowchart: str = ""
    qr: str = ""
    materials: list = field(default_factory=list)


@dataclass
class Part:
    heading: str
    entries: list[Entry]


def handbook_guides(handbook: Handbook) -> list[tuple[str, list[ServiceGuidePage]]]:
    """(part heading, guides) in the handbook's order: its life events', or its units'."""
    guides = public_guides(default_locale())
    parts = []
    if handbook.scope == HandbookScope.LIFE_EVENTS:
        for event in handbook.life_events.order_by("sort_order", "id"):
            selected = guides.filter(service_item__in=event.items.all())
            parts.append((event.name, [g for group in group_by_item(selected) for g in group.guides]))
    else:
        for unit in handbook.units.order_by("sort_order", "id"):
            selected = guides.filter(service_item__unit=unit)
            parts.append((unit.name, [g for group in group_by_item(selected) for g in group.guides]))
    return [(heading, found) for heading, found in parts if found]


def includes(handbook: Handbook, guide: ServiceGuidePage) -> bool:
    if guide.service_item_id is None:
        return False
    if handbook.scope == HandbookScope.LIFE_EVENTS:
        return handbook.life_events.filter(items=guide.service_item_id).exists()
    return handbook.units.filter(pk=guide.service_item.unit_id).exists()


def build_parts(handbook: Handbook, on_progress=None) -> list[Part]:
    selected = handbook_guides(handbook)
    total = sum(len(guides) for _heading, guides in selected)
    done = 0
    parts = []
    for heading, guides in selected:
        entries = []
        for guide in guides:
            done += 1
            anchor = f"guide-{done}"
            entries.append(
                Entry(
                    anchor=anchor,
                    guide=guide,
                    flowchart=flowchart_svg(guide, id_prefix=anchor),
                    qr=qr_data_uri(guide.full_url or guide.url or ""),
                    materials=list(guide.materials.all()),
                )
            )
            if on_progress:
                on_progress(done, total)
        parts.append(Part(heading, entries))
    return parts


def render_pdf(handbook: Handbook, parts: list[Part]) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override("zh-hans"):
        html = render_to_string(
            "services/handbook/handbook.html",
            {"handbook": handbook, "parts": parts, "generated": timezone.localdate()},
        )
        css = render_to_string("services/handbook/handbook.css")
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])


def _collection() -> Collection:
    office = county_office()
    if office is not None and office.collection_id:
        return office.collection
    return Collection.get_first_root_node()


def generate(handbook: Handbook) -> Handbook:
    """Builds the PDF, stores it as a document of the county office's collection and marks the
    handbook done; progress is saved as each guide is laid out."""
    Handbook.objects.filter(pk=handbook.pk).update(state=HandbookState.RUNNING, progress=0, error="")

    def progress(done: int, total: int) -> None:
        Handbook.objects.filter(pk=handbook.pk).update(progress=done, total=total)

    with translation.override("zh-hans"):
        parts = build_parts(handbook, progress)
        pdf = render_pdf(handbook, parts)
    document_model = get_document_model()
    filename = f"banshi-yibentong-{handbook.pk}.pdf"
    document = handbook.document or document_model(title=handbook.title, collection=_collection())
    document.title = handbook.title
    document.file.save(filename, ContentFile(pdf), save=False)
    document.save()
    total = sum(len(part.entries) for part in parts)
    Handbook.objects.filter(pk=handbook.pk).update(
        document=document,
        state=HandbookState.DONE,
        progress=total,
        total=total,
        generated_at=timezone.now(),
    )
    handbook.refresh_from_db()
    return handbook
