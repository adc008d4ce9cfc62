"""意见采纳情况 as built from the opinions: its statistics and its entries (adopted and not
adopted, groups answered once), what still blocks its publication, and the publication itself
(which ends the consultation and notifies the submitters). The outcome record and the schedule
are the consultation's own (participation/models.py, participation/outcome.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.models import ConsultationOutcome, ConsultationPage, ConsultationState

from .models import ADOPTING_DECISIONS, Channel, Decision, Opinion, Stance


@dataclass
class OutcomeStatistics:
    total: int
    by_channel: list[tuple[str, int]]
    by_stance: list[tuple[str, int]]
    by_decision: list[tuple[str, int]]


def _counts(values, choices) -> list[tuple[str, int]]:
    counter = Counter(values)
    return [(str(label), counter.get(value, 0)) for value, label in choices]


def outcome_statistics(consultation: ConsultationPage) -> OutcomeStatistics:
    """Counts of the valid opinions (spam and abuse left out) by channel, stance and decision."""
    rows = list(
        Opinion.objects.filter(consultation=consultation.canonical)
        .valid()
        .values_list("channel", "stance", "decision")
    )
    return OutcomeStatistics(
        total=len(rows),
        by_channel=_counts([row[0] for row in rows], Channel.choices),
        by_stance=_counts([row[1] for row in rows], Stance.choices),
        by_decision=_counts([row[2] for row in rows], Decision.choices),
    )


@dataclass
class OutcomeEntry:
    """One line of the outcome: a group answered once, or a single opinion."""

    title: str
    target: str
    decision: str
    reason: str
    change_made: str
    opinions: list[Opinion]

    @property
    def count(self) -> int:
        return len(self.opinions)


def outcome_entries(consultation: ConsultationPage) -> tuple[list[OutcomeEntry], list[OutcomeEntry]]:
    """(adopted or partly adopted, not adopted or out of scope), opinions of a group together."""
    opinions = (
        Opinion.objects.filter(consultation=consultation.canonical)
        .valid()
        .exclude(decision="")
        .select_related("group")
        .order_by("submitted_at", "id")
    )
    entries: list[OutcomeEntry] = []
    groups: dict[int, OutcomeEntry] = {}
    for opinion in opinions:
        if opinion.group_id:
            entry = groups.get(opinion.group_id)
            if entry is None:
                group = opinion.group
                entry = groups[opinion.group_id] = OutcomeEntry(
                    title=group.title,
                    target=opinion.target,
                    decision=opinion.decision,
                    reason=opinion.reason,
                    change_made=opinion.change_made,
                    opinions=[],
                )
                entries.append(entry)
            entry.opinions.append(opinion)
            continue
        entries.append(
            OutcomeEntry(
                title="",
                target=opinion.target,
                decision=opinion.decision,
                reason=opinion.reason,
                change_made=opinion.change_made,
                opinions=[opinion],
            )
        )
    adopted = [entry for entry in entries if entry.decision in ADOPTING_DECISIONS]
    others = [entry for entry in entries if entry.decision not in ADOPTING_DECISIONS]
    return adopted, others


def outcome_blockers(consultation: ConsultationPage, summary: str | None = None) -> list[str]:
    """Why the outcome cannot be published yet; empty when it can."""
    consultation = consultation.canonical
    problems = []
    if consultation.state in (ConsultationState.UPCOMING, ConsultationState.OPEN):
        problems.append(_("征求意见尚未截止，截止后才能公布采纳情况。"))
    if consultation.state == ConsultationState.OUTCOME_PUBLISHED:
        problems.append(_("采纳情况已经公布。"))
    undecided = Opinion.objects.filter(consultation=consultation).undecided().count()
    if undecided:
        problems.append(
            _("还有 %(count)d 条意见未审核或未作出处理决定，全部处理后才能公布。") % {"count": undecided}
        )
    outcome = ConsultationOutcome.objects.filter(consultation=consultation).first()
    text = summary if summary is not None else (outcome.summary if outcome else "")
    if not text.strip():
        problems.append(_("请填写总体情况说明。"))
    return problems


def publish_outcome(consultation: ConsultationPage, user) -> ConsultationOutcome:
    """Publish 意见采纳情况 and notify every submitter who gave an e-mail address (through the outbox)."""
    from .tasks import notify_outcome

    consultation = consultation.canonical
    with transaction.atomic():
        # Locks the consultation so that two reviewers publishing at once publish once.
        ConsultationPage.objects.select_for_update().filter(pk=consultation.pk).first()
        consultation.refresh_from_db(fields=["state"])
        problems = outcome_blockers(consultation)
        if problems:
            raise ValidationError(problems)
        outcome = ConsultationOutcome.objects.get(consultation=consultation)
        outcome.published_at = timezone.now()
        outcome.published_by = user
        outcome.save(update_fields=["published_at", "published_by"])
        ConsultationPage.objects.filter(translation_key=consultation.translation_key).update(
            state=ConsultationState.OUTCOME_PUBLISHED
        )
        # The notices are outbox rows, committed with the outcome they announce.
        notify_outcome(consultation.pk)
    return outcome
