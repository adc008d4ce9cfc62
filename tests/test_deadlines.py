"""The deadline registry (工作时限台账, issue 14 item 5): each dated task of the plan (seed 四(四))
with every unit's status from its evidence (contacts, catalogue, column content, annual report)
or a county administrator's record; the 附件2 contact list as XLSX; both the county's alone."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalogue.models import CatalogueItem
from oversight import deadlines
from oversight import services as oversight_services
from oversight.deadlines import Status
from oversight.models import Deadline, DeadlineCompletion
from reports import services as report_services
from reports.models import AnnualReportPage
from sites.models import Unit
from tests.conftest import unit_member
from tests.test_catalogue import column_of, make_document, make_item

DUE = datetime.date(2026, 8, 20)
BEFORE, AFTER = DUE - datetime.timedelta(days=5), DUE + datetime.timedelta(days=5)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def units(small_county):
    return {unit.slug: unit for unit in Unit.objects.all()}


def statuses(kind: str, today: datetime.date, due_on: datetime.date = DUE) -> dict[str, Status]:
    deadline = Deadline.objects.create(title=f"测试 {kind} {today}", due_on=due_on, evidence_kind=kind)
    return {row.unit.slug: row.status for row in deadlines.unit_statuses(deadline, today)}


def created_on(item: CatalogueItem, day: datetime.date) -> None:
    """The item's creation in the admin's history, on `day`."""
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(CatalogueItem),
        object_id=str(item.pk),
        label=item.name,
        action="wagtail.create",
        timestamp=datetime.datetime.combine(day, datetime.time(10), tzinfo=SHANGHAI),
    )


@pytest.mark.django_db
def test_contacts_registered_when_both_leader_and_contact_are_filled_in(units):
    Unit.objects.filter(slug="pingyuan").update(
        responsible_leader="张三 副镇长", contact_person="李四 8110001"
    )
    Unit.objects.filter(slug="scjg").update(responsible_leader="王五 副局长", contact_person="")
    assert statuses("oversight.contacts_registered", BEFORE)["pingyuan"] == Status.DONE
    found = statuses("oversight.contacts_registered", AFTER)
    assert found["pingyuan"] == Status.DONE
    assert found["scjg"] == Status.OVERDUE
    assert statuses("oversight.contacts_registered", BEFORE)["scjg"] == Status.PENDING


@pytest.mark.django_db
def test_catalogue_filed_on_the_day_of_its_first_item(units):
    on_time, late = make_item("pingyuan"), make_item("scjg")
    created_on(on_time, DUE)
    created_on(late, DUE + datetime.timedelta(days=2))
    found = statuses("catalogue.filed", AFTER)
    assert (found["pingyuan"], found["scjg"], found["xzfb"]) == (
        Status.DONE,
        Status.DONE_LATE,
        Status.OVERDUE,
    )
    # Before the due date the late item was not there yet: still to do, not overdue.
    assert statuses("catalogue.filed", DUE + datetime.timedelta(days=1))["scjg"] == Status.OVERDUE
    assert statuses("catalogue.filed", BEFORE, due_on=AFTER)["scjg"] == Status.PENDING

    deadline = Deadline.objects.create(title="目录", due_on=DUE, evidence_kind="catalogue.filed")
    row = next(row for row in deadlines.unit_statuses(deadline, AFTER) if row.unit.slug == "pingyuan")
    assert row.done_on == DUE and row.evidence.detail == "共 1 个事项"
    assert row.evidence.url == f"/admin/catalogue/?unit={units['pingyuan'].pk}"


@pytest.mark.django_db
def test_columns_filled_when_no_item_is_without_published_content(units):
    column = column_of("pingyuan")
    make_item("pingyuan", column=column)
    make_item("scjg")  # no column: never filled
    assert (
        statuses("catalogue.columns_filled", BEFORE, due_on=timezone.localdate())["pingyuan"]
        == Status.PENDING
    )
    make_document(column, "公开的文件")  # published today
    today = timezone.localdate()
    found = statuses("catalogue.columns_filled", today, due_on=today)
    assert (found["pingyuan"], found["scjg"]) == (Status.DONE, Status.PENDING)
    # Due yesterday: the document came a day late.
    late = statuses("catalogue.columns_filled", today, due_on=today - datetime.timedelta(days=1))
    assert (late["pingyuan"], late["scjg"]) == (Status.DONE_LATE, Status.OVERDUE)


@pytest.mark.django_db
def test_annual_report_done_on_the_day_it_was_first_published(units):
    editor = unit_member("editor", "pingyuan")
    page = report_services.generate_report(units["pingyuan"], 2025, editor)
    due = datetime.date(2026, 1, 31)
    draft = statuses("reports.annual_report_published", datetime.date(2026, 2, 1), due_on=due)
    assert draft["pingyuan"] == Status.OVERDUE and draft["scjg"] == Status.OVERDUE
    page.get_latest_revision().publish()
    AnnualReportPage.objects.filter(pk=page.pk).update(
        first_published_at=datetime.datetime(2026, 1, 20, 9, tzinfo=SHANGHAI)
    )
    found = statuses("reports.annual_report_published", datetime.date(2026, 2, 1), due_on=due)
    assert found["pingyuan"] == Status.DONE and found["scjg"] == Status.OVERDUE
    AnnualReportPage.objects.filter(pk=page.pk).update(
        first_published_at=datetime.datetime(2026, 3, 10, 9, tzinfo=SHANGHAI)
    )
    assert statuses("reports.annual_report_published", datetime.date(2026, 4, 1), due_on=due)["pingyuan"] == (
        Status.DONE_LATE
    )
    assert statuses("reports.annual_report_published", datetime.date(2026, 1, 10), due_on=due)[
        "pingyuan"
    ] == (Status.PENDING)


@pytest.mark.django_db
def test_a_manual_record_decides_whatever_the_kind(units):
    deadline = Deadline.objects.create(title="落实情况报告", due_on=DUE, evidence_kind="oversight.manual")
    admin = unit_member("county_admin")
    deadlines.record_completion(
        deadline, units["pingyuan"], deadlines.CompletionInput(DUE, "平政发〔2026〕1号"), admin
    )
    deadlines.record_completion(deadline, units["scjg"], deadlines.CompletionInput(AFTER, ""), admin)
    found = {row.unit.slug: row.status for row in deadlines.unit_statuses(deadline, AFTER)}
    assert found == {"pingyuan": Status.DONE, "scjg": Status.DONE_LATE, "xzfb": Status.OVERDUE}
    # It also stands over the records: no contacts filled in, yet received by mail on time.
    contacts = Deadline.objects.create(
        title="联系人", due_on=DUE, evidence_kind="oversight.contacts_registered"
    )
    deadlines.record_completion(contacts, units["xzfb"], deadlines.CompletionInput(BEFORE, "邮件"), admin)
    rows = {row.unit.slug: row for row in deadlines.unit_statuses(contacts, AFTER)}
    assert rows["xzfb"].status == Status.DONE and rows["xzfb"].done_on == BEFORE


@pytest.mark.django_db
def test_statuses_take_a_fixed_number_of_queries(units):
    for slug in ("pingyuan", "scjg"):
        make_item(slug, column=column_of(slug))
    for kind in deadlines.evidence_kinds():
        deadline = Deadline.objects.create(title=kind.key, due_on=DUE, evidence_kind=kind.key)
        deadlines.unit_statuses(deadline, AFTER)  # fills the per-process caches (content types)
        with CaptureQueriesContext(connection) as one_unit:
            deadlines.unit_statuses(deadline, AFTER, Unit.objects.filter(slug="pingyuan"))
        with CaptureQueriesContext(connection) as every_unit:
            deadlines.unit_statuses(deadline, AFTER)
        assert len(every_unit) == len(one_unit), kind.key


@pytest.fixture
def county_client(client, units):
    client.force_login(unit_member("county_admin"))
    return client


@pytest.mark.django_db
def test_the_registry_lists_each_deadline_with_counts_and_each_units_evidence(units, county_client):
    Unit.objects.update(responsible_leader="", contact_person="")
    Unit.objects.filter(slug="pingyuan").update(
        responsible_leader="张三 副镇长", contact_person="李四 8110001"
    )
    deadline = Deadline.objects.create(
        title="报送分管领导和具体负责人信息", due_on=DUE, evidence_kind="oversight.contacts_registered"
    )
    html = county_client.get("/admin/oversight/deadlines/").content.decode()
    assert "报送分管领导和具体负责人信息" in html and f"/admin/oversight/deadlines/{deadline.pk}/" in html
    assert "已逾期未完成" in html
    assert "/admin/oversight/deadlines/" in county_client.get("/admin/oversight/").content.decode()

    page = county_client.get(f"/admin/oversight/deadlines/{deadline.pk}/").content.decode()
    assert "分管领导：张三 副镇长；具体负责人：李四 8110001" in page
    assert f'href="/admin/units/edit/{units["pingyuan"].pk}/"' in page
    assert "未填写：分管领导、具体负责人" in page
    assert "已完成：1；逾期完成：0；未完成：0；已逾期未完成：2" in page


@pytest.mark.django_db
def test_the_county_records_and_undoes_a_completion_and_bad_input_loses_nothing(units, county_client):
    deadline = Deadline.objects.create(title="落实情况报告", due_on=DUE, evidence_kind="oversight.manual")
    url = f"/admin/oversight/deadlines/{deadline.pk}/"
    scjg = units["scjg"]

    bad = county_client.post(
        url, {"unit": scjg.pk, "completed_on": "2026-13-40", "reference": "县市监发〔2026〕8号"}
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "请填写有效的日期，如 2026-12-01。" in html and 'value="县市监发〔2026〕8号"' in html
    assert not DeadlineCompletion.objects.exists()
    future = timezone.localdate() + datetime.timedelta(days=3)
    assert (
        "完成日期不能晚于今天。"
        in county_client.post(url, {"unit": scjg.pk, "completed_on": future}).content.decode()
    )

    response = county_client.post(
        url, {"unit": scjg.pk, "completed_on": "2026-08-18", "reference": "县市监发〔2026〕8号"}
    )
    assert response.status_code == 302
    completion = DeadlineCompletion.objects.get(deadline=deadline, unit=scjg)
    assert (completion.completed_on, completion.reference) == (
        datetime.date(2026, 8, 18),
        "县市监发〔2026〕8号",
    )
    page = county_client.get(url).content.decode()
    assert "已登记：2026-08-18，县市监发〔2026〕8号" in page and "已完成：1" in page

    assert county_client.post(url, {"unit": scjg.pk, "action": "undo"}).status_code == 302
    assert not DeadlineCompletion.objects.exists()


@pytest.mark.django_db
def test_the_contact_list_xlsx_has_the_header_of_annex_2_and_one_row_per_active_unit(units, county_client):
    Unit.objects.filter(slug="pingyuan").update(
        responsible_leader="张三 副镇长",
        contact_person="李四 13800000000",
        phone="0692-8110001",
        email="py@example.org",
    )
    Unit.objects.filter(slug="scjg").update(is_active=False)
    response = county_client.get("/admin/oversight/contacts.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "基层政务公开标准化规范化工作联系人员名单"
    assert list(rows[1]) == [
        "序号",
        "单位",
        "分管领导（姓名、职务）",
        "具体负责人（姓名、联系方式）",
        "单位联系电话",
        "电子邮箱",
    ]
    active = list(Unit.objects.active().order_by("sort_order", "pk"))
    assert [row[1] for row in rows[2:]] == [unit.name for unit in active]
    assert [row[0] for row in rows[2:]] == list(range(1, len(active) + 1))
    pingyuan = next(row for row in rows[2:] if row[1] == "平原镇")
    assert pingyuan[2:] == ("张三 副镇长", "李四 13800000000", "0692-8110001", "py@example.org")


@pytest.mark.django_db
def test_a_units_staff_get_404_and_see_only_their_open_deadlines_on_the_dashboard(units, client):
    today = timezone.localdate()
    Unit.objects.update(responsible_leader="", contact_person="")
    Unit.objects.filter(slug="scjg").update(responsible_leader="王五", contact_person="赵六")
    contacts = Deadline.objects.create(
        title="报送联系人信息",
        due_on=today - datetime.timedelta(days=3),
        evidence_kind="oversight.contacts_registered",
    )
    Deadline.objects.create(
        title="报送落实情况报告", due_on=today + datetime.timedelta(days=10), evidence_kind="oversight.manual"
    )
    client.force_login(unit_member("editor", "pingyuan"))
    for url in (
        "/admin/oversight/deadlines/",
        f"/admin/oversight/deadlines/{contacts.pk}/",
        "/admin/oversight/contacts.xlsx",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/admin/oversight/deadlines/{contacts.pk}/", {"unit": units["pingyuan"].pk}).status_code
        == 404
    )
    assert client.get("/admin/oversight-settings/deadlines/").status_code in (302, 403)
    assert not DeadlineCompletion.objects.exists()

    # The panel reads the nightly check, as it does for every other indicator.
    assert "报送联系人信息" not in client.get("/admin/").content.decode()
    oversight_services.recompute(today)
    html = client.get("/admin/").content.decode()
    assert "今日待办" in html
    overdue, pending = html.index("工作任务逾期未完成"), html.index("工作任务待完成")
    assert html.index("报送联系人信息") > overdue and html.index("报送落实情况报告") > pending
    assert "县市场监督管理局" not in html

    # The other unit has registered its contacts: that one is not on its list.
    client.force_login(unit_member("editor", "scjg"))
    html = client.get("/admin/").content.decode()
    assert "报送联系人信息" not in html and "报送落实情况报告" in html and "县市场监督管理局" in html


@pytest.mark.django_db
def test_the_county_edits_deadlines_in_the_settings(units, county_client):
    response = county_client.post(
        "/admin/oversight-settings/deadlines/new/",
        {
            "title": "编制政务公开标准指引及目录",
            "due_on": "2026-08-20",
            "evidence_kind": "catalogue.filed",
            "description": "",
            "sort_order": "2",
        },
    )
    assert response.status_code == 302
    assert Deadline.objects.get().evidence_kind == "catalogue.filed"
    listing = county_client.get("/admin/oversight-settings/deadlines/").content.decode()
    assert "编制公开事项标准目录" in listing
