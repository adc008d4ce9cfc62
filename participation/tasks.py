"""Scheduled and background work of public participation (run by the Celery worker)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _


@shared_task(name="participation.update_consultation_states")
def update_consultation_states() -> int:
    """Opens and closes consultations at their times; scheduled by beat every minute."""
    from .outcome import update_states

    return update_states()


@shared_task(name="participation.notify_outcome")
def notify_outcome(consultation_id: int) -> int:
    """E-mail every submitter who gave an address: the outcome is out, with their tracking code.

    Each opinion is marked when its mail has gone, so a retried task does not send twice."""
    from opinions.models import Opinion

    from .models import ConsultationPage

    consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        url = consultation.get_full_url() or ""
        outcome_url = f"{url}outcome/" if url else ""
        pending = (
            Opinion.objects.filter(consultation=consultation, notified_at__isnull=True)
            .valid()
            .exclude(email="")
        )
        for opinion in pending:
            body = _(
                "您好：\n\n您对“%(title)s”提出的意见（查询码 %(code)s）已处理完毕，"
                "意见采纳情况已经公布。\n\n处理结果：%(decision)s\n%(reason)s\n"
                "查看采纳情况：%(url)s\n\n%(unit)s"
            ) % {
                "title": consultation.title,
                "code": opinion.tracking_code,
                "decision": opinion.get_decision_display(),
                "reason": _("理由：%(reason)s\n") % {"reason": opinion.reason} if opinion.reason else "",
                "url": outcome_url,
                "unit": consultation.unit.name if consultation.unit else "",
            }
            send_mail(
                _("意见采纳情况已公布（查询码 %(code)s）") % {"code": opinion.tracking_code},
                body,
                None,
                [opinion.email],
            )
            Opinion.objects.filter(pk=opinion.pk).update(notified_at=timezone.now())
            sent += 1
    return sent


@shared_task(name="participation.notify_message_reply")
def notify_message_reply(message_id: int) -> bool:
    """E-mail the unit's answer to the citizen who wrote the message and gave an address.

    The message is claimed (notified_at set) before sending, so two tasks queued by two quick
    saves send one mail; a failed delivery releases the claim for the retry."""
    from .models import Message, MessageModeration

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
    try:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("您的留言已答复（查询码 %(code)s）") % {"code": message.tracking_code},
                message_reply_body(message),
                None,
                [message.email],
            )
    except Exception:
        Message.objects.filter(pk=message.pk).update(notified_at=None)
        raise
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
