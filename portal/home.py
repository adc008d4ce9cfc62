"""The county portal's home page: the latest of what every unit publishes, and the ways in.

Each list is one query across all units (newest first, a few items), in the home page's language
tree, of live pages the public may open; the unit of each item comes from one query of the
sections' tree paths (`sites.tenancy.unit_id_at`), so the home page costs the same number of
queries for 3 units or 300. The lists change by themselves as units publish: nothing is curated
but the 专题专栏 links and the 办事服务 entry, which the county office edits on the page itself.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from disclosure.models import GovernmentDocumentPage, NewsPage, NoticePage
from foi.pages import CountyApplicationPage
from interpretation.services import public_interpretations
from participation.models import ConsultationPage, ConsultationState, MessageBoardPage
from participation.models import Message as BoardMessage
from sites.models import PortalHomePage, Unit, UnitSectionPage
from sites.tenancy import unit_id_at

LIST_LENGTH = 6
SHORT_LIST_LENGTH = 4
HOME_STYLESHEET = "portal/home.css"
HOME_PARTS = (
    "portal/home/news.html",
    "portal/home/policies.html",
    "portal/home/interaction.html",
    "portal/home/services.html",
    "portal/home/units.html",
)


@dataclass(frozen=True)
class HomeItem:
    """One line of a home page list: what, where, when and whose."""

    title: str
    url: str
    published_at: datetime.datetime | None
    unit: Unit | None


class UnitsByPath:
    """The unit of any page of a language tree, from one query of that tree's sections."""

    def __init__(self, locale_id: int) -> None:
        sections = UnitSectionPage.objects.filter(locale_id=locale_id).select_related("unit")
        self.sections = {section.path: section.unit_id for section in sections}
        self.units = {section.unit_id: section.unit for section in sections}

    def unit_at(self, path: str) -> Unit | None:
        unit_id = unit_id_at(path, self.sections)
        return self.units.get(unit_id) if unit_id is not None else None


def items(pages, units: UnitsByPath, request) -> list[HomeItem]:
    return [
        HomeItem(page.title, page.get_url(request), page.first_published_at, units.unit_at(page.path))
        for page in pages
    ]


def latest(queryset, locale_id: int, length: int = LIST_LENGTH):
    return queryset.filter(locale_id=locale_id).order_by("-first_published_at", "-pk")[:length]


def hub_url() -> str:
    """The 互动交流 hub, once the portal serves one."""
    try:
        return reverse("portal:hub")
    except NoReverseMatch:
        return ""


def add_home_blocks(page: PortalHomePage, request, context: dict) -> None:
    locale_id = page.locale_id
    units = UnitsByPath(locale_id)
    now = timezone.now()

    context["home_news"] = items(latest(NewsPage.objects.visible_to_public(), locale_id), units, request)
    context["home_notices"] = items(latest(NoticePage.objects.visible_to_public(), locale_id), units, request)
    context["home_documents"] = items(
        latest(GovernmentDocumentPage.objects.visible_to_public(), locale_id), units, request
    )
    context["home_interpretations"] = items(latest(public_interpretations(), locale_id), units, request)

    # Open now, soonest to close first: the state the page itself goes by (accepts_opinions).
    consultations = (
        ConsultationPage.objects.live()
        .public()
        .filter(locale_id=locale_id, state=ConsultationState.OPEN, opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at", "pk")[:SHORT_LIST_LENGTH]
    )
    context["home_consultations"] = [
        (item, consultation.closes_at)
        for item, consultation in zip(items(consultations, units, request), consultations, strict=True)
    ]
    context["home_messages"] = answered_messages(request)
    context["home_foi"] = (
        CountyApplicationPage.objects.live().public().filter(locale_id=locale_id).only("url_path").first()
    )
    context["home_hub_url"] = hub_url()

    context["home_topics"] = [link for link in page.topic_links.select_related("link_page") if link.href]
    index = context.get("disclosure_index")
    context["home_unit_groups"] = index.unit_groups() if index else []

    context["home_parts"].extend(HOME_PARTS)
    context["home_stylesheets"].append(HOME_STYLESHEET)


def answered_messages(request) -> list[tuple[BoardMessage, str]]:
    """The latest answered public messages of active units, each with its board's address.

    Messages are kept once per unit (on the Chinese board); the link goes to that board."""
    boards = MessageBoardPage.objects.live().public().values("pk")
    messages = (
        BoardMessage.objects.public()
        .filter(replied_at__isnull=False, unit__is_active=True, board__in=boards)
        .exclude(reply="")
        .select_related("unit", "board")
        .order_by("-replied_at", "-pk")[:SHORT_LIST_LENGTH]
    )
    return [(message, message.board.get_url(request)) for message in messages]
