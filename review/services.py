"""Review workflows, the proactive-disclosure timer and the yearly re-evaluation, as plain functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Workflow, WorkflowPage, WorkflowTask

from disclosure.models import (
    PUBLIC_ATTRIBUTES,
    DisclosureAttribute,
    GovernmentDocumentPage,
    GovernmentDocumentQuerySet,
)
from sites.models import Unit, UnitSectionPage, section_of, unit_of
from sites.tenancy import is_county_admin
from workdays.services import Deadline, add_working_days, as_local_date, working_days_between

from .models import Decision, EmergencyPublication, ReEvaluation, ReviewTask

# Art. 26 of the OGI Regulations: within 20 working days of the information being formed or changed.
PROACTIVE_DISCLOSURE_WORKING_DAYS = 20
DUE_SOON_WORKING_DAYS = 5
NON_PUBLIC_ATTRIBUTES = (DisclosureAttribute.ON_REQUEST, DisclosureAttribute.NOT_PUBLIC)
REVIEW_STEPS = ("保密审查", "发布审查")


def ensure_review_workflow(unit: Unit, sections: list[UnitSectionPage]) -> bool:
    """Give the unit's sections (every language tree) the two-step review: 保密审查 → 发布审查,
    both by the unit's reviewers group. Returns whether anything changed."""
    changed = False
    name = _("%(unit)s审查流程") % {"unit": unit.name}
    assignment = WorkflowPage.objects.filter(page__in=sections).select_related("workflow").first()
    if assignment is None:
        workflow = Workflow.objects.create(name=name)
        changed = True
    else:
        workflow = assignment.workflow
        if workflow.name != name:
            workflow.name = name
            workflow.save(update_fields=["name"])
            changed = True
    tasks = list(workflow.tasks.specific())
    for order, step in enumerate(REVIEW_STEPS):
        task_name = f"{step}（{unit.display_name}）"
        task = tasks[order] if order < len(tasks) else None
        if task is None:
            task = ReviewTask.objects.create(name=task_name)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
            changed = True
        elif task.name != task_name:
            task.name = task_name
            task.save(update_fields=["name"])
            changed = True
        if list(task.groups.all()) != [unit.reviewers_group]:
            task.groups.set([unit.reviewers_group])
            changed = True
    for section in sections:
        _assignment, created = WorkflowPage.objects.update_or_create(
            page=section, defaults={"workflow": workflow}
        )
        changed |= created
    return changed


def unit_documents(unit: Unit) -> GovernmentDocumentQuerySet:
    """The unit's documents in the Chinese tree (translations share their original's life cycle)."""
    section = unit.section_in(Locale.get_default())
    if section is None:
        return GovernmentDocumentPage.objects.none()
    return GovernmentDocumentPage.objects.descendant_of(section).filter(alias_of__isnull=True)


@dataclass(frozen=True)
class DisclosureTimer:
    document: GovernmentDocumentPage
    started: datetime.date
    reason: str
    deadline: Deadline
    remaining: int  # working days left; negative when overdue

    @property
    def is_overdue(self) -> bool:
        return self.remaining < 0

    @property
    def overdue_by(self) -> int:
        return max(-self.remaining, 0)

    @property
    def is_due_soon(self) -> bool:
        return 0 <= self.remaining <= DUE_SOON_WORKING_DAYS


def disclosure_timer(document: GovernmentDocumentPage, today: datetime.date) -> DisclosureTimer | None:
    """The Art. 26 clock of a public document still waiting to be published, or None.

    A new document's clock starts on its 成文日期; a published one whose latest changes are not
    yet live starts again on the day of that change.
    """
    if document.disclosure_attribute not in PUBLIC_ATTRIBUTES:
        return None
    if not document.live:
        started, reason = document.written_date, _("成文日期")
    elif document.has_unpublished_changes and document.latest_revision_created_at:
        started, reason = as_local_date(document.latest_revision_created_at), _("最近一次修改")
    else:
        return None
    deadline = add_working_days(started, PROACTIVE_DISCLOSURE_WORKING_DAYS)
    return DisclosureTimer(document, started, reason, deadline, working_days_between(today, deadline.due))


def disclosure_timers(unit: Unit, today: datetime.date | None = None) -> list[DisclosureTimer]:
    """The unit's public documents still to be published, most urgent first."""
    today = today or timezone.localdate()
    pending = unit_documents(unit).filter(disclosure_attribute__in=PUBLIC_ATTRIBUTES)
    pending = pending.filter(live=False) | pending.filter(has_unpublished_changes=True)
    timers = [timer for document in pending if (timer := disclosure_timer(document, today))]
    return sorted(timers, key=lambda timer: (timer.deadline.due, timer.document.pk))


@dataclass(frozen=True)
class ReviewRow:
    document: GovernmentDocumentPage
    decision: ReEvaluation | None


