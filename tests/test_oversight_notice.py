"""The 通报 drafted from the ranking (issue 14, "a notice can be drafted from the ranking"): the
ranking, praise and criticism by the national pass mark, the problems with the units behind them
and a rectification deadline in working days; the same draft on screen and as DOCX; the county
administrators' alone."""

from __future__ import annotations

import io
from datetime import date, timedelta

import docx
import pytest

from oversight import services
from oversight.notice import draft_notice
from workdays.services import add_working_days

from .test_oversight import DAY, indicator, staff, units  # noqa: F401 (fixtures)

ISSUED = date(2026, 6, 3)


@pytest.fixture
def ranked(units):  # noqa: F811
    pingyuan, scjg = units["pingyuan"], units["scjg"]
    services.recompute(
        DAY,
        [
            indicator("disclosure.stale_columns", {pingyuan: 5, scjg: 1}, label="栏目超期未更新"),
            indicator("foi.overdue_applications", {scjg: 2}, label="依申请公开逾期答复"),
        ],
    )


def text_of(draft) -> str:
    return "\n".join(block.text for block in draft.blocks)


@pytest.mark.django_db
def test_the_notice_ranks_praises_criticises_and_names_the_problems(units, ranked):  # noqa: F811
    draft = draft_notice(DAY, issued_on=ISSUED, number="盈政办通〔2026〕12号")

    assert draft.title == "盈江县人民政府办公室关于2026年6月全县政务公开工作检查情况的通报"
    assert draft.number == "盈政办通〔2026〕12号"
    assert draft.addressee == "各乡（镇）人民政府，县直各部门："
    assert draft.issuer == "盈江县人民政府办公室" and draft.date_line == "2026年6月3日"
    table = next(block for block in draft.blocks if block.kind == "table")
    assert table.rows[0] == ["名次", "单位", "得分", "单项否决"]
    assert [row[:3] for row in table.rows[1:]] == [
        ["1", "盈江县人民政府办公室", "100.0"],
        ["2", "县市场监督管理局", "91.0"],
        ["3", "平原镇", "80.0"],
    ]
    assert table.rows[3][3] == "超期未更新栏目 5 个及以上"

    text = text_of(draft)
    assert "本次共检查3个单位，平均得分90.3分" in text
    assert "其中90分及以上2个，60分至90分1个，60分以下（不合格）0个；1个单位存在单项否决问题" in text
    # 90 or more and no veto: praised; a veto item: criticised, whatever the score.
    assert "盈江县人民政府办公室、县市场监督管理局等2个单位得分在90分及以上且无单项否决问题，予以表扬" in text
    assert "平原镇等1个单位得分低于60分或存在单项否决问题，予以通报批评" in text
    assert "栏目超期未更新。2个单位共6项：平原镇5项、县市场监督管理局1项。" in text
    assert "逾期未答复。1个单位共2项：县市场监督管理局2项。" in text  # the registered label
    due = add_working_days(ISSUED, 10).due
    assert f"于{due.year}年{due.month}月{due.day}日前完成" in text


@pytest.mark.django_db
def test_a_clean_county_gets_a_notice_without_criticism(units):  # noqa: F811
    services.recompute(DAY, [])
    text = text_of(draft_notice(DAY, issued_on=ISSUED, period="2026年第二季度"))
    assert "本次检查没有得分低于60分或存在单项否决问题的单位" in text
    assert "本次检查未发现扣分问题" in text
    assert (
        "2026年第二季度全县政务公开工作检查情况的通报"
        in draft_notice(DAY, issued_on=ISSUED, period="2026年第二季度").title
    )


@pytest.mark.django_db
def test_the_county_previews_and_downloads_the_notice_others_get_404(units, staff, ranked, client):  # noqa: F811
    query = f"day={DAY}&issued_on={ISSUED}&number=盈政办通〔2026〕12号&period="
    client.force_login(staff("pingyuan-editor", units["pingyuan"]))
    assert client.get(f"/admin/oversight/notice/?{query}").status_code == 404
    assert client.get(f"/admin/oversight/notice.docx?{query}").status_code == 404

    client.force_login(staff("county", None))
    html = client.get(f"/admin/oversight/notice/?{query}").content.decode()
    assert "关于2026年6月全县政务公开工作检查情况的通报" in html and "予以通报批评" in html
    assert "/admin/oversight/notice.docx?" in html

    response = client.get(f"/admin/oversight/notice.docx?{query}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[0] == "盈政办通〔2026〕12号"
    assert "盈江县人民政府办公室关于2026年6月全县政务公开工作检查情况的通报" in paragraphs
    assert "一、总体情况" in paragraphs and "五、工作要求" in paragraphs
    assert paragraphs[-2:] == ["盈江县人民政府办公室", "2026年6月3日"]
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["名次", "单位", "得分", "单项否决"] and rows[3][1] == "平原镇"
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=0.1)

    # A day without a check: the reason in Chinese, and the fields as typed.
    empty = DAY - timedelta(days=40)
    html = client.get(f"/admin/oversight/notice/?day={empty}&issued_on={ISSUED}&number=12").content.decode()
    assert "这一天没有检查结果，请选择已检查的日期。" in html and 'value="12"' in html
    redirect = client.get(f"/admin/oversight/notice.docx?day=notaday&issued_on={ISSUED}")
    assert redirect.status_code == 302 and redirect["Location"].startswith("/admin/oversight/notice/?")
