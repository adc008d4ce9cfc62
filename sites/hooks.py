"""The hooks through which the foundation asks the domain apps for their part.

`sites` (and the lower domain apps) import no app above them. Where they need a higher app's
part, they call `wagtail.hooks.get_hooks(NAME)`, as `wagtail/admin/site_summary.py` does, and each
app answers by registering a function under that name in its own `wagtail_hooks.py`
(`@hooks.register(PROVISION_UNIT_SECTION)`). Every name is declared here once, with the
arguments the caller passes and what it expects back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from wagtail import hooks

# provision_unit_section(section: UnitSectionPage) -> bool
#   Called for a unit's section in the default language tree whenever provisioning runs (new
#   unit, register edit, `provision_units` again). Create the app's standard pages under it if
#   they are missing, never touching a page the unit already keeps at the same slug; return
#   whether anything was written. Runs before the section is copied into the other trees.
PROVISION_UNIT_SECTION = "provision_unit_section"

# provision_unit(unit: Unit, sections: list[UnitSectionPage]) -> bool
#   Called after the unit's section exists in every language tree (default first) and its
#   groups are set up: per-unit setup such as the review workflow. Returns whether anything
#   was written.
PROVISION_UNIT = "provision_unit"

# provision_portal(index: DisclosureIndexPage, locales: list[Locale]) -> bool
#   Called once per provisioning run, after every unit's section exists in every language tree:
#   county-wide pages under the 政务公开 index (e.g. the county's 依申请公开 entry). `index` is in
#   the default tree; `locales` are the other content locales, whose trees the answer copies its
#   pages into. Never touch a page already kept at the same slug; return whether anything was written.
PROVISION_PORTAL = "provision_portal"

# county_admin_permissions() -> Iterable[str]
#   Global model permissions ("app_label.codename") the county administrators' group holds
#   for this app, e.g. on a county-wide register.
COUNTY_ADMIN_PERMISSIONS = "county_admin_permissions"

# construct_unit_section_context(page: UnitSectionPage, request, context: dict) -> None
#   Adds to the public section page's template context, e.g. its latest documents.
CONSTRUCT_UNIT_SECTION_CONTEXT = "construct_unit_section_context"

# construct_column_context(page: ColumnPage, request, context: dict) -> None
#   Adds to a public column page's context (disclosure/models.py), e.g. the receiving office and
#   the procedure's flowchart in a 政府信息公开指南 column. Template names appended to
#   context["column_parts"] are shown after the column's text, in order; static paths appended to
#   context["column_stylesheets"] are linked in the page's head.
CONSTRUCT_COLUMN_CONTEXT = "construct_column_context"

# construct_portal_home_context(page: PortalHomePage, request, context: dict) -> None
#   Adds to the portal home page's context. Template names appended to context["home_parts"] are
#   shown on the home page in order (e.g. the 政府网站工作年度报表 the site must publish there);
#   static paths appended to context["home_stylesheets"] are linked in the page's head.
CONSTRUCT_PORTAL_HOME_CONTEXT = "construct_portal_home_context"

# unit_section_feeds() -> dict[str, Callable[[HttpRequest, Page], HttpResponse]]
#   Feeds served under a unit section page: {"rss": view, "atom": view}. A section answers
#   404 for a feed kind that no app serves.
UNIT_SECTION_FEEDS = "unit_section_feeds"

# consultation_views() -> dict[str, Callable[[HttpRequest, ConsultationPage], HttpResponse]]
#   The views behind a consultation page's own URLs: "submit" (POST an opinion), "submitted"
#   and "outcome" (the published 意见采纳情况). Answered by the app that keeps opinions.
CONSULTATION_VIEWS = "consultation_views"

# construct_consultation_context(page: ConsultationPage, request, context: dict, form) -> None
#   Adds to a consultation page's context what the opinions app shows there (the opinion form,
#   counts); `form` is a bound form being shown again with its errors, or None.
CONSTRUCT_CONSULTATION_CONTEXT = "construct_consultation_context"

# oversight_indicators() -> Iterable[sites.indicators.Indicator]
#   The rule checks a domain app keeps for the county's daily oversight (issue 14): stale
#   columns, overdue applications, reports not published by their date. Each indicator finds
#   its items for every unit at once on a given day; `oversight` (the top layer) collects the
#   answers every night, stores them per unit and day, and scores them. An app answers with the
#   rules of its own records only.
OVERSIGHT_INDICATORS = "oversight_indicators"


# deadline_evidence() -> Iterable[sites.deadlines.DeadlineEvidence]
#   The kinds of evidence a domain app can show for the dated tasks of the county's plan (the
#   deadline registry, issue 14): a catalogue filed, its columns filled, the annual report
#   published. Each answers for every unit at once, as the records stood on a given day;
#   `oversight` keeps the deadlines and compares each unit's evidence with the due date.
DEADLINE_EVIDENCE = "deadline_evidence"


def answers(name: str) -> Iterator[Any]:
    """The functions registered under hook `name`: by their `order`, then as registered."""
    yield from hooks.get_hooks(name)


def unique_by_key(items: Iterable[Any]) -> list[Any]:
    """Each `.key` once, the first item wins: an app that answers a key already answered (a
    county's own override registered earlier, a test's stand-in) does not double a check."""
    found: dict[str, Any] = {}
    for item in items:
        found.setdefault(item.key, item)
    return list(found.values())


def keyed_answers(name: str) -> list[Any]:
    """Everything the answers of hook `name` return, flattened, each key once."""
    return unique_by_key(item for answer in answers(name) for item in answer())
