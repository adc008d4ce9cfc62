"""互动交流: one public page for the county's interaction channels (issue 15, point 2).

Every unit's consultations (filtered with django-filter), one 写留言 entry that sends the citizen
to the chosen unit's board, the answered public messages of all boards with reply statistics,
the FOI entry, and one look-up form that sends a tracking code to the look-up of its kind.

Only what the public pages themselves show is shown: live, public pages of the current language
tree under live sections of active units, and messages the boards make public
(`Message.objects.public()`). Counts are whole-table aggregates, never a citizen's data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale, Page

from foi.models import Application
from foi.pages import CountyApplicationPage
from foi.services import TRACKING_CODE_PREFIX as FOI_PREFIX
from opinions.models import Opinion
from opinions.services import OPINION_CODE_PREFIX
from participation import abuse
from participation.board import MESSAGE_CODE_PREFIX
from participation.models import ConsultationPage, ConsultationState, Message, MessageBoardPage
from participation.tracking import ALPHABET, normalize_code
from sites.models import UNIT_KIND_ORDER, Unit, UnitSectionPage
from workdays.services import as_local_date, working_days_between

PAGE_SIZE = 20
LATEST = 5
LOOKUP_RATE_GROUP = "hub-lookup"
CODE_FORMAT = re.compile(rf"^[A-Z]-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
# The states the hub lists: a consultation not yet open is announced on its unit's page only.
HUB_STATES = [
    (ConsultationState.OPEN.value, ConsultationState.OPEN.label),
    (ConsultationState.CLOSED.value, ConsultationState.CLOSED.label),
    (ConsultationState.OUTCOME_PUBLISHED.value, ConsultationState.OUTCOME_PUBLISHED.label),
]
UNKNOWN_CODE = gettext_lazy(
    "没有找到这个查询码。请核对后重新输入：查询码形如 L-ABCD-EFGH，在提交后的回执页面或回执邮件中。"
)


# --- what is public ------------------------------------------------------------------------------


def public_sections(locale: Locale) -> dict[str, UnitSectionPage]:
    """Path → live public section of an active unit in this language tree (one query)."""
    sections = (
        UnitSectionPage.objects.live()
        .public()
        .filter(locale=locale, unit__is_active=True)
        .select_related("unit")
    )
    return {section.path: section for section in sections}


def _unit_order(unit: Unit) -> tuple:
    kinds = list(UNIT_KIND_ORDER)
    return (kinds.index(unit.kind) if unit.kind in kinds else len(kinds), unit.sort_order, unit.name)


def public_boards(locale: Locale, sections: dict[str, UnitSectionPage]) -> dict[int, MessageBoardPage]:
    """Unit id → its live public message board in this tree, in the units' order (one query)."""
    boards = {}
    for board in MessageBoardPage.objects.live().public().filter(locale=locale):
        section = sections.get(board.path[: -Page.steplen])
        if section is not None:
            board.hub_unit = section.unit
            boards[section.unit.pk] = board
    return dict(sorted(boards.items(), key=lambda item: _unit_order(item[1].hub_unit)))


