"""The annual reports as files: the OGI report's XLSX (Tables 二, 三 and 四 in the official layout)
and DOCX (sections 一 to 六), and the website report's XLSX."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from urllib.parse import unquote

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from wagtail.models import Locale

from disclosure.models import ColumnKind, ColumnPage
from foi import services
from foi.models import Appeal, AppealKind, AppealOutcome
from foi.replies import ReplyType
from reports.counting import count_report
from reports.exports import (
    annual_report_docx_response,
    annual_report_xlsx_response,
    rich_text_paragraphs,
    website_report_xlsx_response,
)
from reports.models import AnnualReportPage, WebsiteReport
from reports.tables import (
    RESULT_ITEM_LABELS,
    SECTION_TITLES,
    TABLE2_DECISION_BLOCKS,
    TABLE2_DOCUMENT_ITEM,
    TABLE2_DOCUMENT_MEASURES,
    TABLE2_DOCUMENT_ROWS,
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    table3_rows,
)
from reports.website import count_website, website_rows
from sites.models import Unit, UnitSectionPage
from sites.spreadsheets import XLSX_CONTENT_TYPE
from workdays.services import clear_cache

from .test_foi_services import MONDAY, make_user, submit

TITLE = "平原镇2026年政府信息公开工作年度报告"
REPLIED_ON = date(2026, 11, 20)
CREDIT_CODE = "91533122MA6N00001U"

OVERVIEW = (
    '<h3 data-block-key="a1">（一）主动公开情况</h3>'
    '<p data-block-key="a2">本年度主动公开政府信息<b>120</b>条，详见<a linktype="page" id="3">信息公开专栏</a>。</p>'
    '<ul><li data-block-key="a3">完善公开目录</li><li data-block-key="a4">规范依申请公开</li></ul>'
    '<ol><li data-block-key="a5">第一项</li><li data-block-key="a6">第二项</li></ol>'
)

TABLE3_LABELS = [str(row.label) for row in table3_rows()]
NOT_HELD = str(RESULT_ITEM_LABELS["（四）1"])
PETITION = str(RESULT_ITEM_LABELS["（五）1"])


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def pingyuan(small_county) -> Unit:
    return Unit.objects.get(slug="pingyuan")


@pytest.fixture
def report(pingyuan) -> AnnualReportPage:
    """平原镇's 2026 report over four applications and a 行政复议:

    citizen, 不掌握 (（四）1) · citizen, 信访 (（五）1) · commercial firm, 不掌握 (（四）1) ·
    citizen, still in progress on 31 December (四、结转下年度) · 行政复议 upheld.
    """
    editor = make_user("py-editor", pingyuan.editors_group)
    not_held = submit(pingyuan)
    services.accept(not_held, user=editor, on=MONDAY)
    services.draft_reply(not_held, user=editor, reply_type=ReplyType.NOT_HELD, on=REPLIED_ON)
    petition = submit(pingyuan)
    services.draft_reply(petition, user=editor, reply_type=ReplyType.PETITION, on=MONDAY)
    firm = submit(
        pingyuan,
        applicant_kind="organisation",
        organisation_kind="commercial",
        name="盈江县某某商贸有限公司",
        legal_representative="赵六",
        contact_person="钱七",
        id_kind="credit_code",
        id_number=CREDIT_CODE,
    )
    services.accept(firm, user=editor, on=MONDAY)
    services.draft_reply(firm, user=editor, reply_type=ReplyType.NOT_HELD, on=REPLIED_ON)
    submit(pingyuan)
    Appeal.objects.create(
        unit=pingyuan,
        application=not_held,
        kind=AppealKind.RECONSIDERATION,
        filed_on=date(2026, 11, 25),
        outcome=AppealOutcome.UPHELD,
        decided_on=date(2026, 12, 10),
    )
    column = _annual_report_column(pingyuan)
    page = AnnualReportPage(
        title=TITLE,
        slug="2026",
        year=2026,
        figures=count_report(pingyuan, 2026),
        licensing_decisions=3,
        penalty_decisions=5,
        coercion_decisions=0,
        administrative_fees=Decimal("1.25"),
        overview=OVERVIEW,
        problems_and_improvements="<p>公开内容还不够全面。</p>",
        other_matters="<p>本年度未收取政府信息公开信息处理费。</p>",
    )
    column.add_child(instance=page)
    page.save_revision().publish()
    return page


def _annual_report_column(unit: Unit) -> ColumnPage:
    section = UnitSectionPage.objects.get(unit=unit, locale=Locale.get_default())
    return ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.ANNUAL_REPORT)


def workbook_of(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def merged(sheet) -> set[str]:
    return {str(cell_range) for cell_range in sheet.merged_cells.ranges}


def row_values(sheet, row: int) -> list:
    return [cell.value for cell in sheet[row]]


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_is_a_download_named_after_the_report(report):
    response = annual_report_xlsx_response(report)
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert TITLE in unquote(response["Content-Disposition"])
    workbook = workbook_of(response)
    assert workbook.sheetnames == ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    for sheet, key in zip(workbook.worksheets, ("two", "three", "four"), strict=True):
        assert sheet["A1"].value == TITLE
        assert sheet["A2"].value == str(SECTION_TITLES[key])


def test_xlsx_table3_labels_headers_merges_and_figures(report):
    sheet = workbook_of(annual_report_xlsx_response(report))["表三 依申请公开"]
    # Three header rows (3 to 5), then the rows in the official order.
    assert [sheet.cell(row=row, column=1).value for row in range(6, sheet.max_row + 1)] == TABLE3_LABELS
    assert sheet["B3"].value == "申请人情况"
    assert [sheet["B4"].value, sheet["C4"].value, sheet["H4"].value] == ["自然人", "法人或其他组织", "总计"]
    assert row_values(sheet, 5)[2:7] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert [label for _key, label in TABLE3_COLUMNS] == ["自然人", *row_values(sheet, 5)[2:7], "总计"]
    assert {"A1:H1", "A2:H2", "A3:A5", "B3:H3", "B4:B5", "C4:G4", "H4:H5"} <= merged(sheet)

    rows = {
        sheet.cell(row=row, column=1).value: row_values(sheet, row)[1:] for row in range(6, sheet.max_row + 1)
    }
    assert rows["一、本年新收政府信息公开申请数量"] == [3, 1, 0, 0, 0, 0, 4]
    assert rows[NOT_HELD] == [1, 1, 0, 0, 0, 0, 2]
    assert all(isinstance(value, int) for value in rows[NOT_HELD])
    assert rows[PETITION] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["（七）总计"] == [2, 1, 0, 0, 0, 0, 3]
    assert rows["四、结转下年度继续办理"] == [1, 0, 0, 0, 0, 0, 1]
    # Heading rows carry no figures of their own.
    assert rows["三、本年度办理结果"] == [None] * 7
    assert rows["（四）无法提供"] == [None] * 7


def test_xlsx_table2_in_its_four_blocks(report):
    sheet = workbook_of(annual_report_xlsx_response(report))["表二 主动公开"]
    column_a = [sheet.cell(row=row, column=1).value for row in range(3, sheet.max_row + 1)]
    expected = [str(TABLE2_DOCUMENT_ITEM), "信息内容", *(str(label) for _key, label in TABLE2_DOCUMENT_ROWS)]
    for item, _measure, rows in TABLE2_DECISION_BLOCKS:
        expected += [str(item), "信息内容", *(str(label) for _key, label in rows)]
    assert column_a == expected
    assert row_values(sheet, 4)[1:] == [str(label) for _key, label in TABLE2_DOCUMENT_MEASURES]
    assert row_values(sheet, 8)[:2] == ["信息内容", "本年处理决定数量"]
    assert {"A3:D3", "A7:D7", "B8:D8", "B9:D9", "A14:D14", "B15:D15", "B16:D16"} <= merged(sheet)
    values = {row[0]: row[1:] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert values["规章"] == (0, 0, 0)
    assert values["行政许可"][0] == 3 and values["行政处罚"][0] == 5 and values["行政强制"][0] == 0
    assert isinstance(values["行政许可"][0], int)
    assert values["行政事业性收费"][0] == "1.25"  # an amount, kept as the report prints it


def test_xlsx_table4_headers_and_the_data_row(report):
    sheet = workbook_of(annual_report_xlsx_response(report))["表四 复议诉讼"]
    columns = [str(label) for _key, label in TABLE4_COLUMNS]
    assert sheet["A3"].value == "行政复议" and sheet["F3"].value == "行政诉讼"
    assert row_values(sheet, 4)[:5] == columns
    assert sheet["F4"].value == "未经复议直接起诉" and sheet["K4"].value == "复议后起诉"
    assert row_values(sheet, 5)[5:] == columns * 2
    assert {"A3:E3", "F3:O3", "A4:A5", "E4:E5", "F4:J4", "K4:O4"} <= merged(sheet)
    assert row_values(sheet, 6) == [1, 0, 0, 0, 1] + [0] * 10
    assert sheet.max_row == 6


def test_page_route_serves_the_xlsx_and_the_docx(report, client):
    for suffix, kind in (("xlsx/", "spreadsheetml"), ("docx/", "wordprocessingml")):
        response = client.get(report.url + suffix)
        assert response.status_code == 200 and kind in response["Content-Type"]


# --- DOCX -----------------------------------------------------------------------------------------


def document_of(page) -> Document:
    response = annual_report_docx_response(page)
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert ".docx" in response["Content-Disposition"]
    return Document(io.BytesIO(b"".join(response.streaming_content)))


def test_docx_sections_in_order_with_the_units_text(report):
    document = document_of(report)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == TITLE
    positions = [texts.index(str(title)) for title in SECTION_TITLES.values()]
    assert positions == sorted(positions)
    one, five, six = positions[0], positions[4], positions[5]
    assert texts[one + 1 : positions[1]] == [
        "（一）主动公开情况",
        "本年度主动公开政府信息120条，详见信息公开专栏。",
        "• 完善公开目录",
        "• 规范依申请公开",
        "1. 第一项",
        "2. 第二项",
    ]
    heading = document.paragraphs[one + 1]
    assert all(run.bold for run in heading.runs)
    bold = [run.text for run in document.paragraphs[one + 2].runs if run.bold]
    assert bold == ["120"]
    assert texts[five + 1] == "公开内容还不够全面。"
    assert texts[six + 1] == "本年度未收取政府信息公开信息处理费。"
    # Han text is set in a Chinese font, not left to Word's Latin one.
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋"


def test_docx_three_tables_with_the_official_labels_and_merges(report):
    document = document_of(report)
    assert len(document.tables) == 3
    second, third, fourth = document.tables
    body = list(document.element.body.iterchildren())
    headings = [
        p for p in document.paragraphs if p.text in (str(SECTION_TITLES["two"]), str(SECTION_TITLES["four"]))
    ]
    # Each table follows its own section heading.
    assert body.index(headings[0]._p) < body.index(second._tbl) < body.index(third._tbl)
    assert body.index(third._tbl) < body.index(headings[1]._p) < body.index(fourth._tbl)

    assert [second.cell(row, 0).text for row in range(len(second.rows))][:4] == [
        str(TABLE2_DOCUMENT_ITEM),
        "信息内容",
        "规章",
        "行政规范性文件",
    ]
    assert second.cell(0, 0)._tc is second.cell(0, 3)._tc
    assert second.cell(6, 1).text == "3"  # 行政许可

    assert [third.cell(row, 0).text for row in range(3, len(third.rows))] == TABLE3_LABELS
    # The bottom header row: 自然人 and 总计 reach down into it, the five kinds of organisation.
    assert [third.cell(2, column).text for column in range(1, 8)] == [
        str(label) for _key, label in TABLE3_COLUMNS
    ]
    assert third.cell(0, 1).text == "申请人情况" and third.cell(0, 1)._tc is third.cell(0, 7)._tc
    assert third.cell(1, 2).text == "法人或其他组织" and third.cell(1, 2)._tc is third.cell(1, 6)._tc
    assert third.cell(1, 1)._tc is third.cell(2, 1)._tc  # 自然人 over both header rows
    not_held = 3 + TABLE3_LABELS.index(NOT_HELD)
    assert [third.cell(not_held, column).text for column in range(1, 8)] == [
        "1",
        "1",
        "0",
        "0",
        "0",
        "0",
        "2",
    ]
    results = 3 + TABLE3_LABELS.index("三、本年度办理结果")
    assert [third.cell(results, column).text for column in range(1, 8)] == [""] * 7

    columns = [str(label) for _key, label in TABLE4_COLUMNS]
    assert fourth.cell(0, 0).text == "行政复议" and fourth.cell(0, 0)._tc is fourth.cell(0, 4)._tc
    assert fourth.cell(0, 5).text == "行政诉讼" and fourth.cell(0, 5)._tc is fourth.cell(0, 14)._tc
    assert [fourth.cell(1, 5).text, fourth.cell(1, 10).text] == ["未经复议直接起诉", "复议后起诉"]
    assert [fourth.cell(2, column).text for column in range(15)] == columns * 3
    assert [fourth.cell(3, column).text for column in range(15)] == ["1", "0", "0", "0", "1"] + ["0"] * 10


def test_rich_text_paragraphs_of_stored_rich_text():
    paragraphs = rich_text_paragraphs(
        "<p>第一段<br/>换行</p>\n<h4>小标题</h4><ol><li>甲</li><li>乙<ul><li>乙一</li></ul></li></ol>"
        "<p>  </p><p>含 <i>斜体</i> 与&amp;符号</p>"
    )
    assert [(p.marker, p.text) for p in paragraphs] == [
        ("", "第一段\n换行"),
        ("", "小标题"),
        ("1.", "甲"),
        ("2.", "乙"),
        ("•", "乙一"),
        ("", "含 斜体 与&符号"),
    ]
    assert paragraphs[1].heading and paragraphs[4].level == 1
    assert rich_text_paragraphs("") == []


# --- the website report ---------------------------------------------------------------------------


def test_website_xlsx_lists_each_section_with_typed_values(small_county):
    report = WebsiteReport.objects.create(
        year=2026,
        site_name="盈江县人民政府",
        site_address="https://www.yingjiang.gov.cn",
        host="盈江县人民政府办公室",
        unique_visitors=12345,
        figures=count_website(2026),
    )
    response = website_report_xlsx_response(report)
    assert "2026" in unquote(response["Content-Disposition"])
    sheet = workbook_of(response).active
    assert sheet["A1"].value == str(report)
    assert row_values(sheet, 2) == ["项目", "数据"]
    sections = website_rows(report)
    expected, row = [], 3
    for title, rows in sections:
        assert sheet.cell(row=row, column=1).value == str(title)
        assert sheet.cell(row=row, column=1).font.bold
        assert f"A{row}:B{row}" in merged(sheet)
        expected += [str(label) for label, _text in rows]
        row += 1 + len(rows)
    assert row == sheet.max_row + 1
    values = {
        label: value for label, value in sheet.iter_rows(min_row=3, values_only=True) if value is not None
    }
    assert [label for label in values] == expected
    assert values["网站名称"] == "盈江县人民政府"
    assert values["独立用户访问总量（个）"] == 12345
    assert values["网站总访问量（次）"] == "未统计"
    assert values["政务新媒体账号数（个）"] == "未统计"
    assert values["注册用户数（个）"] == "未统计"
    assert values["栏目数量（个）"] > 0 and isinstance(values["栏目数量（个）"], int)
    assert values["总数（条）"] == 0
