"""The deadline registry (工作时限台账, issue 14): each dated task of the county's plan with every
unit's status, from the evidence the apps answer through `deadline_evidence` (sites/deadlines.py)
or a county administrator's record of receipt.

Public API: `evidence_kinds`, `unit_statuses`, `status_counts`, `INDICATORS`,
`record_completion`, `CONTACTS`, `MANUAL`.

A unit's status (seed 四(四): 于……前完成) compares the evidence with the due date:
- 已完成: done by the due date; 逾期完成: done, but after it;
- 未完成: not done, the due date not passed; 已逾期未完成: not done and the due date passed.
Where the records give the day a task was done, that day decides; where they do not (contacts
filled in, columns with content), the evidence is asked twice, as things stood on the due date
and today. A county administrator's record (the report received through the e-document platform,
the contacts received by mail) stands for whatever the records show, with its date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sites import hooks
from sites.deadlines import DeadlineEvidence, Evidence
from sites.indicators import Finding, Indicator
from sites.models import Unit

from .models import Deadline, DeadlineCompletion


class Status(models.TextChoices):
    DONE = "done", gettext_lazy("已完成")
    DONE_LATE = "done_late", gettext_lazy("逾期完成")
    PENDING = "pending", gettext_lazy("未完成")
    OVERDUE = "overdue", gettext_lazy("已逾期未完成")


def find_registered_contacts(due_on: date, day: date) -> dict[int, Evidence]:
    """附件2: the unit's 分管领导 and 具体负责人 filled in on its record. The record keeps no date,
    so what it holds now is taken as it stood on any day; a date received is recorded by hand."""
    evidence = {}
    for pk, leader, contact in Unit.objects.active().values_list(
        "pk", "responsible_leader", "contact_person"
    ):
        missing = [
            label
            for label, value in ((_("分管领导"), leader), (_("具体负责人"), contact))
            if not value.strip()
        ]
        if missing:
            detail = _("未填写：%(fields)s") % {"fields": "、".join(missing)}
        else:
            detail = _("分管领导：%(leader)s；具体负责人：%(contact)s") % {
                "leader": leader,
                "contact": contact,
            }
        evidence[pk] = Evidence(done=not missing, url=reverse("units:edit", args=[pk]), detail=detail)
    return evidence


def find_nothing(due_on: date, day: date) -> dict[int, Evidence]:
    return {}


CONTACTS = DeadlineEvidence(
    key="oversight.contacts_registered",
    label=gettext_lazy("登记分管领导和具体负责人"),
    find=find_registered_contacts,
    help_text=gettext_lazy("单位信息中已填写分管领导和具体负责人；报送日期可由县级管理员登记。"),
)
MANUAL = DeadlineEvidence(
    key="oversight.manual",
    label=gettext_lazy("人工登记（如通过电子公文办公平台报送）"),
    find=find_nothing,
    help_text=gettext_lazy("由县级管理员逐单位登记收到材料的日期和文号。"),
)


def evidence_kinds() -> list[DeadlineEvidence]:
    """Every kind the apps answer, each key once (the first answer wins)."""
    return hooks.keyed_answers(hooks.DEADLINE_EVIDENCE)


def evidence_kind(key: str) -> DeadlineEvidence:
    return next((kind for kind in evidence_kinds() if kind.key == key), MANUAL)


@dataclass(frozen=True)
class UnitDeadline:
    unit: Unit
    status: Status
    evidence: Evidence | None  # what the records show, None: nothing
    completion: DeadlineCompletion | None  # recorded by a county administrator

    @property
    def done_on(self) -> date | None:
        if self.completion is not None:
            return self.completion.completed_on
        return self.evidence.done_on if self.evidence else None

    @property
    def is_open(self) -> bool:
        return self.status in (Status.PENDING, Status.OVERDUE)


def status_of(
    due_on: date,
    today: date,
    now: Evidence | None,
    by_due: Evidence | None,
    completion: DeadlineCompletion | None,
) -> Status:
    if completion is not None:
        return Status.DONE if completion.completed_on <= due_on else Status.DONE_LATE
    if now is not None and now.done:
        if now.done_on is not None:
            return Status.DONE if now.done_on <= due_on else Status.DONE_LATE
        return Status.DONE if by_due is not None and by_due.done else Status.DONE_LATE
    return Status.PENDING if today <= due_on else Status.OVERDUE


def unit_statuses(deadline: Deadline, today: date, units=None) -> list[UnitDeadline]:
    """Every active unit (or `units`) with its status for the deadline, in the units' order; a
    fixed number of queries whatever the number of units."""
    kind = evidence_kind(deadline.evidence_kind)
    now = kind.find(deadline.due_on, today)
    by_due = now if today <= deadline.due_on else kind.find(deadline.due_on, deadline.due_on)
    completions = {completion.unit_id: completion for completion in deadline.completions.all()}
    units = Unit.objects.active() if units is None else units
    return [
        UnitDeadline(
            unit=unit,
            status=status_of(
                deadline.due_on, today, now.get(unit.pk), by_due.get(unit.pk), completions.get(unit.pk)
            ),
            evidence=now.get(unit.pk),
            completion=completions.get(unit.pk),
        )
        for unit in units.order_by("sort_order", "pk")
    ]


def status_counts(rows: list[UnitDeadline]) -> list[tuple[Status, int]]:
    counts = Counter(row.status for row in rows)
    return [(status, counts[status]) for status in Status]


def open_deadline_findings(today: date, status: Status) -> Iterator[Finding]:
    """Every unit's deadlines in `status` on the day, as findings for the nightly check: a unit's
    今日待办 and weekly digest then read them from the stored snapshot like every other check,
    instead of asking every kind of evidence again on each dashboard load."""
    for deadline in Deadline.objects.prefetch_related("completions"):
        for row in unit_statuses(deadline, today):
            if row.status != status:
                continue
            detail = _("%(due)s 前完成") % {"due": deadline.due_on.isoformat()}
            if row.evidence is not None and row.evidence.detail:
                detail = f"{detail}；{row.evidence.detail}"
            yield Finding(
                unit_id=row.unit.pk,
                key=f"deadline:{deadline.pk}",
                title=deadline.title,
                url=row.evidence.url if row.evidence is not None else "",
                since=deadline.due_on,
                detail=detail,
            )


INDICATORS = (
    Indicator(
        key="oversight.deadlines_overdue",
        label=gettext_lazy("工作任务逾期未完成"),
        find=lambda today: open_deadline_findings(today, Status.OVERDUE),
        help_text=gettext_lazy("县政务公开工作方案四（四）：各项工作于规定时限前完成；见“工作时限台账”。"),
    ),
    Indicator(
        key="oversight.deadlines_pending",
        label=gettext_lazy("工作任务待完成"),
        find=lambda today: open_deadline_findings(today, Status.PENDING),
        help_text=gettext_lazy("工作时限台账中尚未到期、本单位尚未完成的工作任务。"),
    ),
)


@dataclass(frozen=True)
class CompletionInput:
    completed_on: date
    reference: str


def record_completion(deadline: Deadline, unit: Unit, data: CompletionInput, user) -> DeadlineCompletion:
    completion, _created = DeadlineCompletion.objects.update_or_create(
        deadline=deadline,
        unit=unit,
        defaults={"completed_on": data.completed_on, "reference": data.reference, "recorded_by": user},
    )
    return completion


def undo_completion(deadline: Deadline, unit: Unit) -> bool:
    deleted, _by_model = DeadlineCompletion.objects.filter(deadline=deadline, unit=unit).delete()
    return bool(deleted)