def public_consultations(locale: Locale, sections: dict[str, UnitSectionPage]):
    """The hub's consultations: live, public, in a public section; open ones first."""
    paths = list(sections)
    pages = (
        ConsultationPage.objects.live()
        .public()
        .filter(locale=locale, state__in=[state for state, _label in HUB_STATES])
    )
    if not paths:
        return pages.none()
    # A consultation's parent is its unit's section (parent_page_types); sections share a depth.
    pages = pages.annotate(parent_path=Substr("path", 1, len(paths[0]))).filter(
        parent_path__in=paths, depth=len(paths[0]) // Page.steplen + 1
    )
    return pages.annotate(
        open_first=Case(
            When(state=ConsultationState.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("open_first", "-closes_at", "-pk")


def with_units(pages, sections: dict[str, UnitSectionPage]) -> list:
    """Each page with `hub_unit`, taken from the sections already read (no query per row)."""
    pages = list(pages)
    for page in pages:
        section = sections.get(page.path[: -Page.steplen])
        page.hub_unit = section.unit if section else None
    return pages


# --- consultations ---------------------------------------------------------------------------------


class ConsultationFilter(django_filters.FilterSet):
    unit = django_filters.ChoiceFilter(
        label=gettext_lazy("单位"), method="filter_unit", empty_label=gettext_lazy("全部单位")
    )
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"), choices=HUB_STATES, empty_label=gettext_lazy("全部状态")
    )
    year = django_filters.ChoiceFilter(
        label=gettext_lazy("年份"), method="filter_year", empty_label=gettext_lazy("全部年份")
    )

    class Meta:
        model = ConsultationPage
        fields: list[str] = []

    def __init__(self, data, queryset, *, sections: dict[str, UnitSectionPage]):
        super().__init__(data, queryset=queryset)
        ordered = sorted(sections.values(), key=lambda section: _unit_order(section.unit))
        self.section_of_unit = {section.unit.slug: section for section in ordered}
        self.filters["unit"].extra["choices"] = [(s.unit.slug, s.unit.name) for s in ordered]
        years = sorted({moment.year for moment in queryset.datetimes("opens_at", "year")}, reverse=True)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_unit(self, queryset, name, value):
        section = self.section_of_unit.get(value)
        return queryset.child_of(section) if section else queryset.none()

    def filter_year(self, queryset, name, value):
        # The year the consultation opened, on the county's clock (__year uses the current zone).
        return queryset.filter(opens_at__year=int(value))


# --- statistics ------------------------------------------------------------------------------------


@dataclass
class ReplyStatistics:
    unit: Unit | None  # None: all the units together
    received: int = 0
    answered: int = 0
    working_days: int = 0

    @property
    def average_days(self) -> str:
        return f"{self.working_days / self.answered:.1f}" if self.answered else "—"


def reply_statistics(units: list[Unit]) -> tuple[list[ReplyStatistics], ReplyStatistics]:
    """Per unit and overall: valid messages received and answered, and the average working days
    from receipt to answer (as the 政府网站工作年度报表 counts them). Two queries."""
    rows = {unit.pk: ReplyStatistics(unit) for unit in units}
    valid = Message.objects.valid().filter(unit__in=list(rows))
    for unit_id, received in valid.values_list("unit").annotate(n=Count("pk")).order_by():
        rows[unit_id].received = received
    answered = valid.filter(replied_at__isnull=False).values_list("unit", "received_at", "replied_at")
    for unit_id, received_at, replied_at in answered:
        row = rows[unit_id]
        row.answered += 1
        row.working_days += working_days_between(as_local_date(received_at), as_local_date(replied_at))
    total = ReplyStatistics(None)
    for row in rows.values():
        total.received += row.received
        total.answered += row.answered
        total.working_days += row.working_days
    return list(rows.values()), total


def answered_messages(boards: dict[int, MessageBoardPage]):
    """Public answered messages of the units whose board is public, newest answer first. Only the
    fields a board shows are read: a citizen's name and contacts never leave the database."""
    return (
        Message.objects.public()
        .filter(unit__in=list(boards), replied_at__isnull=False)
        .select_related("unit")
        .only("subject", "content", "reply", "received_at", "replied_at", "unit__name", "unit__short_name")
        .order_by("-replied_at", "-pk")
    )


def _with_boards(messages, boards: dict[int, MessageBoardPage]) -> list[Message]:
    messages = list(messages)
    for message in messages:
        message.hub_board = boards.get(message.unit_id)
    return messages


# --- forms -----------------------------------------------------------------------------------------


class WriteForm(forms.Form):
    unit = forms.ChoiceField(
        label=gettext_lazy("留言单位"),
        error_messages={
            "required": gettext_lazy("请选择要留言的单位。"),
            "invalid_choice": gettext_lazy("所选单位没有开设网民留言，请从列表中重新选择。"),
        },
    )

    def __init__(self, *args, boards: dict[int, MessageBoardPage], **kwargs):
        super().__init__(*args, **kwargs)
        self.boards = {board.hub_unit.slug: board for board in boards.values()}
        self.fields["unit"].choices = [("", _("请选择单位"))] + [
            (board.hub_unit.slug, board.hub_unit.name) for board in boards.values()
        ]

    @property
    def board(self) -> MessageBoardPage:
        return self.boards[self.cleaned_data["unit"]]


class CodeLookupForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("查询码"),
        max_length=30,
        help_text=gettext_lazy("留言、意见或政府信息公开申请的查询码，如 L-ABCD-EFGH。"),
        error_messages={"required": gettext_lazy("请输入查询码。")},
    )

    def clean_code(self) -> str:
        return normalize_code(self.cleaned_data["code"].replace("\x00", ""))


def lookup_target(code: str, locale: Locale, sections: dict[str, UnitSectionPage]) -> str | None:
    """The look-up page for this code, or None when no record of its kind has it.

    The prefix says the kind; only that kind's table is asked, so the answer says nothing of
    the others. The look-up itself still asks for the contact (or the last four digits)."""
    if not CODE_FORMAT.match(code):
        return None
    prefix = code[0]
    if prefix == OPINION_CODE_PREFIX:
        return reverse("opinions:lookup") if Opinion.objects.filter(tracking_code=code).exists() else None
    if prefix == FOI_PREFIX:
        return reverse("foi:lookup") if Application.objects.filter(tracking_code=code).exists() else None
    if prefix == MESSAGE_CODE_PREFIX:
        unit_id = Message.objects.filter(tracking_code=code).values_list("unit", flat=True).first()
        if unit_id is None:
            return None
        boards = public_boards(locale, sections)
        # Any board's look-up finds any message; the message's own unit's board reads best.
        board = boards.get(unit_id) or next(iter(boards.values()), None)
        return board.url + board.reverse_subpage("lookup") if board else None
    return None


# --- views -----------------------------------------------------------------------------------------


def _foi_entry(locale: Locale) -> CountyApplicationPage | None:
    return CountyApplicationPage.objects.live().public().filter(locale=locale).first()


def _render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    return TemplateResponse(request, template, context, status=status)


def hub(request: HttpRequest) -> HttpResponse:
    locale = Locale.get_active()
    sections = public_sections(locale)
    boards = public_boards(locale, sections)
    open_now = public_consultations(locale, sections).filter(
        state=ConsultationState.OPEN, closes_at__gt=timezone.now()
    )
    _rows, total = reply_statistics([board.hub_unit for board in boards.values()])
    return _render(
        request,
        "portal/hub.html",
        {
            "open_consultations": with_units(open_now[:LATEST], sections),
            "write_form": WriteForm(boards=boards),
            "latest_messages": _with_boards(answered_messages(boards)[:LATEST], boards),
            "total": total,
            "foi_entry": _foi_entry(locale),
            "lookup_form": CodeLookupForm(),
        },
    )


def consultations(request: HttpRequest) -> HttpResponse:
    locale = Locale.get_active()
    sections = public_sections(locale)
    data = QueryDict(mutable=True)
    for name in ("unit", "state", "year"):
        value = request.GET.get(name, "").replace("\x00", "")
        if value:
            data[name] = value
    found = ConsultationFilter(data or None, public_consultations(locale, sections), sections=sections)
    page = Paginator(found.qs, PAGE_SIZE).get_page(request.GET.get("p"))
    page.object_list = with_units(page.object_list, sections)
    return _render(
        request,
        "portal/hub_consultations.html",
        {"filter": found, "consultations": page, "query_without_page": data.urlencode()},
        status=400 if found.is_bound and not found.form.is_valid() else 200,
    )


def messages(request: HttpRequest) -> HttpResponse:
    locale = Locale.get_active()
    boards = public_boards(locale, public_sections(locale))
    rows, total = reply_statistics([board.hub_unit for board in boards.values()])
    page = Paginator(answered_messages(boards), PAGE_SIZE).get_page(request.GET.get("p"))
    page.object_list = _with_boards(page.object_list, boards)
    return _render(
        request,
        "portal/hub_messages.html",
        {"statistics": rows, "total": total, "answered": page, "boards": boards},
    )


def write(request: HttpRequest) -> HttpResponse:
    """写留言: the unit is chosen (a plain GET form, no script) and the citizen lands on its
    board's form; a unit without a public board is refused here, on the server."""
    locale = Locale.get_active()
    boards = public_boards(locale, public_sections(locale))
    form = WriteForm(request.GET if "unit" in request.GET else None, boards=boards)
    if form.is_bound and form.is_valid():
        return HttpResponseRedirect(form.board.url + "#message-form")
    status = 400 if form.is_bound else 200
    return _render(request, "portal/hub_write.html", {"write_form": form}, status=status)


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """One box for any tracking code: sent on to the look-up of its kind (message, opinion or
    FOI application), where the contact is asked for as before."""
    if request.method != "POST":
        return _render(request, "portal/hub_lookup.html", {"lookup_form": CodeLookupForm()})
    form = CodeLookupForm(request.POST)
    if abuse.ip_limited(request, LOOKUP_RATE_GROUP):
        context = {"lookup_form": form, "refusal": _("查询过于频繁，请一小时后再试。")}
        return _render(request, "portal/hub_lookup.html", context, status=429)
    if not form.is_valid():
        return _render(request, "portal/hub_lookup.html", {"lookup_form": form}, status=400)
    locale = Locale.get_active()
    target = lookup_target(form.cleaned_data["code"], locale, public_sections(locale))
    if target is None:
        context = {"lookup_form": form, "refusal": str(UNKNOWN_CODE)}
        return _render(request, "portal/hub_lookup.html", context, status=404)
    response = HttpResponseRedirect(target)
    # See Other: the look-up page is fetched with GET, the code is not posted again.
    response.status_code = 303
    return response
