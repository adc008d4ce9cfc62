"""Policy interpretation rules as plain functions: what the public sees, the 3-working-day duty,
and the per-unit "submit together" option.

What the public sees. An interpretation shows only the policies that
`GovernmentDocumentPage.objects.visible_to_public()` lets through, so a link to a document that is
not public (依申请公开, 不公开, withdrawn, restricted) shows neither its title nor its address.
Interpretations and policies are matched by translation key, and each is shown in the reader's
language tree when a live version exists there, else in Chinese.

The duty (seed 三(二)3). A policy that needs interpretation (`needs_interpretation`: normative
documents by default, or as the drafter marked it) must have a published interpretation within
3 working days of its own first publication, counted on the official calendar
(`workdays.services.add_working_days`). Without one after the due date it is overdue, for its unit
and for the county.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail.query import PageQuerySet

from disclosure.models import (
    GovernmentDocumentPage,
    GovernmentDocumentQuerySet,
    InterpretationRequirement,
    Validity,
)
from sites.locales import default_locale
from sites.models import Unit, UnitSectionPage
from sites.tenancy import inside_subtrees
from workdays.services import Deadline, add_working_days, as_local_date, working_days_between

from .models import (
    InterpretationIndexPage,
    InterpretationKind,
    InterpretationPage,
    InterpretationSetting,
    InterpretedPolicy,
)

INTERPRETATION_WORKING_DAYS = 3
PAGE_SIZE = 20


# --- What the public sees -----------------------------------------------------------------------


def needing_interpretation(documents: GovernmentDocumentQuerySet) -> GovernmentDocumentQuerySet:
    """The documents of `documents` that need an interpretation (the query form of
    `GovernmentDocumentPage.needs_interpretation`)."""
    return documents.filter(
        Q(interpretation_required=InterpretationRequirement.REQUIRED)
        | Q(interpretation_required=InterpretationRequirement.DEFAULT, is_normative=True)
    )


def prefer_locale(pages: Sequence[Page], locale_id: int) -> list[Page]:
    """One page per translation key, in the order the keys first appear: the version in the locale
    `locale_id`, else the one in the default language, else whichever came first."""
    chosen: dict = {}
    rivals = False
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None:
            chosen[page.translation_key] = page
        elif current.locale_id != locale_id:
            rivals = True
            if page.locale_id == locale_id:
                chosen[page.translation_key] = page
    if rivals:
        # Only now is the default language needed (it may cost a query).
        default_id = default_locale().pk
        by_key: dict = {}
        for page in pages:
            best = by_key.get(page.translation_key)
            if best is None or _rank(page, locale_id, default_id) < _rank(best, locale_id, default_id):
                by_key[page.translation_key] = page
        chosen = {key: by_key[key] for key in chosen}
    return list(chosen.values())


def _rank(page: Page, locale_id: int, default_id: int) -> int:
    if page.locale_id == locale_id:
        return 0
    return 1 if page.locale_id == default_id else 2


def withheld_policy_keys():
    """Translation keys of policies whose Chinese source the public may not see (withdrawn,
    restricted, 依申请公开, 不公开): the source decides for every language version."""
    source_documents = GovernmentDocumentPage.objects.filter(locale=default_locale())
    visible = GovernmentDocumentPage.objects.visible_to_public().values("pk")
    return source_documents.exclude(pk__in=visible).values("translation_key")


def public_interpretations() -> PageQuerySet:
    """Interpretations the public may read: published, not behind a view restriction, and every
    policy they explain public. An interpretation retells its policy: it goes with it."""
    return (
        InterpretationPage.objects.live()
        .public()
        .exclude(policy_links__policy__translation_key__in=withheld_policy_keys())
    )


def interpretations_of_policy(policy: GovernmentDocumentPage) -> PageQuerySet:
    """Every live interpretation, in any language, explaining `policy` in any language."""
    return (
        InterpretationPage.objects.live()
        .filter(policy_links__policy__translation_key=policy.translation_key)
        .distinct()
    )


def public_policies_by_interpretation(
    interpretations: Iterable[InterpretationPage], locale_id: int
) -> dict[int, list[GovernmentDocumentPage]]:
    """For each interpretation (by id), the policies it explains that the public may see."""
    ids = [page.pk for page in interpretations]
    links = list(
        InterpretedPolicy.objects.filter(page_id__in=ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "policy_id", "policy__translation_key")
    )
    visible = list(
        GovernmentDocumentPage.objects.visible_to_public().filter(
            translation_key__in={key for _page_id, _policy_id, key in links}
        )
    )
    # The linked document itself must be public, not only some copy of it in another language.
    visible_ids = {policy.pk for policy in visible}
    by_key = {policy.translation_key: policy for policy in prefer_locale(visible, locale_id)}
    result: dict[int, list[GovernmentDocumentPage]] = {page_id: [] for page_id in ids}
    for page_id, policy_id, key in links:
        policy = by_key.get(key)
        if policy_id in visible_ids and policy is not None and policy not in result[page_id]:
            result[page_id].append(policy)
    return result


def public_policies(interpretation: InterpretationPage) -> list[GovernmentDocumentPage]:
    """The policies an interpretation explains that the public may see, in its language if possible."""
    return public_policies_by_interpretation([interpretation], interpretation.locale_id)[interpretation.pk]


def public_interpretations_of(policy: GovernmentDocumentPage) -> list[InterpretationPage]:
    """The published interpretations of a policy, newest first, in the policy page's language
    where a version exists."""
    if not policy.is_publicly_disclosed:
        return []
    found = (
        public_interpretations()
        .filter(policy_links__policy__translation_key=policy.translation_key)
        .distinct()
        .order_by("-first_published_at", "pk")
    )
    return prefer_locale(list(found), policy.locale_id)


# --- The 政策解读 column ------------------------------------------------------------------------


@dataclass
class InterpretationListing:
    page: PaginatorPage
    items: list[ListedInterpretation]
    units: list[Unit]
    kinds: list[tuple[str, str]]
    selected: dict[str, str]
    query_without_page: str = ""
    is_filtered: bool = field(default=False)


@dataclass(frozen=True)
class ListedInterpretation:
    page: InterpretationPage
    unit: Unit | None
    policies: list[GovernmentDocumentPage]


def section_units(locale: Locale) -> dict[str, Unit]:
    """Each unit section's tree path in `locale`, mapped to its unit."""
    sections = UnitSectionPage.objects.filter(locale=locale).select_related("unit")
    return {section.path: section.unit for section in sections}


