"""The working-day calendar: statutory deadlines counted on the official holiday arrangements."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone

from sites.models import Unit
from sites.provisioning import COUNTY_ADMINS_GROUP, provision_units
from workdays.models import CalendarSource, CalendarYear, DayKind, SpecialDay
from workdays.seeding import seed_from_package
from workdays.services import (
    add_working_days,
    clear_cache,
    is_working_day,
    upcoming_years_without_data,
    working_days_between,
    years_without_data,
)

BANNER = "年节假日安排尚未录入"
DAYS_URL = "/admin/holidays/days/"
YEARS_URL = "/admin/holidays/years/"


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    # The calendar cache lives in the process while each test's writes are rolled back.
    clear_cache()
    yield
    clear_cache()


def user_in(group: Group, username: str):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(group)
    return user


@pytest.fixture
def county_admin(small_county):
    return user_in(Group.objects.get(name=COUNTY_ADMINS_GROUP), "county")


@pytest.fixture
def unit_editor(small_county):
    return user_in(Unit.objects.get(slug="pingyuan").editors_group, "pingyuan-editor")


# --- Counting ---------------------------------------------------------------------------------


def test_migration_seeded_2004_to_2026_and_nothing_later():
    assert years_without_data(range(2004, 2027)) == []
    assert years_without_data([2025, 2026, 2027, 2028]) == [2027, 2028]
    assert CalendarYear.objects.get(year=2025).source == CalendarSource.SEEDED


def test_make_up_saturday_is_a_working_day_and_counts():
    # 2024: National Day 10.1–10.7, worked on Sunday 9.29 and Saturday 10.12.
    assert date(2024, 10, 12).weekday() == 5
    assert is_working_day(date(2024, 10, 12))
    assert not is_working_day(date(2024, 10, 13))  # the Sunday after is an ordinary rest day
    assert not is_working_day(date(2024, 10, 5))

    deadline = add_working_days(date(2024, 10, 11), 1)  # received on Friday
    assert deadline.due == date(2024, 10, 12)
    assert deadline.skipped == ()
    assert "计入：2024年10月12日（星期六），国庆节调休上班。" in deadline.explanation()


def test_national_day_week_is_skipped():
    deadline = add_working_days(date(2025, 9, 30), 1)
    # 2025: National Day and Mid-autumn together, 10.1–10.8; 9.28 (Sunday) and 10.11 worked.
    assert deadline.due == date(2025, 10, 9)
    assert [item.day for item in deadline.skipped] == [date(2025, 10, d) for d in range(1, 9)]
    assert {item.reason for item in deadline.skipped} == {"国庆节", "中秋节"}
    assert not deadline.provisional and deadline.missing_years == ()


def test_start_day_does_not_count_even_when_a_working_day():
    monday = date(2025, 3, 3)
    assert add_working_days(monday, 1).due == date(2025, 3, 4)
    assert add_working_days(monday, 5).due == date(2025, 3, 10)  # skips the weekend
    assert add_working_days(monday, 0).due == monday


def test_foi_reply_over_spring_festival():
    # Application received on 2025-01-20; Spring Festival 1.28–2.4, worked on 1.26 and 2.8.
    deadline = add_working_days(date(2025, 1, 20), 20)
    assert deadline.due == date(2025, 2, 21)  # as chinese_calendar.find_workday(20, …) says
    assert working_days_between(date(2025, 1, 20), deadline.due) == 20
    reasons = {item.day: item.reason for item in deadline.skipped}
    assert reasons[date(2025, 1, 29)] == "春节"
    assert {made.day for made in deadline.make_up_days} == {date(2025, 1, 26), date(2025, 2, 8)}


def test_deadline_crossing_into_a_year_without_data_is_provisional():
    deadline = add_working_days(date(2026, 12, 20), 20)
    assert deadline.provisional
    assert deadline.missing_years == (2027,)
    # Weekends only in 2027: New Year's Day (a Friday) is counted until the arrangement is entered.
    assert deadline.due == date(2027, 1, 15)
    assert all(item.day.weekday() >= 5 for item in deadline.skipped)
    assert {item.reason for item in deadline.skipped} == {"星期六", "星期日"}
    assert "2027 年节假日安排尚未录入" in deadline.explanation()[-1]

    inside_2026 = add_working_days(date(2026, 11, 27), 15)
    assert not inside_2026.provisional and inside_2026.missing_years == ()


def test_explanation_lists_start_every_skipped_day_with_reason_and_due_day():
    deadline = add_working_days(date(2025, 9, 30), 3)
    lines = deadline.explanation()
    assert lines[0] == "起算日：2025年9月30日（星期二），当日不计入，自次日起计算 3 个工作日。"
    assert lines[-1] == "截止日：2025年10月11日（星期六），即第 3 个工作日。"
    assert "不计入：2025年10月1日（星期三），国庆节。" in lines
    assert "不计入：2025年10月6日（星期一），中秋节。" in lines
    for item in deadline.skipped:
        assert any(item.reason in line and f"{item.day.month}月{item.day.day}日" in line for line in lines)
    assert len(lines) == 2 + len(deadline.skipped) + len(deadline.make_up_days)

    weekend = add_working_days(date(2025, 3, 7), 1).explanation()
    assert "不计入：2025年3月8日，星期六。" in weekend
    assert "不计入：2025年3月9日，星期日。" in weekend


def test_working_days_between_is_the_inverse_of_add_working_days():
    start = date(2025, 9, 25)
    for n in (0, 1, 3, 15, 20):
        assert working_days_between(start, add_working_days(start, n).due) == n
    assert working_days_between(date(2025, 10, 9), date(2025, 9, 30)) == -1
    assert working_days_between(date(2025, 10, 1), date(2025, 10, 8)) == 0


def test_a_submission_time_counts_from_its_day_in_the_county():
    # 17:00 UTC on 29 September is 01:00 on 30 September in Yingjiang (UTC+8).
    submitted = datetime(2025, 9, 29, 17, 0, tzinfo=UTC)
    deadline = add_working_days(submitted, 1)
    assert deadline.start == date(2025, 9, 30)
    assert deadline.due == date(2025, 10, 9)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 1), -1)


def test_entered_arrangement_replaces_the_provisional_count():
    before = add_working_days(date(2026, 12, 20), 20)
    assert before.due == date(2027, 1, 15)

    SpecialDay.objects.create(day=date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    CalendarYear.objects.create(year=2027, source=CalendarSource.ADMIN)

    after = add_working_days(date(2026, 12, 20), 20)
    assert not after.provisional and after.missing_years == ()
    assert after.due == date(2027, 1, 18)
    assert any(item.day == date(2027, 1, 1) and item.reason == "元旦" for item in after.skipped)


def test_a_list_of_deadlines_reads_each_year_once(django_assert_max_num_queries):
    starts = [date(2025, 1, 1) + timedelta(days=offset) for offset in range(0, 340)]
    # 2025 and 2026 special days, and the list of entered years: three queries for 340 rows.
    with django_assert_max_num_queries(3):
        dues = [add_working_days(start, 20).due for start in starts]
    with django_assert_max_num_queries(0):
        assert add_working_days(starts[0], 20).due == dues[0]


# --- Seeding ----------------------------------------------------------------------------------


def test_seeding_again_changes_nothing_and_leaves_admin_years_alone():
    assert seed_from_package().days_added == 0

    CalendarYear.objects.filter(year=2025).update(source=CalendarSource.ADMIN)
    SpecialDay.objects.filter(day=date(2025, 10, 6)).update(name="中秋节（县里更正）")
    report = seed_from_package(refresh=True)
    assert 2025 in report.years_skipped
    assert SpecialDay.objects.get(day=date(2025, 10, 6)).name == "中秋节（县里更正）"

    SpecialDay.objects.filter(day=date(2024, 10, 1)).update(name="误填")
    seed_from_package(refresh=True)
    assert SpecialDay.objects.get(day=date(2024, 10, 1)).name == "国庆节"


# --- Admin ------------------------------------------------------------------------------------


def test_county_admin_enters_a_holiday_period_and_registers_the_year(county_admin, client):
    client.force_login(county_admin)
    response = client.post(
        DAYS_URL + "new/",
        {"day": "2027-10-01", "last_day": "2027-10-07", "kind": DayKind.HOLIDAY, "name": "国庆节"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SpecialDay.objects.filter(day__year=2027, name="国庆节").count() == 7

    response = client.post(
        DAYS_URL + "new/", {"day": "2027-09-26", "kind": DayKind.WORKDAY, "name": "国庆节"}
    )
    assert response.status_code == 302
    response = client.post(YEARS_URL + "new/", {"year": "2027", "source": CalendarSource.ADMIN, "note": ""})
    assert response.status_code == 302
    assert years_without_data([2027]) == []
    assert is_working_day(date(2027, 9, 26))  # a Sunday worked
    assert not is_working_day(date(2027, 10, 4))

    listing = client.get(DAYS_URL, {"year": "2027"}).content.decode()
    assert "2027" in listing and "国庆节" in listing


def test_bad_entries_are_explained_and_nothing_is_saved(county_admin, client):
    client.force_login(county_admin)
    # A make-up working day on a weekday.
    response = client.post(
        DAYS_URL + "new/", {"day": "2027-09-27", "kind": DayKind.WORKDAY, "name": "国庆节"}
    )
    assert response.status_code == 200
    assert "调休上班日应是星期六或星期日" in response.content.decode()
    # A range overlapping days already entered.
    SpecialDay.objects.create(day=date(2027, 10, 3), kind=DayKind.HOLIDAY, name="国庆节")
    response = client.post(
        DAYS_URL + "new/",
        {"day": "2027-10-01", "last_day": "2027-10-07", "kind": DayKind.HOLIDAY, "name": "国庆节"},
    )
    assert "以下日期已经录入" in response.content.decode() and "2027-10-03" in response.content.decode()
    assert SpecialDay.objects.filter(day__year=2027).count() == 1
    # Registering a year with no days entered.
    response = client.post(YEARS_URL + "new/", {"year": "2028", "source": CalendarSource.ADMIN, "note": ""})
    assert response.status_code == 200
    assert "尚未录入 2028 年的任何放假日或调休上班日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2028).exists()


def refused(response) -> bool:
    # Wagtail sends a user without the permission back to the dashboard with an error.
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def test_county_admin_corrects_a_day(county_admin, client):
    client.force_login(county_admin)
    day = SpecialDay.objects.get(day=date(2025, 10, 6))
    response = client.post(
        f"{DAYS_URL}edit/{day.pk}/",
        {"day": "2025-10-06", "kind": DayKind.HOLIDAY, "name": "中秋节（与国庆节连休）"},
    )
    assert response.status_code == 302 and response.url != "/admin/"
    day.refresh_from_db()
    assert day.name == "中秋节（与国庆节连休）"


def test_unit_editor_may_not_edit_the_calendar(unit_editor, client):
    client.force_login(unit_editor)
    day = SpecialDay.objects.get(day=date(2025, 10, 1))
    for url in (DAYS_URL, DAYS_URL + "new/", f"{DAYS_URL}edit/{day.pk}/", YEARS_URL, YEARS_URL + "new/"):
        assert refused(client.get(url)), url
    assert refused(
        client.post(DAYS_URL + "new/", {"day": "2027-10-01", "kind": DayKind.HOLIDAY, "name": "国庆节"})
    )
    assert refused(
        client.post(f"{DAYS_URL}edit/{day.pk}/", {"day": "2025-10-01", "kind": DayKind.WORKDAY, "name": "x"})
    )
    assert refused(client.post(f"{DAYS_URL}delete/{day.pk}/"))
    assert refused(
        client.post(YEARS_URL + "new/", {"year": "2027", "source": CalendarSource.ADMIN, "note": ""})
    )
    assert not SpecialDay.objects.filter(day__year=2027).exists()
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert SpecialDay.objects.get(pk=day.pk).kind == DayKind.HOLIDAY


def test_existing_county_admin_gets_calendar_rights_on_reprovisioning(small_county_records, db):
    provision_units(small_county_records)
    group = Group.objects.get(name=COUNTY_ADMINS_GROUP)
    # A county provisioned before the calendar existed.
    group.permissions.remove(*Permission.objects.filter(content_type__app_label="workdays"))
    admin = user_in(group, "county-before")
    assert not admin.has_perm("workdays.add_specialday")

    provision_units(small_county_records)
    admin = get_user_model().objects.get(pk=admin.pk)
    for codename in ("add_specialday", "change_specialday", "add_calendaryear", "change_calendaryear"):
        assert admin.has_perm(f"workdays.{codename}")


# --- Banner -----------------------------------------------------------------------------------


def test_banner_warns_on_every_admin_page_until_the_year_is_entered(county_admin, client):
    missing = upcoming_years_without_data()
    assert missing, "2026 年起，下一年的安排不在 chinesecalendar 1.11.0 中"
    client.force_login(county_admin)
    for url in ("/admin/", "/admin/pages/", DAYS_URL):
        page = client.get(url).content.decode()
        for year in missing:
            assert f"{year} {BANNER}" in page, url
        assert f'href="{YEARS_URL}"' in page  # county admins get the way to fix it

    for year in missing:
        SpecialDay.objects.create(day=date(year, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
        CalendarYear.objects.create(year=year, source=CalendarSource.ADMIN)
    for url in ("/admin/", DAYS_URL):
        assert BANNER not in client.get(url).content.decode()


def test_banner_names_2027_as_of_2026_11_27(county_admin):
    assert upcoming_years_without_data(date(2026, 11, 27)) == [2027]
    assert upcoming_years_without_data(date(2025, 11, 27)) == []


def test_unit_editor_sees_the_banner_without_the_edit_link(unit_editor, client):
    if not upcoming_years_without_data():
        pytest.skip("本年和下一年的安排均已录入")
    client.force_login(unit_editor)
    page = client.get("/admin/").content.decode()
    assert BANNER in page
    assert "请县级管理员" in page
    assert YEARS_URL not in page


# --- Templates --------------------------------------------------------------------------------


def test_deadline_include_shows_due_date_provisional_marker_and_method():
    html = render_to_string("workdays/deadline.html", {"deadline": add_working_days(date(2026, 12, 20), 20)})
    assert '<time datetime="2027-01-15">2027年1月15日</time>' in html
    assert "暂定" in html
    assert "<details" in html and "<summary>计算方法</summary>" in html
    assert "<li>不计入：2026年12月26日，星期六。</li>" in html
    assert "<script" not in html and "style=" not in html

    firm = render_to_string("workdays/deadline.html", {"deadline": add_working_days(date(2025, 9, 30), 1)})
    assert "暂定" not in firm
    assert "<li>不计入：2025年10月1日（星期三），国庆节。</li>" in firm


def test_template_tag_and_filter_compute_from_a_date_or_datetime():
    closing = timezone.make_aware(timezone.datetime(2025, 9, 30, 18, 0))
    html = Template("{% load workdays_tags %}{% deadline closing 1 %}").render(Context({"closing": closing}))
    assert "2025年10月9日" in html and "计算方法" in html
    text = Template(
        "{% load workdays_tags %}{% with d=start|add_working_days:3 %}{{ d.due|date:'Y-m-d' }}{% endwith %}"
    )
    assert text.render(Context({"start": date(2024, 10, 11)})) == "2024-10-15"
    assert Template("{% load workdays_tags %}{% deadline None 3 %}").render(Context()).strip() == ""
