"""Demo oversight: the county's daily checks recomputed for the last 14 days, so that the county
dashboard has a trend to draw; one bonus item awarded to 平原镇 a week ago (its trend steps up that
day); and a sample of the availability probe's records three days ago, one in ten of them timed
out, marked as demo records, so that the portal shows the slow-loads single-veto item; and the
plan's dated tasks (实施方案 四(四)) in the deadline registry, in the demo's year."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from oversight import services
from oversight.models import BonusAward, BonusItem, Deadline, ProbeResult
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
    add_demo_deadlines(today.year)
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


# The plan's tasks (seed 四(四) 1–4, dated 2020) in the demo's year, and the yearly OGI report
# (条例 Art. 49: 每年1月31日前公布上一年度的年度报告). (title, month, day, evidence kind, description)
DEMO_DEADLINES = (
    (
        "{year}年度政府信息公开工作年度报告",
        1,
        31,
        "reports.annual_report_published",
        "《政府信息公开条例》第四十九条：每年1月31日前公布本单位上一年度政府信息公开工作年度报告。",
    ),
    (
        "报送分管领导和具体负责人信息",
        8,
        6,
        "oversight.contacts_registered",
        "将本单位政务公开标准化规范化工作分管领导和具体负责人信息通过邮箱报县政府办政府信息与政务公开办公室（附件2）。",
    ),
    (
        "编制政务公开标准指引及目录",
        8,
        20,
        "catalogue.filed",
        "编制完成政务公开标准指引及目录，加盖单位公章，主要领导签字以纸质形式报送县政府办公室，同时提供相关领域政务公开事项的栏目名称。",
    ),
    (
        "完成信息公开专栏栏目内容更新",
        11,
        20,
        "catalogue.columns_filled",
        "完成本单位信息公开专栏相关领域政务公开事项栏目的内容更新。",
    ),
    (
        "报送政务公开工作落实情况报告",
        12,
        1,
        "oversight.manual",
        "撰写本单位相关领域政务公开工作落实情况报告，以正式文件形式通过电子公文办公平台报送县政府办公室。",
    ),
)


def add_demo_deadlines(year: int) -> None:
    """The registry's tasks, each added once (by title and year); the county edits them."""
    for order, (title, month, day, kind, description) in enumerate(DEMO_DEADLINES, start=1):
        Deadline.objects.get_or_create(
            title=title.format(year=year - 1),
            due_on__year=year,
            defaults={
                "due_on": date(year, month, day),
                "evidence_kind": kind,
                "description": description,
                "sort_order": order,
            },
        )