def unit_by_path(path: str, sections: dict[str, Unit]) -> Unit | None:
    for length in {len(section_path) for section_path in sections}:
        unit = sections.get(path[:length])
        if unit is not None:
            return unit
    return None


def list_interpretations(column: InterpretationIndexPage, params: QueryDict) -> InterpretationListing:
    """The column's interpretations, newest first, filtered by unit (county-wide column) and form.

    The listing is built on the Chinese tree, which holds every interpretation; each entry is shown
    in the column's language where a live version exists.
    """
    default = default_locale()
    sections = section_units(default)
    # Built once: each build looks up the view restrictions and the withheld policies' keys.
    public = public_interpretations()
    found = public.filter(locale=default)
    active_paths = [path for path, unit in sections.items() if unit.is_active]
    found = found.filter(inside_subtrees(active_paths))
    if not column.is_county_wide:
        own = column.unit.section_in(default) if column.unit else None
        found = found.descendant_of(own) if own else found.none()

    units_present = {
        unit.pk: unit
        for path in found.values_list("path", flat=True)
        if (unit := unit_by_path(path, sections)) is not None
    }
    kinds_present = set(found.values_list("kind", flat=True))
    selected: dict[str, str] = {}
    unit_slug = params.get("unit", "")
    if column.is_county_wide and unit_slug:
        unit = next((unit for unit in units_present.values() if unit.slug == unit_slug), None)
        if unit is not None:
            selected["unit"] = unit.slug
            found = found.descendant_of(unit.section_in(default))
    kind = params.get("kind", "")
    if kind in kinds_present:
        selected["kind"] = kind
        found = found.filter(kind=kind)

    paginator = Paginator(found.order_by("-first_published_at", "pk"), PAGE_SIZE)
    page = paginator.get_page(params.get("p"))
    canonical = list(page.object_list)
    shown = {
        item.translation_key: item
        for item in prefer_locale(
            list(public.filter(translation_key__in=[item.translation_key for item in canonical])),
            column.locale_id,
        )
    }
    policies = public_policies_by_interpretation(canonical, column.locale_id)
    items = [
        ListedInterpretation(
            page=shown.get(item.translation_key, item),
            unit=unit_by_path(item.path, sections),
            policies=policies[item.pk],
        )
        for item in canonical
    ]
    kept = QueryDict(mutable=True)
    kept.update(selected)
    return InterpretationListing(
        page=page,
        items=items,
        units=sorted(units_present.values(), key=lambda unit: (unit.sort_order, unit.pk)),
        kinds=[(value, label) for value, label in InterpretationKind.choices if value in kinds_present],
        selected=selected,
        query_without_page=kept.urlencode(),
        is_filtered=bool(selected),
    )


# --- The 3-working-day duty ---------------------------------------------------------------------


@dataclass(frozen=True)
class InterpretationDuty:
    """One policy's interpretation clock."""

    policy: GovernmentDocumentPage
    unit: Unit | None
    published: datetime.date
    deadline: Deadline
    interpreted_on: datetime.date | None  # first publication of its earliest published interpretation
    remaining: int  # working days from today to the due date; negative once it has passed

    @property
    def is_done(self) -> bool:
        return self.interpreted_on is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.remaining < 0

    @property
    def is_pending(self) -> bool:
        return not self.is_done and self.remaining >= 0

    @property
    def overdue_by(self) -> int:
        return max(-self.remaining, 0) if self.is_overdue else 0

    @property
    def was_late(self) -> bool:
        return self.interpreted_on is not None and self.interpreted_on > self.deadline.due


