"""The OGI annual report fills itself: Table 三 from the applications, Table 二 from the documents,
each checked; the report page goes through the unit's review and only the published one is public."""

from __future__ import annotations

import datetime
import io
import itertools
import random
from collections import Counter

import docx
import openpyxl
import pytest
from wagtail.models import Locale

from disclosure.blocks import rich_text_stream
from disclosure.models import ColumnKind, ColumnPage, DisclosureAttribute, GovernmentDocumentPage, Validity
from foi.models import CLOSED, ApplicantKind, Application, OrganisationKind, State
from foi.replies import REPLY_KINDS, ReplyType
from reports import counting, services
from reports.tables import RESULT_ROW_KEYS, SECTION_TITLES, TABLE3_COLUMN_KEYS, table3_rows
from reports.website import recount_website
from sites.models import Unit, UnitSectionPage

YEAR = 2025
_serial = itertools.count(1)


@pytest.fixture
def pingyuan(small_county):
    return Unit.objects.get(slug="pingyuan")


def application(
    unit: Unit, received: datetime.date, replied: datetime.date | None, reply_type: str, column: str
):
    serial = next(_serial)
    citizen = column == "citizen"
    closed = replied is not None
    return Application(
        unit=unit,
        tracking_code=f"T-{serial:08d}",
        year=received.year,
        sequence=serial,
        applicant_kind=ApplicantKind.CITIZEN if citizen else ApplicantKind.ORGANISATION,
        organisation_kind="" if citizen else column,
        name=f"申请人{serial}",
        id_kind="passport",
        id_number="E12345678",
        phone="13800000000",
        description="所需信息",
        delivery_method="email",
        carrier="electronic",
        received_on=received,
        clock_start=received,
        state=State.REPLIED if closed else State.IN_PROGRESS,
        reply_type=reply_type if closed else "",
        replied_on=replied,
    )


def seeded_year(unit: Unit, count: int = 240) -> list[Application]:
    """Applications from November of the year before to December: every reply type, both kinds
    of applicant and every organisation column, some still open, some answered the next year."""
    rng = random.Random(13)
    columns = ["citizen", *OrganisationKind.values]
    reply_types = list(ReplyType.values)
    made = []
    for index in range(count):
        received = datetime.date(YEAR - 1, 11, 1) + datetime.timedelta(days=rng.randrange(0, 425))
        fate = rng.random()
        if fate < 0.1:
            replied = None
        else:
            replied = received + datetime.timedelta(days=rng.randrange(1, 40))
        made.append(
            application(unit, received, replied, reply_types[index % len(reply_types)], columns[index % 6])
        )
    Application.objects.bulk_create(made)
    return made


def independent_count(applications: list[Application]) -> dict[tuple[str, str], int]:
    """Table 三 counted straight from the rules of 国办公开办函〔2021〕30号, cell by cell."""
    start, end = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
    counts: Counter = Counter()
    for item in applications:
        column = "citizen" if item.applicant_kind == ApplicantKind.CITIZEN else item.organisation_kind
        if item.received_on > end or (item.replied_on and item.replied_on < start):
            continue  # not this year's: received later, or answered before it began
        came_in = "new" if item.received_on.year == YEAR else "carried_in"
        if item.replied_on is None or item.replied_on > end:
            went = ["carried_out"]
        else:
            went = [REPLY_KINDS[item.reply_type].row, "results_total"]
        for row in [came_in, *went]:
            counts[(row, column)] += 1
            counts[(row, "total")] += 1
    return counts


@pytest.mark.django_db
def test_every_table_three_cell_equals_an_independent_count(pingyuan):
    applications = seeded_year(pingyuan)
    expected = independent_count(applications)
    # The seed covers every reply row and both kinds of applicant.
    assert {row for row, _column in expected} >= set(RESULT_ROW_KEYS)
    assert expected[("new", "citizen")] and expected[("new", OrganisationKind.LEGAL_SERVICE)]
    assert expected[("carried_in", "total")] and expected[("carried_out", "total")]

    figures, problems = counting.table3([pingyuan], YEAR, None)
    rows = figures["rows"]
    for row in ["new", "carried_in", *RESULT_ROW_KEYS, "results_total", "carried_out"]:
        for column in TABLE3_COLUMN_KEYS:
            assert rows[row][column] == expected[(row, column)], (row, column)
    assert sum(rows["new"][c] for c in TABLE3_COLUMN_KEYS[:-1]) == rows["new"]["total"]
    assert figures["check"]["ok"] and problems == []
    assert rows["new"]["total"] + rows["carried_in"]["total"] == (
        rows["results_total"]["total"] + rows["carried_out"]["total"]
    )