def re_evaluation_rows(unit: Unit, year: int) -> list[ReviewRow]:
    """Every document of the unit that was non-public in `year`, with that year's decision if taken.

    A document decided this year stays on the list (with its decision) even after it was disclosed.
    """
    decisions = {
        decision.document_id: decision
        for decision in ReEvaluation.objects.filter(unit=unit, year=year).select_related("decided_by")
    }
    documents = unit_documents(unit).filter(disclosure_attribute__in=NON_PUBLIC_ATTRIBUTES)
    documents = documents | unit_documents(unit).filter(pk__in=decisions)
    return [ReviewRow(document, decisions.get(document.pk)) for document in documents.order_by("path")]


class ReEvaluationError(ValueError):
    """A decision that cannot be recorded; the message is shown to the editor as is."""


@transaction.atomic
def record_re_evaluation(
    document: GovernmentDocumentPage, *, unit: Unit, year: int, decision: str, reason: str, user
) -> ReEvaluation:
    """Record the year's decision; a decision to disclose sends a changed draft into review."""
    reason = reason.strip()
    if decision not in Decision.values:
        raise ReEvaluationError(_("请选择复核结论。"))
    if not reason:
        raise ReEvaluationError(_("请填写复核理由。"))
    if ReEvaluation.objects.filter(document=document, year=year).exists():
        raise ReEvaluationError(
            _("《%(title)s》%(year)s 年度已经复核过。") % {"title": document.title, "year": year}
        )
    if document.disclosure_attribute not in NON_PUBLIC_ATTRIBUTES:
        raise ReEvaluationError(
            _("《%(title)s》已经不是依申请公开或不公开的文件。") % {"title": document.title}
        )
    record = ReEvaluation.objects.create(
        document=document,
        unit=unit,
        year=year,
        attribute_before=document.disclosure_attribute,
        decision=decision,
        reason=reason,
        decided_by=user,
    )
    log(
        instance=document,
        action="review.re_evaluate",
        user=user,
        data={"year": year, "decision": decision, "reason": reason, "before": document.disclosure_attribute},
    )
    if decision == Decision.KEEP:
        return record
    draft = document.get_latest_revision_as_object()
    if decision == Decision.DISCLOSE:
        draft.disclosure_attribute = DisclosureAttribute.PUBLIC
        draft.save_revision(user=user, log_action=True)
        workflow = document.get_workflow()
        if workflow is not None:
            workflow.start(document, user)
    else:
        # The redacted body has to be written by the editor before the draft can go to review.
        draft.disclosure_attribute = DisclosureAttribute.REDACTED
        draft.save_revision(user=user, log_action=True, clean=False)
    return record


# --- Publishing goes through review ---------------------------------------------------------
#
# Unit staff hold no publish permission on their section (sites/provisioning.py), so every admin
# path that publishes (editor, listing, bulk actions, copy, scheduling, revisions, translations)
# offers them "submit for review" only. The workflow's final approval is what publishes
# (review/workflow_finish.py).


def needs_review(page: Page) -> bool:
    """Whether publishing `page` (or a page created under it) has to go through a unit's review."""
    return section_of(page) is not None


def may_publish_emergency(user, page: Page) -> bool:
    """County administrators may publish a unit's page without its review, giving a reason."""
    return is_county_admin(user) and needs_review(page) and page.permissions_for_user(user).can_publish()


def may_withdraw(user, page: Page) -> bool:
    """Taking a page off the public site is never held back by review: besides whoever may unpublish
    in Wagtail, the reviewers of the unit that holds the page may withdraw it (撤回)."""
    if not (user.is_active and page.live) or page.is_root():
        return False
    tester = page.permissions_for_user(user)
    if tester.can_unpublish():
        return True
    unit = unit_of(page)
    return (
        unit is not None
        and not tester.page_locked()
        and user.groups.filter(pk=unit.reviewers_group_id).exists()
    )


class EmergencyPublishError(ValueError):
    """An emergency publication that cannot go ahead; the message is shown as is."""


@transaction.atomic
def emergency_publish(page: Page, *, user, reason: str) -> EmergencyPublication:
    """Publish the page's latest revision now, skipping its review, and record who did it and why.

    A review in progress is cancelled: what it was reviewing is public now."""
    reason = reason.strip()
    if not reason:
        raise EmergencyPublishError(_("紧急发布必须填写理由。"))
    if not may_publish_emergency(user, page):
        raise EmergencyPublishError(_("只有县级管理员可以紧急发布本单位页面。"))
    page = page.specific
    revision = page.get_latest_revision() or page.save_revision(user=user)
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel(user=user)
    record = EmergencyPublication.objects.create(
        page=page,
        title=revision.object_str or page.title,
        unit=unit_of(page),
        revision=revision,
        reason=reason,
        published_by=user,
    )
    revision.publish(user=user)
    log(
        instance=page,
        action="review.emergency_publish",
        user=user,
        revision=revision,
        data={"reason": reason},
    )
    return record


def recent_emergency_publications(limit: int = 10) -> list[EmergencyPublication]:
    return list(EmergencyPublication.objects.select_related("published_by", "unit", "page")[:limit])
