"""The portal-level checks no domain app owns (国办秘函〔2019〕19号 single-veto items): the home
page's freshness, a consultation channel, and the availability the probe measured. Answered
through the same `oversight_indicators` hook as every domain's (oversight/wagtail_hooks.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page

from participation.models import ConsultationPage, MessageBoardPage
from sites.indicators import Finding, Indicator
from sites.models import PortalHomePage

from .models import ProbeResult
from .rules import SLOW_SECONDS, SLOW_SHARE, SLOW_WINDOW_DAYS

HOME_STALE_DAYS = 14


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def home_not_updated(today: date) -> Iterator[Finding]:
    """19号: the home page not updated for 2 weeks. The home page shows the newest content of the
    whole site, so it is as fresh as the last page published in the default tree."""
    home = PortalHomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return
    latest = (
        Page.objects.descendant_of(home, inclusive=True)
        .live()
        .public()
        .filter(last_published_at__lt=end_of(today))
        .aggregate(latest=Max("last_published_at"))["latest"]
    )
    latest_day = timezone.localdate(latest) if latest else None
    if latest_day is None or (today - latest_day).days > HOME_STALE_DAYS:
        yield Finding(
            unit_id=None,
            key=f"page:{home.pk}",
            title=home.title,
            url=reverse("wagtailadmin_explore", args=[home.pk]),
            since=latest_day + timedelta(days=HOME_STALE_DAYS) if latest_day else None,
            detail=_("最近更新 %(day)s") % {"day": latest_day.isoformat()} if latest_day else _("从未发布"),
        )


def no_consultation_channel(today: date) -> Iterator[Finding]:
    """19号: no consultation channel, i.e. no live message board or consultation on the site."""
    if MessageBoardPage.objects.live().exists() or ConsultationPage.objects.live().exists():
        return
    yield Finding(
        unit_id=None,
        key="channel",
        title=_("门户网站没有已发布的留言板或意见征集"),
        url=reverse("wagtailadmin_home"),
        detail=_("请至少发布一个留言板"),
    )


def slow_page_loads(today: date) -> Iterator[Finding]:
    """19号: more than 5 % of the monitored page loads over a week take 15 s or more (a failed
    load counts as one: the page did not come)."""
    until = end_of(today)
    loads = ProbeResult.objects.filter(at__gte=until - timedelta(days=SLOW_WINDOW_DAYS), at__lt=until)
    figures = loads.aggregate(
        total=Count("pk"), slow=Count("pk", filter=Q(seconds__gte=SLOW_SECONDS) | Q(status__isnull=True))
    )
    total, slow = figures["total"], figures["slow"]
    if total and slow / total > SLOW_SHARE:
        yield Finding(
            unit_id=None,
            key="availability",
            title=_("页面访问超时"),
            url=reverse("oversight:probes"),
            detail=_("近 %(days)d 天 %(total)d 次访问中 %(slow)d 次用时 15 秒及以上或失败（%(share).1f%%）")
            % {"days": SLOW_WINDOW_DAYS, "total": total, "slow": slow, "share": 100 * slow / total},
        )


PORTAL_INDICATORS = (
    Indicator(
        key="portal.home_not_updated",
        label=gettext_lazy("首页超过 2 周未更新"),
        find=home_not_updated,
        help_text=gettext_lazy("国办秘函〔2019〕19号：首页栏目信息超过 2 周未更新的，单项否决。"),
        portal_only=True,
    ),
    Indicator(
        key="portal.no_consultation_channel",
        label=gettext_lazy("无互动交流渠道"),
        find=no_consultation_channel,
        help_text=gettext_lazy("国办秘函〔2019〕19号：未开设咨询留言等互动交流栏目的，单项否决。"),
        portal_only=True,
    ),
    Indicator(
        key="portal.slow_page_loads",
        label=gettext_lazy("页面访问超时"),
        find=slow_page_loads,
        help_text=gettext_lazy(
            "国办秘函〔2019〕19号：一周内超过 5% 的监测访问用时 15 秒及以上的，单项否决。"
        ),
        portal_only=True,
    ),
)
