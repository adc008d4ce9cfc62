"""Scheduled and background work of public participation (run by the Celery worker): the
consultations' schedule and the answers to board messages. Submitters of opinions are notified
of a published outcome by the opinions app."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _


@shared_task(name="participation.update_consultation_states")
def update_consultation_states() -> int:
    """Opens and closes consultations at their times; scheduled by beat every minute."""
    from .outcome import update_states

    return update_states()


@shared_task(name="participation.notify_message_reply")
def notify_message_reply(message_id: int) -> bool:
    """Queue the e-mail of the unit's answer to the citizen who wrote the message and gave an address.

    Called in the transaction that saves the answer, so the mail is in the outbox exactly when the
    answer is saved (operations/outbox.py delivers it). The message is claimed (notified_at set)
    with the same commit, so two quick saves queue one mail."""
    from .models import Message, MessageModeration

    with transaction.atomic():
        message = Message.objects.select_related("unit", "board").filter(pk=message_id).first()
        if (
            message is None
            or not message.email
            or message.replied_at is None
            or message.moderation == MessageModeration.INVALID
        ):
            return False
        claimed = Message.objects.filter(pk=message.pk, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if not claimed:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("您的留言已答复（查询码 %(code)s）") % {"code": message.tracking_code},
                message_reply_body(message),
                None,
                [message.email],
            )
    return True


def message_reply_body(message) -> str:
    from .models import MessageModeration

    board_url = (message.board.get_full_url() or "") if message.board else ""
    if message.moderation == MessageModeration.PUBLIC:
        where = _("留言和答复已在留言板公开（不显示您的姓名和联系方式）：%(url)s") % {"url": board_url}
    else:
        where = _("根据审核，您的留言和答复不在网站上公开。")
    lookup = (
        _("凭查询码和您留下的电话或电子邮箱，可随时查询：%(url)s") % {"url": f"{board_url}lookup/"}
        if board_url
        else ""
    )
    return _(
        "您好：\n\n您于 %(date)s 提交的留言“%(subject)s”（查询码 %(code)s），%(unit)s已经答复。\n\n"
        "答复内容：\n%(reply)s\n\n%(where)s\n%(lookup)s\n\n%(unit)s"
    ) % {
        "date": timezone.localtime(message.received_at).strftime("%Y-%m-%d"),
        "subject": message.subject,
        "code": message.tracking_code,
        "unit": message.unit.name,
        "reply": message.reply,
        "where": where,
        "lookup": lookup,
    }


@shared_task(name="participation.erase_old_contacts")
def erase_old_contacts() -> int:
    """PIPL: erase the name, phone and e-mail of messages answered (or, unanswered, received) more
    than CONTACT_RETENTION_DAYS ago; the message and its answer stay. Scheduled daily by beat."""
    from datetime import timedelta

    from django.db.models import Q
    from django.db.models.functions import Coalesce

    from .models import Message

    cutoff = timezone.now() - timedelta(days=settings.CONTACT_RETENTION_DAYS)
    return (
        Message.objects.annotate(settled_at=Coalesce("replied_at", "received_at"))
        .filter(settled_at__lt=cutoff)
        .filter(~Q(name="") | ~Q(phone="") | ~Q(email=""))
        .update(name="", phone="", email="")
    )
