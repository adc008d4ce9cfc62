"""E-mails to citizens about their opinions (run by the Celery worker): the receipt, and the
notice that the outcome is published."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _


@shared_task(name="opinions.send_receipt")
def send_receipt(opinion_id: int) -> bool:
    """The tracking code, by e-mail, for a citizen who gave an address."""
    from .models import Opinion

    opinion = Opinion.objects.select_related("consultation").filter(pk=opinion_id).first()
    if opinion is None or not opinion.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        consultation = opinion.consultation
        send_mail(
            _("已收到您的意见（查询码 %(code)s）") % {"code": opinion.tracking_code},
            _(
                "您好：\n\n我们已收到您对“%(title)s”提出的意见。\n查询码：%(code)s\n\n"
                "凭查询码和您留下的联系方式，可在网站上查询意见的处理情况：%(url)s\n"
                "意见经审核后公开；采纳情况公布时我们会再通知您。"
            )
            % {
                "title": consultation.title,
                "code": opinion.tracking_code,
                "url": lookup_url(),
            },
            None,
            [opinion.email],
        )
    return True


def lookup_url() -> str:
    from django.urls import reverse
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/") + reverse("opinions:lookup")


# The task keeps the name it had in participation/tasks.py, so that notifications queued before an
# upgrade still run.
@shared_task(name="participation.notify_outcome")
def notify_outcome(consultation_id: int) -> int:
    """E-mail every submitter who gave an address: the outcome is out, with their tracking code.

    Each opinion is marked when its mail has gone, so a retried task does not send twice."""
    from participation.models import ConsultationPage

    from .models import Opinion

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


@shared_task(name="opinions.erase_old_contacts")
def erase_old_contacts() -> int:
    """PIPL: erase the phone, e-mail (and the fingerprint made from them) of opinions on
    consultations closed more than CONTACT_RETENTION_DAYS ago, and the name unless it was
    published with the citizen's consent; the opinion and its decision stay. Daily, by beat."""
    from datetime import timedelta

    from django.db.models import Q

    from .models import Opinion

    cutoff = timezone.now() - timedelta(days=settings.CONTACT_RETENTION_DAYS)
    personal = ~Q(phone="") | ~Q(email="") | ~Q(contact_hash="") | (Q(publish_name=False) & ~Q(name=""))
    due = list(
        Opinion.objects.filter(consultation__closes_at__lt=cutoff)
        .filter(personal)
        .values_list("pk", flat=True)
    )
    Opinion.objects.filter(pk__in=due, publish_name=False).update(name="")
    Opinion.objects.filter(pk__in=due).update(phone="", email="", contact_hash="")
    return len(due)