def policies_needing_interpretation(units: Iterable[Unit] | None = None) -> GovernmentDocumentQuerySet:
    """Public, valid policies needing interpretation in the Chinese tree (translations share their
    original's clock), of `units` or of every unit."""
    default = default_locale()
    sections = UnitSectionPage.objects.filter(locale=default)
    if units is not None:
        sections = sections.filter(unit__in=list(units))
    policies = GovernmentDocumentPage.objects.visible_to_public().filter(
        locale=default, alias_of__isnull=True, validity=Validity.VALID
    )
    return needing_interpretation(policies).filter(inside_subtrees(sections.values_list("path", flat=True)))


def first_interpretation_dates(translation_keys: Iterable) -> dict:
    """For each policy translation key, the day its first still-published interpretation went live."""
    rows = InterpretedPolicy.objects.filter(
        policy__translation_key__in=list(translation_keys),
        page_id__in=public_interpretations().values("pk"),
    ).values_list("policy__translation_key", "page__first_published_at")
    earliest: dict = {}
    for key, moment in rows:
        if moment is None:
            continue
        day = as_local_date(moment)
        if key not in earliest or day < earliest[key]:
            earliest[key] = day
    return earliest


def interpretation_duties(
    units: Iterable[Unit] | None = None, today: datetime.date | None = None
) -> list[InterpretationDuty]:
    """Every policy's interpretation clock for `units` (all units when None), most urgent first."""
    today = today or timezone.localdate()
    policies = list(policies_needing_interpretation(units).exclude(first_published_at=None))
    done = first_interpretation_dates(policy.translation_key for policy in policies)
    sections = section_units(default_locale())
    duties = []
    for policy in policies:
        published = as_local_date(policy.first_published_at)
        deadline = add_working_days(published, INTERPRETATION_WORKING_DAYS)
        duties.append(
            InterpretationDuty(
                policy=policy,
                unit=unit_by_path(policy.path, sections),
                published=published,
                deadline=deadline,
                interpreted_on=done.get(policy.translation_key),
                remaining=working_days_between(today, deadline.due),
            )
        )
    return sorted(duties, key=lambda duty: (duty.deadline.due, duty.policy.pk))


@dataclass(frozen=True)
class UnitSummary:
    unit: Unit
    overdue: int
    pending: int
    late: int
    on_time: int


def summarise_by_unit(duties: Iterable[InterpretationDuty]) -> list[UnitSummary]:
    """Counts per unit, units with overdue policies first."""
    counts: dict[int, dict] = {}
    for duty in duties:
        if duty.unit is None:
            continue
        entry = counts.setdefault(
            duty.unit.pk, {"unit": duty.unit, "overdue": 0, "pending": 0, "late": 0, "on_time": 0}
        )
        if duty.is_overdue:
            entry["overdue"] += 1
        elif duty.is_pending:
            entry["pending"] += 1
        elif duty.was_late:
            entry["late"] += 1
        else:
            entry["on_time"] += 1
    summaries = [UnitSummary(**entry) for entry in counts.values()]
    return sorted(summaries, key=lambda row: (-row.overdue, -row.pending, row.unit.sort_order, row.unit.pk))


# --- Submitting together ------------------------------------------------------------------------


def requires_interpretation_with_policy(unit: Unit | None) -> bool:
    if unit is None:
        return False
    return InterpretationSetting.objects.filter(unit=unit, require_with_policy=True).exists()


def set_requires_interpretation_with_policy(unit: Unit, required: bool, user) -> InterpretationSetting:
    setting, _created = InterpretationSetting.objects.update_or_create(
        unit=unit, defaults={"require_with_policy": required, "updated_by": user}
    )
    return setting


def has_interpretation_submitted_or_published(policy: GovernmentDocumentPage) -> bool:
    """Whether an interpretation linking the policy is published or in a review workflow."""
    linking = InterpretationPage.objects.filter(policy_links__policy__translation_key=policy.translation_key)
    if linking.filter(live=True).exists():
        return True
    page_ids = [str(pk) for pk in linking.values_list("pk", flat=True)]
    return (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=page_ids)
        .exists()
    )


def submission_refusal(policy: GovernmentDocumentPage | None, draft: GovernmentDocumentPage, unit) -> str:
    """Why the policy (None while it is being created) may not go to review or be published yet,
    or "" when it may. `draft` carries the values being submitted."""
    if not draft.needs_interpretation or not requires_interpretation_with_policy(unit):
        return ""
    if policy is not None and has_interpretation_submitted_or_published(policy):
        return ""
    return _(
        "本单位要求政策文件与政策解读同步报审：本文件需要政策解读，但还没有关联本文件并已提交审查"
        "或已发布的解读。您的修改已保存为草稿，没有提交审查或发布。请先起草解读、关联本文件并提交审查，"
        "再提交本文件。"
    )