@pytest.mark.django_db
def test_a_closed_application_without_a_reply_type_is_reported_not_counted(pingyuan):
    seeded_year(pingyuan, count=40)
    broken = application(pingyuan, datetime.date(YEAR, 3, 2), datetime.date(YEAR, 3, 20), "", "citizen")
    broken.save()
    assert broken.state in CLOSED and broken.reply_type == ""

    figures, problems = counting.table3([pingyuan], YEAR, None)
    assert not figures["check"]["ok"]
    assert [problem.code for problem in problems] == ["no_reply"]
    assert problems[0].applications == [broken.pk] and problems[0].blocking
    cells, _problems = counting.application_cells([pingyuan], YEAR)
    counted_in_results = {pk for (row, _c), pks in cells.items() if row in RESULT_ROW_KEYS for pk in pks}
    assert broken.pk in cells[("new", "citizen")] and broken.pk not in counted_in_results


def normative(column: ColumnPage, label: str, written: datetime.date, validity=Validity.VALID, changed=None):
    page = GovernmentDocumentPage(
        title=f"规范性文件 {label}",
        slug=f"normative-{label}",
        written_date=written,
        disclosure_attribute=DisclosureAttribute.PUBLIC,
        body=rich_text_stream("<p>正文</p>"),
        is_normative=True,
        validity=validity,
        validity_changed_on=changed,
        validity_reason="已被新文件代替" if changed else "",
    )
    column.add_child(instance=page)
    page.save_revision().publish()
    return page


def statutory_column(unit: Unit) -> ColumnPage:
    section = UnitSectionPage.objects.get(unit=unit, locale=Locale.get_default())
    return ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.STATUTORY)


@pytest.mark.django_db
def test_table_two_counts_the_units_normative_documents_and_checks_the_years_against_each_other(
    pingyuan, django_user_model
):
    column = statutory_column(pingyuan)
    old = normative(column, "old", datetime.date(YEAR - 1, 5, 1))
    normative(
        column, "old-ended", datetime.date(YEAR - 2, 5, 1), Validity.REPEALED, datetime.date(YEAR - 1, 3, 1)
    )
    repealed = normative(
        column, "repealed", datetime.date(YEAR - 1, 6, 1), Validity.REPEALED, datetime.date(YEAR, 4, 1)
    )
    new = [normative(column, f"new-{n}", datetime.date(YEAR, 2 + n, 10)) for n in range(3)]
    normative(column, "next-year", datetime.date(YEAR + 1, 1, 10))

    figures, problems = counting.table2([pingyuan], YEAR, None)
    assert figures["normative"] == {"issued": 3, "repealed": 1, "valid": 4}
    assert set(figures["normative_ids"]["valid"]) == {old.pk, *(page.pk for page in new)}
    assert figures["normative_ids"]["repealed"] == [repealed.pk]
    assert figures["rules"] == {"issued": 0, "repealed": 0, "valid": 0}
    assert figures["cross_year"]["ok"] and problems == []

    # Last year's report was published saying 2 were valid; a document dated last year is entered
    # afterwards: this year's figures no longer follow from last year's, and the check names it.
    published_last_year, _problems = counting.table2([pingyuan], YEAR - 1, None)
    assert published_last_year["normative"]["valid"] == 2
    late = normative(column, "late", datetime.date(YEAR - 1, 9, 1))
    figures, problems = counting.table2([pingyuan], YEAR, {"table2": published_last_year})
    assert not figures["cross_year"]["ok"]
    assert figures["cross_year"]["previous_valid"] == 2 and figures["normative"]["valid"] == 5
    assert [problem.code for problem in problems] == ["cross_year"] and problems[0].documents == [late.pk]


