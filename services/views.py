"""The public's views of the service guides: browsing, the 简版, the QR code and the kiosk.

Everything is found through `services.public_guides()`, so an unpublished guide answers 404 here
exactly as a page that does not exist.
"""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from sites.models import Unit

from . import services
from .flowchart import flowchart_svg
from .models import Handbook, HandbookState, LifeEvent, Theme
from .qr import qr_svg

PAPER_SIZES = ("a4", "a3")


def index(request):
    handbooks = Handbook.objects.filter(is_published=True, state=HandbookState.DONE, document__isnull=False)
    return render(
        request,
        "services/index.html",
        {
            "life_events": services.life_events(),
            "themes": services.themes_with_guides(),
            "units": services.units_with_guides(),
            "handbooks": list(handbooks.select_related("document")),
        },
    )


def by_unit(request, slug: str):
    unit = get_object_or_404(Unit.objects.active(), slug=slug)
    groups = services.guides_of_unit(unit)
    return render(request, "services/listing.html", {"heading": unit.name, "groups": groups})


def by_theme(request, theme: str):
    labels = dict(Theme.choices)
    if theme not in labels:
        raise Http404
    groups = services.guides_of_theme(theme)
    return render(request, "services/listing.html", {"heading": labels[theme], "groups": groups})


def by_event(request, slug: str):
    event = get_object_or_404(LifeEvent, slug=slug)
    groups = services.guides_of_event(event)
    return render(
        request,
        "services/listing.html",
        {"heading": event.name, "description": event.description, "groups": groups},
    )


def _guide_context(request, page) -> dict:
    return {
        "page": page,
        "guide": page,
        "flowchart": flowchart_svg(page, id_prefix=f"flow-{page.pk}"),
        "materials": list(page.materials.select_related("blank_form", "sample_form")),
        "qr_url": page.url + page.reverse_subpage("qr"),
        "full_url": request.build_absolute_uri(page.url),
    }


def brief_guide(request, page):
    """The one-page 简版 for print (A4; ?size=a3 for a notice board)."""
    size = request.GET.get("size", "a4")
    if size not in PAPER_SIZES:
        size = "a4"
    # Opened from the hall's kiosk, it goes back to the kiosk's start when left alone.
    kiosk = request.GET.get("kiosk") == "1"
    context = _guide_context(request, page) | {
        "size": size,
        "kiosk": kiosk,
        "idle_seconds": settings.SERVICES_KIOSK_IDLE_SECONDS,
    }
    return render(request, "services/brief.html", context)


def guide_qr(request, page):
    """The QR code of the full guide's address, as an SVG file for <img>."""
    svg = qr_svg(
        request.build_absolute_uri(page.url), title=_("%(name)s办事指南二维码") % {"name": page.title}
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- The hall's disclosure corner (政务公开专区): a touch screen, nothing to type ----------------


def _kiosk(request, template: str, context: dict):
    context = {
        "idle_seconds": settings.SERVICES_KIOSK_IDLE_SECONDS,
        "kiosk_home": "services:kiosk",
        **context,
    }
    return render(request, template, context)


def kiosk_home(request):
    return _kiosk(
        request,
        "services/kiosk/home.html",
        {"life_events": services.life_events(), "units": services.units_with_guides()},
    )


def kiosk_event(request, slug: str):
    event = get_object_or_404(LifeEvent, slug=slug)
    return _kiosk(
        request,
        "services/kiosk/list.html",
        {"heading": event.name, "groups": services.guides_of_event(event)},
    )


def kiosk_unit(request, slug: str):
    unit = get_object_or_404(Unit.objects.active(), slug=slug)
    return _kiosk(
        request, "services/kiosk/list.html", {"heading": unit.name, "groups": services.guides_of_unit(unit)}
    )


def kiosk_guide(request, pk: int):
    page = services.public_guide(pk)
    if page is None:
        raise Http404
    return _kiosk(request, "services/kiosk/guide.html", _guide_context(request, page))


def handbook_pdf(request, pk: int):
    """A published 办事一本通 as a download: only one the county office marked public and that is built."""
    handbook = get_object_or_404(
        Handbook, pk=pk, is_published=True, state=HandbookState.DONE, document__isnull=False
    )
    document = handbook.document
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{handbook.title}.pdf")
    return response
