"""Submitting, moderating and deciding opinions; looking one up by tracking code."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.abuse import contact_fingerprint, content_fingerprint, normalize_phone
from participation.lookup import contact_matches
from participation.tracking import new_code, normalize_code

from .models import Channel, Opinion, OpinionGroup, check_decision

OPINION_CODE_PREFIX = "Y"
# Collisions among 31^8 codes are rare; a handful of attempts makes a failure practically impossible.
CODE_ATTEMPTS = 8


class DuplicateOpinion(Exception):
    """The same contact already sent the same text on this consultation."""


@dataclass
class OpinionInput:
    content: str
    stance: str
    article: object = None
    name: str = ""
    publish_name: bool = False
    phone: str = ""
    email: str = ""
    consent: bool = False
    channel: str = Channel.ONLINE
    submitted_at: object = None

    @classmethod
    def from_cleaned_data(
        cls, data, *, channel: str = Channel.ONLINE, consent: bool | None = None
    ) -> OpinionInput:
        """From an opinion form's cleaned data: the citizen's form (online, the consent as ticked)
        or the staff's registration of one received offline (its channel and time, consent given)."""
        return cls(
            content=data["content"],
            stance=data["stance"],
            article=data["article"],
            name=data["name"],
            publish_name=data["publish_name"],
            phone=data["phone"],
            email=data["email"],
            consent=data["consent"] if consent is None else consent,
            channel=channel,
            submitted_at=data.get("submitted_at"),
        )


def submit_opinion(consultation, data: OpinionInput, registered_by=None) -> Opinion:
    """Save a new opinion with a fresh tracking code and queue its receipt e-mail.

    Raises DuplicateOpinion when the same contact sent the same text before (also when both
    copies arrive at the same moment: the database constraint decides then)."""
    from .tasks import send_receipt

    consultation = consultation.canonical
    unit = consultation.unit
    content = data.content.strip()
    contact_hash = contact_fingerprint(data.phone, data.email)
    content_hash = content_fingerprint(content)
    duplicate = Opinion.objects.filter(
        consultation=consultation, contact_hash=contact_hash, content_hash=content_hash
    ).exclude(contact_hash="")
    if duplicate.exists():
        raise DuplicateOpinion
    article = data.article
    for _attempt in range(CODE_ATTEMPTS):
        opinion = Opinion(
            consultation=consultation,
            unit=unit,
            article=article,
            article_label=article.label if article else "",
            content=content,
            stance=data.stance,
            name=data.name.strip(),
            publish_name=data.publish_name,
            phone=normalize_phone(data.phone),
            email=data.email.strip(),
            consent=data.consent,
            channel=data.channel,
            tracking_code=new_code(OPINION_CODE_PREFIX),
            content_hash=content_hash,
            contact_hash=contact_hash,
            submitted_at=data.submitted_at or timezone.now(),
            registered_by=registered_by,
        )
        try:
            # The opinion and its receipt (an outbox row) are saved together or not at all.
            with transaction.atomic():
                opinion.save()
                if opinion.email:
                    send_receipt(opinion.pk)
        except IntegrityError:
            if contact_hash and duplicate.exists():
                raise DuplicateOpinion from None
            if Opinion.objects.filter(tracking_code=opinion.tracking_code).exists():
                continue
            raise
        return opinion
    raise RuntimeError("no free tracking code after several attempts")


def moderate(opinion: Opinion, moderation: str, user) -> Opinion:
    opinion.moderation = moderation
    opinion.moderated_at = timezone.now()
    opinion.save(update_fields=["moderation", "moderated_at"])
    return opinion


def decide(opinion: Opinion, decision: str, reason: str, change_made: str, user) -> Opinion:
    """Record the unit's decision on one opinion (it becomes public only with the outcome)."""
    errors = check_decision(decision, reason, change_made)
    if errors:
        raise ValidationError(errors)
    opinion.decision, opinion.reason, opinion.change_made = decision, reason.strip(), change_made.strip()
    opinion.decided_at, opinion.decided_by = timezone.now(), user
    opinion.save(update_fields=["decision", "reason", "change_made", "decided_at", "decided_by"])
    return opinion


def decide_group(group: OpinionGroup, decision: str, reason: str, change_made: str, user) -> int:
    """Answer every opinion of the group at once; returns how many were answered."""
    errors = check_decision(decision, reason, change_made)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        group.decision, group.reason, group.change_made = decision, reason.strip(), change_made.strip()
        group.decided_at, group.decided_by = now, user
        group.save()
        return group.opinions.update(
            decision=decision,
            reason=group.reason,
            change_made=group.change_made,
            decided_at=now,
            decided_by=user,
        )


def group_opinions(opinions, title: str) -> OpinionGroup:
    """Put opinions of one consultation into a new group of opinions identical in substance."""
    opinions = list(opinions)
    consultations = {opinion.consultation_id for opinion in opinions}
    if len(consultations) != 1:
        raise ValidationError(_("只能归并同一征求意见下的意见。"))
    first = opinions[0]
    with transaction.atomic():
        group = OpinionGroup.objects.create(
            consultation_id=first.consultation_id, unit_id=first.unit_id, title=title
        )
        Opinion.objects.filter(pk__in=[opinion.pk for opinion in opinions]).update(group=group)
    return group


def lookup(code: str, contact: str) -> Opinion | None:
    """The opinion with this tracking code, if `contact` is the phone or e-mail given with it.

    Both must match, so a leaked code alone reveals nothing."""
    code = normalize_code(code)
    contact = (contact or "").strip()
    if not code or not contact:
        return None
    opinion = Opinion.objects.filter(tracking_code=code).select_related("consultation").first()
    if opinion is None:
        return None
    return opinion if contact_matches(opinion.phone, opinion.email, contact) else None
