"""Citizens' opinions: submission with its abuse controls, tracking codes, moderation, look-up."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale

from opinions.models import Moderation, Opinion
from opinions.services import lookup
from participation import abuse
from participation.models import ConsultationState
from portal.demo.participation import DEMO_DRAFT, create_consultation
from sites.models import UnitSectionPage

PHONE = "13912345678"
EMAIL = "citizen-private@example.net"
SECRET_NAME = "隐名张三"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # Rate-limit counters live in the cache (Redis when REDIS_URL is set): start each test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tasks_in_process():
    """Run Celery tasks at call time even when REDIS_URL sends them to a broker: these tests read
    the mails from Django's test outbox (tests/test_participation_worker.py covers the worker)."""
    from cms.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def section(slug: str) -> UnitSectionPage:
    return UnitSectionPage.objects.get(unit__slug=slug, locale=Locale.get_default())


def open_consultation(unit: str = "pingyuan", **fields):
    now = timezone.now()
    defaults = {
        "title": "平原镇集镇农贸市场管理办法（征求意见稿）",
        "slug": "market-rules",
        "draft": DEMO_DRAFT,
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=10),
    }
    defaults.update(fields)
    return create_consultation(section(unit), **defaults)


def form_data(page, article_label: str | None = "第三条", **overrides) -> dict:
    article = page.articles.get(label=article_label) if article_label else None
    data = {
        "article": str(article.pk) if article else "",
        "content": "建议开市时间提前到早上5时半，方便赶早市的农户。",
        "stance": "support",
        "name": SECRET_NAME,
        "phone": PHONE,
        "email": EMAIL,
        "consent": "on",
        "website": "",
        # Shown ten seconds ago: longer than the minimum fill time.
        "started": abuse.form_token(now=time.time() - 10),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, page, data, **extra):
    return client.post(page.url + "submit/", data, **extra)


@pytest.fixture
def consultation(small_county):
    return open_consultation()


def test_citizen_comments_on_an_article_and_gets_a_tracking_code(
    client, consultation, django_capture_on_commit_callbacks, tasks_in_process
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, consultation, form_data(consultation))
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.article_label == "第三条"
    assert opinion.moderation == Moderation.PENDING
    assert opinion.unit.slug == "pingyuan"
    receipt = client.get(response["Location"])
    assert opinion.tracking_code in receipt.content.decode()
    # The receipt is e-mailed too (Celery runs in-process without Redis).
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert opinion.tracking_code in mail.outbox[0].body


def test_pending_and_private_opinions_are_not_public(client, consultation):
    submit(client, consultation, form_data(consultation))
    opinion = Opinion.objects.get()
    page = client.get(consultation.url).content.decode()
    assert opinion.content not in page
    opinion.moderation = Moderation.PRIVATE
    opinion.save()
    assert opinion.content not in client.get(consultation.url).content.decode()
    opinion.moderation = Moderation.PUBLIC
    opinion.save()
    html = client.get(consultation.url).content.decode()
    assert opinion.content in html
    assert "网民" in html
    for secret in (PHONE, EMAIL, SECRET_NAME):
        assert secret not in html


def test_name_is_shown_only_when_the_citizen_asks(client, consultation):
    submit(client, consultation, form_data(consultation, publish_name="on"))
    Opinion.objects.update(moderation=Moderation.PUBLIC)
    assert SECRET_NAME in client.get(consultation.url).content.decode()


