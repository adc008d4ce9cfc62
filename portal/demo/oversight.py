"""Demo oversight: the county's daily checks recomputed for the last 14 days, so that the county
dashboard has a trend to draw; one bonus item awarded to 平原镇 a week ago (its trend steps up that
day); and a sample of the availability probe's records three days ago, one in ten of them timed
out, marked as demo records, so that the portal shows the slow-loads single-veto item."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from oversight import services
from oversight.models import BonusAward, BonusItem, ProbeResult
from sites.models import Unit

TREND_DAYS = 14
DEMO_BONUS = "政务公开工作创新"  # seeded by oversight/migrations/0002_seed_deductions.py
DEMO_REASON = "演示：推行“政策明白卡”进村入户，群众知晓率明显提高。"


def load_oversight_demo(today: date | None = None) -> None:
    today = today or timezone.localdate()
    pingyuan = Unit.objects.filter(slug="pingyuan").first()
    item = BonusItem.objects.filter(label=DEMO_BONUS).first()
    if pingyuan is not None and item is not None:
        BonusAward.objects.get_or_create(
            unit=pingyuan,
            item=item,
            reason=DEMO_REASON,
            defaults={"awarded_on": max(today - timedelta(days=7), today.replace(month=1, day=1))},
        )
    add_demo_probe_records(today - timedelta(days=3))
    indicators = services.registered_indicators()
    for back in range(TREND_DAYS - 1, -1, -1):
        services.recompute(today - timedelta(days=back), indicators)


DEMO_TIMEOUT = "演示记录：模拟的访问超时"


def add_demo_probe_records(day: date) -> None:
    if ProbeResult.objects.filter(error=DEMO_TIMEOUT).exists():
        return
    url = settings.OVERSIGHT_SITE_URL.rstrip("/") + "/"
    records = []
    for number in range(40):
        at = timezone.make_aware(datetime.combine(day, time(8))) + timedelta(minutes=5 * number)
        if number % 10 == 9:
            records.append(ProbeResult(url=url, status=None, seconds=30.0, at=at, error=DEMO_TIMEOUT))
        else:
            records.append(ProbeResult(url=url, status=200, seconds=0.2 + number % 3 / 10, at=at))
    ProbeResult.objects.bulk_create(records)