@pytest.mark.django_db
def test_generated_report_is_a_draft_in_the_annual_report_column_and_public_only_once_published(
    pingyuan, client, django_user_model
):
    seeded_year(pingyuan, count=30)
    editor = django_user_model.objects.create_user("report-editor")
    editor.groups.add(pingyuan.editors_group)
    page = services.generate_report(pingyuan, YEAR, editor)
    assert page.get_parent().specific.column_kind == ColumnKind.ANNUAL_REPORT and not page.live
    assert page.figures["table3"]["check"]["ok"]
    assert "信息处理费" in page.other_matters
    with pytest.raises(services.ReportError):
        services.generate_report(pingyuan, YEAR, editor)
    assert services.report_status(pingyuan, YEAR).status == services.Status.DRAFT

    url = page.url
    assert client.get(url).status_code == 404
    assert client.get(f"{url}xlsx/").status_code == 404
    page.get_latest_revision().publish()
    shown = client.get(url).content.decode()
    assert "三、收到和处理政府信息公开申请情况" in shown
    labels = [str(row.label) for row in table3_rows()]
    positions = [shown.index(label) for label in labels]
    assert positions == sorted(positions)
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(f"{url}xlsx/").streaming_content)))
    (table3_sheet,) = [sheet for sheet in workbook.worksheets if "表三" in sheet.title]
    first_column = [str(row[0].value) for row in table3_sheet.iter_rows() if row[0].value]
    assert [label for label in first_column if label in labels] == labels
    document = docx.Document(io.BytesIO(b"".join(client.get(f"{url}docx/").streaming_content)))
    titles = [str(title) for title in SECTION_TITLES.values()]
    assert [p.text for p in document.paragraphs if p.text in titles] == titles
    assert len(document.tables) == 3
    assert [cell.text for cell in document.tables[1].columns[0].cells if cell.text in labels] == labels
    column_page = client.get(page.get_parent().url).content.decode()
    assert page.title in column_page
    assert services.report_status(pingyuan, YEAR).status == services.Status.PUBLISHED


@pytest.mark.django_db
def test_due_dates_and_reminders_start_ten_working_days_before(
    pingyuan, mailoutbox, django_capture_on_commit_callbacks
):
    county_office = Unit.objects.get(kind="county_office")
    assert services.due_date(pingyuan, YEAR) == datetime.date(YEAR + 1, 1, 31)
    assert services.due_date(county_office, YEAR) == datetime.date(YEAR + 1, 3, 31)
    first = services.working_days_before(datetime.date(YEAR + 1, 1, 31), 10)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(first - datetime.timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_reminders(first)
    assert sent >= 2  # 平原镇, 县市场监督管理局 (and the website report); not yet the county office
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(first) == 0  # once only


@pytest.mark.django_db
def test_editors_generate_their_own_units_report_and_cannot_open_anothers(
    pingyuan, client, django_user_model
):
    seeded_year(pingyuan, count=20)
    editor = django_user_model.objects.create_user("pingyuan-report-editor")
    editor.groups.add(pingyuan.editors_group)
    other = django_user_model.objects.create_user("scjg-report-editor")
    other.groups.add(Unit.objects.get(slug="scjg").editors_group)

    client.force_login(editor)
    listing = client.get(f"/admin/annual-reports/?year={YEAR}").content.decode()
    assert pingyuan.name in listing and "县市场监督管理局" not in listing
    response = client.post(f"/admin/annual-reports/generate/pingyuan/{YEAR}/")
    page = services.find_report(pingyuan, YEAR)
    assert response.status_code == 302 and page is not None
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "表三校验通过" in edit and "重新统计" in edit
    cell = client.get(f"/admin/annual-reports/{page.pk}/cells/?table=3&row=new&column=total")
    assert cell.status_code == 200
    assert client.get(f"/admin/annual-reports/{page.pk}/xlsx/").status_code == 200

    client.force_login(other)
    for url in (
        f"/admin/annual-reports/{page.pk}/cells/?table=3&row=new&column=total",
        f"/admin/annual-reports/{page.pk}/xlsx/",
        f"/admin/annual-reports/{page.pk}/recount/",
    ):
        # As for a report that does not exist (tests/test_tenancy.py has every view).
        response = client.get(url)
        assert response.status_code == 404 and page.title not in response.content.decode(), url
    assert client.post(f"/admin/annual-reports/generate/pingyuan/{YEAR}/").status_code == 404
    assert client.get(f"/admin/annual-reports/website/{YEAR}/").status_code in (302, 403)


@pytest.mark.django_db
def test_the_website_report_is_public_only_once_published(small_county, client, django_user_model):
    report = services.new_website_report(YEAR)
    report.save()
    recount_website(report)
    for url in (f"/gzbb/{YEAR}/", f"/gzbb/{YEAR}/xlsx/"):
        assert client.get(url).status_code == 404
    assert str(report) not in client.get("/gzbb/").content.decode()
    services.publish_website_report(report, None)
    shown = client.get(f"/gzbb/{YEAR}/").content.decode()
    assert "留言办理：收到留言数量（条）" in shown and "未统计" in shown
    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get(f"/gzbb/{YEAR}/xlsx/").streaming_content))
    )
    assert "互动交流" in [row[0].value for row in workbook.active.iter_rows()]
