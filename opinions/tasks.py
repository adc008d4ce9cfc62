"""E-mails to citizens about their opinions (run by the Celery worker)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
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
