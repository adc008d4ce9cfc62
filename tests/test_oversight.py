"""The county's daily oversight (issue 14): every unit scored from the deduction table (each item
capped at its maximum), the single-veto items flagged, the county dashboard for the county alone,
each unit's 今日待办 for its own staff only, the ranking as XLSX, the weekly digest, the probe."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail import hooks

from oversight import probe, services
from oversight.indicators import slow_page_loads
from oversight.models import BonusAward, BonusItem, Deduction, IndicatorSnapshot, ProbeResult, UnitScore
from sites.hooks import OVERSIGHT_INDICATORS
from sites.indicators import Finding, Indicator
from sites.models import COUNTY_ADMINS_GROUP, Unit

DAY = date(2026, 6, 1)


@pytest.fixture
def units(small_county):
    return {unit.slug: unit for unit in Unit.objects.all()}


def indicator(key: str, found: dict[Unit, int], label: str = "") -> Indicator:
    """An indicator finding `found[unit]` items in each unit, on any day."""

    def find(today: date):
        for unit, count in found.items():
            for number in range(count):
                yield Finding(
                    unit_id=unit.pk,
                    key=f"item:{number}",
                    title=f"{unit.name} {key} {number}",
                    url=f"/admin/pages/{number}/",
                    since=today - timedelta(days=30),
                    detail="最近更新 2026-01-01",
                )

    return Indicator(key=key, label=label or key, find=find)


def score_of(unit: Unit | None, day: date = DAY) -> UnitScore:
    return UnitScore.objects.get(day=day, unit=unit)


@pytest.mark.django_db
def test_score_is_100_less_each_items_deductions_capped_plus_the_bonus(units):
    pingyuan, scjg = units["pingyuan"], units["scjg"]
    # Seeded: stale columns −5 each, at most −20; 政策解读 unlinked −2 each, at most −10.
    stale = Deduction.objects.get(indicator_key="disclosure.stale_columns")
    assert (stale.points_per_item, stale.maximum_points) == (Decimal(5), Decimal(20))
    checks = [
        indicator("disclosure.stale_columns", {pingyuan: 7, scjg: 1}),
        indicator("interpretation.unlinked", {pingyuan: 2}),
    ]
    item = BonusItem.objects.create(label="测试加分", points=6)
    BonusAward.objects.create(item=item, unit=scjg, awarded_on=DAY, reason="工作创新")
    BonusAward.objects.create(item=item, unit=scjg, awarded_on=DAY + timedelta(days=1), reason="还没到")

    services.recompute(DAY, checks)

    ping = score_of(pingyuan)
    assert ping.score == Decimal(100 - 20 - 4)  # 7 × 5 = 35, capped at 20; 2 × 2 = 4
    assert {line["key"]: line["points"] for line in ping.deductions} == {
        "disclosure.stale_columns": "20.0",
        "interpretation.unlinked": "4.0",
    }
    assert score_of(scjg).score == Decimal(100 - 5 + 6)  # the award of tomorrow does not count yet
    assert score_of(units["xzfb"]).score == Decimal(100)

    # The county edits the table: the next recomputation uses it.
    Deduction.objects.filter(pk=stale.pk).update(maximum_points=40)
    services.recompute(DAY, checks)
    assert score_of(pingyuan).score == Decimal(100 - 35 - 4)

    ranked = services.ranking(DAY)
    assert [(row.rank, row.unit.slug) for row in ranked] == [(1, "scjg"), (2, "xzfb"), (3, "pingyuan")]
    # Equal scores share a rank.
    BonusAward.objects.filter(unit=scjg).delete()
    BonusAward.objects.create(
        item=BonusItem.objects.create(label="五分", points=5), unit=scjg, awarded_on=DAY, reason="-"
    )
    services.recompute(DAY, checks)
    assert [row.rank for row in services.ranking(DAY)] == [1, 1, 3]


@pytest.mark.django_db
def test_bonus_is_at_most_30_and_deductions_never_below_zero(units):
    pingyuan = units["pingyuan"]
    for number in range(4):
        item = BonusItem.objects.create(label=f"加分{number}", points=10)
        BonusAward.objects.create(item=item, unit=pingyuan, awarded_on=DAY, reason="测试")
    services.recompute(DAY, [])
    assert score_of(pingyuan).score == Decimal(130) and score_of(pingyuan).bonus == Decimal(30)


@pytest.mark.django_db
def test_recomputing_a_day_replaces_it(units, django_assert_max_num_queries):
    pingyuan = units["pingyuan"]
    checks = [
        indicator("foi.overdue_applications", {pingyuan: 3}),
        indicator("review.overdue_publications", {pingyuan: 1}),
    ]
    services.recompute(DAY - timedelta(days=1), checks)
    with django_assert_max_num_queries(12):
        first = services.recompute(DAY, checks)
    again = services.recompute(DAY, checks)
    assert first == again
    assert IndicatorSnapshot.objects.filter(day=DAY).count() == first.snapshots == 2 * (len(units) + 1)
    assert UnitScore.objects.filter(day=DAY).count() == len(units) + 1  # every unit and the portal

    # The items were dealt with: the day recomputed holds the new findings only.
    services.recompute(DAY, [indicator("foi.overdue_applications", {pingyuan: 1})])
    snapshot = IndicatorSnapshot.objects.get(day=DAY, unit=pingyuan)
    assert (
        snapshot.count == 1 and snapshot.findings[0]["title"] == f"{pingyuan.name} foi.overdue_applications 0"
    )
    assert score_of(pingyuan).score == Decimal(98)
    assert IndicatorSnapshot.objects.filter(day=DAY - timedelta(days=1), unit=pingyuan).count() == 2


@pytest.mark.django_db
def test_indicators_are_read_through_the_hook(units):
    pingyuan = units["pingyuan"]
    check = indicator("test.hooked", {pingyuan: 2})
    with hooks.register_temporarily(OVERSIGHT_INDICATORS, lambda: [check]):
        services.recompute(DAY)
    assert IndicatorSnapshot.objects.get(day=DAY, unit=pingyuan, indicator_key="test.hooked").count == 2
    # oversight answers the hook too, with the portal-level checks.
    assert IndicatorSnapshot.objects.filter(
        day=DAY, unit=None, indicator_key="portal.home_not_updated"
    ).exists()


def flag_keys(score: UnitScore) -> set[str]:
    return {flag["key"] for flag in score.red_flags}


@pytest.mark.django_db
def test_single_veto_items_flag_the_unit_and_the_portal(units):
    pingyuan, scjg = units["pingyuan"], units["scjg"]
    checks = [
        indicator("disclosure.stale_columns", {pingyuan: 5, scjg: 2}),
        indicator("disclosure.empty_columns", {pingyuan: 3, scjg: 2}),
        indicator("participation.messages_unanswered_three_months", {scjg: 1}),
    ]
    services.recompute(DAY, checks)
    assert flag_keys(score_of(pingyuan)) == {"disclosure.stale_columns"}
    assert flag_keys(score_of(scjg)) == {"participation.messages_unanswered_three_months"}
    assert flag_keys(score_of(units["xzfb"])) == set()
    # The portal is the whole site: 5 empty columns across two sections fail it.
    portal = flag_keys(score_of(None))
    assert portal == {
        "disclosure.stale_columns",
        "disclosure.empty_columns",
        "participation.messages_unanswered_three_months",
    }

    # A second indicator answering the same key is not counted twice.
    services.recompute(DAY, checks[:1] + [indicator("disclosure.stale_columns", {scjg: 3})])
    assert (
        flag_keys(score_of(pingyuan)) == {"disclosure.stale_columns"} and flag_keys(score_of(scjg)) == set()
    )
    services.recompute(DAY, [indicator("disclosure.stale_columns", {pingyuan: 4})])
    assert flag_keys(score_of(pingyuan)) == set() and flag_keys(score_of(None)) == set()


@pytest.mark.django_db
def test_portal_checks_home_page_channel_and_slow_loads(units):
    from oversight.indicators import home_not_updated, no_consultation_channel

    # The provisioned pages were published today (the test run); two weeks later they are stale.
    today = date.today()
    assert list(home_not_updated(today)) == []
    assert len(list(home_not_updated(today + timedelta(days=15)))) == 1
    assert isinstance(list(no_consultation_channel(today)), list)

    at = timezone.make_aware(datetime.combine(DAY, time(10)))
    loads = [ProbeResult(url="http://x/", status=200, seconds=0.3, at=at) for _ in range(95)]
    loads += [ProbeResult(url="http://x/", status=200, seconds=16, at=at) for _ in range(4)]
    loads += [ProbeResult(url="http://x/", status=None, seconds=30, at=at, error="timed out")]
    ProbeResult.objects.bulk_create(loads)
    assert list(slow_page_loads(DAY)) == []  # 5 of 100: not more than 5 %
    ProbeResult.objects.create(url="http://x/", status=None, seconds=2, at=at, error="refused")
    assert len(list(slow_page_loads(DAY))) == 1  # 6 of 101
    assert list(slow_page_loads(DAY + timedelta(days=8))) == []  # a week later the window has moved


@pytest.fixture
def staff(units, django_user_model):
    def make(name: str, unit: Unit | None, role: str = "editor"):
        user = django_user_model.objects.create_user(name, f"{name}@example.org")
        if unit is None:
            user.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
        else:
            user.groups.add(unit.editors_group if role == "editor" else unit.reviewers_group)
        return user

    return make


@pytest.fixture
def recomputed(units):
    pingyuan, scjg = units["pingyuan"], units["scjg"]
    checks = [
        indicator("disclosure.stale_columns", {pingyuan: 5, scjg: 1}, label="栏目超期未更新"),
        indicator("foi.overdue_applications", {scjg: 2}, label="依申请公开逾期答复"),
    ]
    for back in range(3, 0, -1):
        services.recompute(DAY - timedelta(days=back), checks[1:])
    services.recompute(DAY, checks)
    return checks


@pytest.mark.django_db
def test_the_county_dashboard_is_the_county_administrators_alone(units, staff, recomputed, client):
    client.force_login(staff("pingyuan-editor", units["pingyuan"]))
    for url in (
        "/admin/oversight/",
        "/admin/oversight/ranking.xlsx",
        "/admin/oversight/probes/",
        "/admin/oversight/trend/portal.svg",
        "/admin/oversight/trend/scjg.svg",
        f"/admin/oversight/findings/scjg/foi.overdue_applications/?day={DAY}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/admin/oversight/recheck/").status_code == 404
    # Its own unit's findings and trend it may see.
    own = client.get(f"/admin/oversight/findings/pingyuan/disclosure.stale_columns/?day={DAY}")
    assert own.status_code == 200 and "平原镇 disclosure.stale_columns 4" in own.content.decode()

    client.force_login(staff("county", None))
    page = client.get(f"/admin/oversight/?day={DAY}")
    assert page.status_code == 200
    html = page.content.decode()
    assert all(unit.name in html for unit in units.values())
    assert "门户网站单项否决项" in html and "✖ 单项否决" in html and "超期未更新栏目 5 个及以上" in html
    assert "/admin/oversight/findings/scjg/foi.overdue_applications/" in html
    assert client.get(f"/admin/oversight/?day={DAY}&order=foi.overdue_applications").status_code == 200
    svg = client.get(f"/admin/oversight/trend/scjg.svg?day={DAY}")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content and b"<script" not in svg.content
    findings = client.get(
        f"/admin/oversight/findings/scjg/foi.overdue_applications/?day={DAY}"
    ).content.decode()
    assert "县市场监督管理局 foi.overdue_applications 1" in findings and 'href="/admin/pages/1/"' in findings
    assert client.get("/admin/oversight-settings/deductions/").status_code == 200


@pytest.mark.django_db
def test_the_deduction_table_is_editable_by_county_administrators_only(units, staff, client):
    stale = Deduction.objects.get(indicator_key="disclosure.stale_columns")
    url = f"/admin/oversight-settings/deductions/edit/{stale.pk}/"
    client.force_login(staff("pingyuan-editor", units["pingyuan"]))
    assert client.get(url).status_code in (302, 403)
    client.force_login(staff("county", None))
    data = {
        "indicator_key": stale.indicator_key,
        "label": stale.label,
        "basis": stale.basis,
        "points_per_item": "3",
        "maximum_points": "12",
        "active": "on",
        "sort_order": "1",
    }
    assert client.post(url, data).status_code == 302
    stale.refresh_from_db()
    assert stale.maximum_points == Decimal(12)


@pytest.mark.django_db
def test_each_units_dashboard_panel_shows_its_own_findings_only(units, staff, recomputed, client, settings):
    client.force_login(staff("scjg-reviewer", units["scjg"], role="reviewer"))
    html = client.get("/admin/").content.decode()
    assert "今日待办" in html and "县市场监督管理局 foi.overdue_applications 1" in html
    assert 'href="/admin/pages/1/"' in html
    assert "平原镇" not in html

    client.force_login(staff("xzfb-editor", units["xzfb"]))
    assert "今日待办" not in client.get("/admin/").content.decode()  # nothing to do


@pytest.mark.django_db
def test_the_ranking_xlsx_lists_the_units_best_first(units, staff, recomputed, client):
    client.force_login(staff("county", None))
    response = client.get(f"/admin/oversight/ranking.xlsx?day={DAY}")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(min_row=3, values_only=True))
    assert [(row[0], row[1], row[2]) for row in rows] == [
        (1, "盈江县人民政府办公室", 100),
        (2, "县市场监督管理局", 100 - 5 - 4),
        (3, "平原镇", 80),
    ]
    assert rows[2][5] == "超期未更新栏目 5 个及以上"


@pytest.mark.django_db
def test_the_weekly_digest_goes_once_to_units_with_something_to_do(
    units, staff, recomputed, mailoutbox, django_capture_on_commit_callbacks
):
    staff("pingyuan-editor", units["pingyuan"])
    staff("pingyuan-reviewer", units["pingyuan"], role="reviewer")
    staff("xzfb-editor", units["xzfb"])
    staff("scjg-editor", units["scjg"])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(DAY, "https://gov.example") == 2
    by_unit = {message.subject.split(" ")[0]: message for message in mailoutbox}
    assert set(by_unit) == {"平原镇", "县市场监督管理局"}  # not the county office: nothing to do
    pingyuan = by_unit["平原镇"]
    assert pingyuan.to == ["pingyuan-editor@example.org", "pingyuan-reviewer@example.org"]
    assert "栏目超期未更新：5" in pingyuan.body and "https://gov.example/admin/pages/0/" in pingyuan.body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(DAY + timedelta(days=2), "https://gov.example") == 0  # the same week
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_no_digest_when_nothing_needs_action(units, staff, mailoutbox, django_capture_on_commit_callbacks):
    staff("pingyuan-editor", units["pingyuan"])
    services.recompute(DAY, [indicator("foi.overdue_applications", {})])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(DAY) == 0
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_probe_records_each_load_and_a_failed_one(live_server, small_county):
    # The live server's thread sees committed rows only: a transactional test, whose flush the
    # serialized rollback undoes for the tests after it (Wagtail's root page, locale, collection).
    loads = probe.probe(live_server.url, timeout=30, size=2)
    assert loads[0].url == live_server.url + "/"
    assert len(loads) == 3 and all(load.status == 200 and load.seconds > 0 for load in loads)

    # Too slow: the load is cut off at the timeout and recorded as failed, with its time.
    slow = probe.probe(live_server.url, timeout=0.000001, size=0)
    assert slow[0].status is None and slow[0].error and slow[0].seconds > 0
    # Nothing listening at the address.
    refused = probe.probe("http://127.0.0.1:9/", timeout=5, size=0)
    assert refused[0].status is None and refused[0].error
    assert ProbeResult.objects.filter(status__isnull=True).count() == 2


def test_beat_schedules_the_nightly_check_the_digest_and_the_probe(settings):
    from cms.celery import app

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"oversight.recompute", "oversight.send_digests", "oversight.probe"} <= scheduled
    assert {"oversight.recompute", "oversight.send_digests", "oversight.probe"} <= set(app.tasks)


@pytest.mark.django_db
def test_every_registered_indicator_has_a_row_in_the_seeded_deduction_table():
    """An indicator whose key the table does not know is shown but never scored: each domain's
    checks must count towards the units' scores from the first install."""
    from sites.hooks import answers

    registered = {indicator.key for answer in answers(OVERSIGHT_INDICATORS) for indicator in answer()}
    assert len(registered) >= 17
    seeded = set(Deduction.objects.values_list("indicator_key", flat=True))
    assert registered - seeded == set()


@pytest.mark.django_db
def test_the_demo_shows_different_scores_a_single_veto_flag_and_a_trend(demo):
    today = services.latest_day(timezone.localdate())
    assert today == timezone.localdate()
    ranking = services.ranking(today)
    assert len({row.score.score for row in ranking}) > 1, [
        (row.unit.slug, row.score.score) for row in ranking
    ]
    portal = score_of(None, today)
    assert "portal.slow_page_loads" in flag_keys(portal)
    pingyuan = Unit.objects.get(slug="pingyuan")
    trend = list(UnitScore.objects.filter(unit=pingyuan).order_by("day").values_list("day", "score"))
    assert len(trend) == 14 and trend[-1][0] == today
    # The bonus awarded a week ago lifts 平原镇's line from that day.
    assert trend[-1][1] > trend[0][1]