MALFORMED = {
    "too_long": ({"content": "意" * 2001}, "不能超过 2000 字"),
    "empty": ({"content": "   "}, "请填写意见内容"),
    "no_consent": ({"consent": None}, "请阅读并同意隐私声明"),
    "no_contact": ({"phone": "", "email": ""}, "请至少留下电话或电子邮箱"),
    "bad_email": ({"email": "not-an-address"}, "电子邮箱格式不正确"),
    "bad_phone": ({"phone": "call me"}, "电话号码格式不正确"),
    "bad_stance": ({"stance": "maybe"}, "请选择支持、中立或反对"),
    "unknown_article": ({"article": "999999"}, "所选条款不存在"),
    "honeypot": ({"website": "http://spam.example"}, "不应填写的内容"),
    "too_fast": ({"started": "NOW"}, "提交过快"),
    "forged_token": ({"started": "12345:forged"}, "表单已失效"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_submissions_are_refused_in_chinese_and_change_nothing(client, consultation, case):
    overrides, message = MALFORMED[case]
    if overrides.get("started") == "NOW":
        overrides = {"started": abuse.form_token()}
    response = submit(client, consultation, form_data(consultation, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Opinion.objects.count() == 0
    assert mail.outbox == []


def test_real_name_required_when_the_consultation_says_so(client, small_county):
    page = open_consultation(require_real_name=True)
    response = submit(client, page, form_data(page, name=""))
    assert response.status_code == 400
    assert "本次征求意见要求实名" in response.content.decode()
    assert Opinion.objects.count() == 0


def test_rate_limit_per_ip(client, consultation, settings):
    settings.PARTICIPATION_RATE_PER_IP = "3/h"
    for number in range(3):
        response = submit(
            client,
            consultation,
            form_data(consultation, content=f"第{number}条意见", phone=f"1390000000{number}"),
        )
        assert response.status_code == 302
    response = submit(
        client, consultation, form_data(consultation, content="第四条意见", phone="13900000009")
    )
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Opinion.objects.count() == 3
    # Another address is not affected.
    other = submit(
        client, consultation, form_data(consultation, content="别处的意见"), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_rate_limit_per_contact(client, consultation, settings):
    settings.PARTICIPATION_RATE_PER_CONTACT = "2/h"
    addresses = iter(f"10.1.0.{number}" for number in range(1, 10))
    for number in range(2):
        response = submit(
            client,
            consultation,
            form_data(consultation, content=f"意见{number}"),
            REMOTE_ADDR=next(addresses),
        )
        assert response.status_code == 302
    response = submit(
        client, consultation, form_data(consultation, content="意见3"), REMOTE_ADDR=next(addresses)
    )
    assert response.status_code == 429
    assert "同一联系方式提交过于频繁" in response.content.decode()
    assert Opinion.objects.count() == 2


def test_same_text_from_the_same_contact_is_kept_once(client, consultation):
    assert submit(client, consultation, form_data(consultation)).status_code == 302
    again = submit(
        client,
        consultation,
        form_data(consultation, content="建议开市时间提前到早上5时半，方便赶早市的农户！"),
    )
    assert again.status_code == 400
    assert "您已提交过内容相同的意见" in again.content.decode()
    assert Opinion.objects.count() == 1


def test_consultation_not_open_refuses_opinions(client, small_county):
    now = timezone.now()
    upcoming = open_consultation(
        unit="pingyuan", opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=5)
    )
    assert upcoming.state == ConsultationState.UPCOMING
    response = submit(client, upcoming, form_data(upcoming))
    assert response.status_code == 403
    assert "尚未开始" in response.content.decode()
    closed = open_consultation(
        unit="scjg", opens_at=now - timedelta(days=5), closes_at=now - timedelta(days=1), title="已截止"
    )
    response = submit(client, closed, form_data(closed))
    assert response.status_code == 403
    assert "已截止" in response.content.decode()
    assert Opinion.objects.count() == 0


def test_captcha_when_switched_on(client, small_county):
    from captcha.models import CaptchaStore

    page = open_consultation(captcha_required=True)
    html = client.get(page.url).content.decode()
    assert 'class="captcha"' in html
    hashkey = CaptchaStore.objects.latest("id").hashkey
    wrong = submit(client, page, form_data(page, captcha_0=hashkey, captcha_1="WRONG"))
    assert wrong.status_code == 400
    assert "验证码不正确" in wrong.content.decode()
    assert Opinion.objects.count() == 0
    # A wrong answer uses the challenge up; the re-shown form carries a new one.
    assert not CaptchaStore.objects.filter(hashkey=hashkey).exists()
    hashkey = CaptchaStore.objects.latest("id").hashkey
    answer = CaptchaStore.objects.get(hashkey=hashkey).response
    right = submit(client, page, form_data(page, captcha_0=hashkey, captcha_1=answer))
    assert right.status_code == 302
    assert Opinion.objects.count() == 1
    # The image comes from the site itself (strict CSP: img-src 'self').
    client.get(page.url)
    image = client.get(f"/captcha/image/{CaptchaStore.objects.latest('id').hashkey}/")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"


def test_lookup_needs_the_code_and_the_contact(client, consultation):
    submit(client, consultation, form_data(consultation))
    opinion = Opinion.objects.get()
    assert lookup(opinion.tracking_code.lower().replace("-", " "), PHONE) == opinion
    assert lookup(opinion.tracking_code, EMAIL.upper()) == opinion
    assert lookup(opinion.tracking_code, "13000000000") is None
    response = client.post("/opinions/lookup/", {"code": opinion.tracking_code, "contact": PHONE})
    html = response.content.decode()
    assert response.status_code == 200
    assert opinion.content in html
    assert "正在处理" in html
    assert PHONE not in html and EMAIL not in html
    miss = client.post("/opinions/lookup/", {"code": opinion.tracking_code, "contact": "someone@example.org"})
    assert miss.status_code == 404
    assert opinion.content not in miss.content.decode()
    assert "没有找到对应的意见" in miss.content.decode()
