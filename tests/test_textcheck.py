"""The content checks' library (textcheck): personal data, wording, dates and attachment text."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import Workbook

from textcheck import extract_text, find_dates, find_expressions, find_personal_data, mask
from textcheck.extract import CORRUPT, TOO_LARGE, UNSUPPORTED

TODAY = date(2026, 12, 2)

# GB 11643-1999 as printed in the standard: the weights and the check characters, written out
# here rather than computed the way textcheck computes them.
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]


def resident_id(first17: str) -> str:
    return first17 + CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def luhn_card(prefix: str) -> str:
    """`prefix` completed with the digit that makes the Luhn sum a multiple of 10."""
    for digit in "0123456789":
        candidate = prefix + digit
        digits = [int(c) for c in reversed(candidate)]
        total = sum(d if i % 2 == 0 else (d * 2 if d * 2 < 10 else d * 2 - 9) for i, d in enumerate(digits))
        if total % 10 == 0:
            return candidate
    raise AssertionError


# 云南省德宏州盈江县 (533123), born 1965-03-08 and 2001-11-30; one with an X check character.
ID_A = resident_id("53312319650308123")
ID_B = resident_id("53312320011130004")
ID_X = next(number for n in range(1000) if (number := resident_id(f"35010219800101{n:03d}")).endswith("X"))


def kinds(findings) -> list[tuple[str, str]]:
    return [(finding.kind, finding.text) for finding in findings]


def test_valid_id_numbers_are_found_and_masked():
    text = f"张三，身份证号{ID_A}；李四 {ID_B}；王五{ID_X.lower()}。"
    findings = find_personal_data(text)
    assert kinds(findings) == [("id_number", ID_A), ("id_number", ID_B), ("id_number", ID_X.lower())]
    assert findings[0].masked == ID_A[:2] + "*" * 13 + ID_A[-3:]
    assert all(text[f.start : f.end] == f.text for f in findings)


@pytest.mark.parametrize(
    "number",
    [
        wrong_check(ID_A),  # wrong check digit
        resident_id("53312319650230123"),  # 30 February
        resident_id("53312318890308123"),  # born before 1900
        resident_id("03312319650308123"),  # no address code starts with 0
    ],
)
def test_invalid_id_numbers_are_ignored(number):
    assert [f for f in find_personal_data(f"身份证号：{number}。") if f.kind == "id_number"] == []


def test_an_id_number_inside_a_longer_run_is_not_one():
    assert find_personal_data(f"编号9{ID_A}7") == []


def test_a_birth_date_after_today_is_not_an_id_number():
    future = resident_id("53312320270101001")
    assert find_personal_data(future, today=TODAY) == []


def test_mobile_numbers_are_found_but_not_inside_longer_numbers():
    text = "电话13812341234，座机0692-8123456，单号913812341234，139123412345，+8619912345678。"
    findings = find_personal_data(text)
    assert kinds(findings) == [("mobile", "13812341234"), ("mobile", "19912345678")]
    assert findings[0].masked == "138****1234"
    assert find_personal_data("12812341234") == []  # 12 is no mobile prefix


def test_bank_cards_pass_luhn():
    card16 = luhn_card("622202123456789")
    card19 = luhn_card("621700123456789012")
    bad = card16[:-1] + str((int(card16[-1]) + 1) % 10)
    findings = find_personal_data(f"卡号{card16}，{card19}，{bad}。")
    assert kinds(findings) == [("bank_card", card16), ("bank_card", card19)]
    assert findings[0].masked == card16[:4] + "********" + card16[-4:]
    assert findings[1].masked == card19[:4] + "*" * 11 + card19[-4:]


def test_mask_replaces_only_the_personal_data():
    text = f"1. 张三 {ID_A} 13812341234 低保金 300 元"
    masked = mask(text, find_personal_data(text))
    assert masked == f"1. 张三 {ID_A[:2]}{'*' * 13}{ID_A[-3:]} 138****1234 低保金 300 元"
    # A finding from an older version of the text is not applied to the wrong characters.
    stale = find_personal_data("x" + text)
    assert mask(text, stale) == text


def test_wrong_expressions_longest_first():
    pairs = [("截止", "截至"), ("截止目前", "截至目前"), ("做为", "作为"), ("其它", "其他")]
    findings = find_expressions("截止目前，做为试点，其它乡镇截止日期不变。", pairs)
    assert [(f.text, f.suggestion) for f in findings] == [
        ("截止目前", "截至目前"),
        ("做为", "作为"),
        ("其它", "其他"),
        ("截止", "截至"),
    ]
    assert find_expressions("作为试点", pairs) == []
    assert find_expressions("任何文字", []) == []


def test_impossible_and_future_dates():
    text = "于2026年2月30日、2026-13-01、2026年11月2日、2027年1月1日和2026/12/03召开；0871-12-34 不是日期。"
    findings = find_dates(text, today=TODAY)
    assert kinds(findings) == [
        ("impossible_date", "2026年2月30日"),
        ("impossible_date", "2026-13-01"),
        ("future_date", "2027年1月1日"),
        ("future_date", "2026/12/03"),
    ]
    assert [f.kind for f in find_dates(text)] == ["impossible_date", "impossible_date"]
    assert find_dates("2028年2月29日", today=date(2030, 1, 1)) == []  # a leap day


# --- Attachments ----------------------------------------------------------------------------------

ROWS = [("1", "张三", ID_A, "13812341234", "300"), ("2", "李四", wrong_check(ID_B), "0692-8123456", "250")]


def assert_list_found(text: str) -> None:
    assert kinds(find_personal_data(text)) == [("id_number", ID_A), ("mobile", "13812341234")]


def test_pdf_text():
    from weasyprint import HTML

    cells = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in ROWS)
    html = f"<html><body><h1>2026年城乡低保对象公示名单</h1><table>{cells}</table></body></html>"
    extraction = extract_text(io.BytesIO(HTML(string=html).write_pdf()), "公示名单.pdf")
    assert extraction.ok and "低保对象公示" in extraction.text
    assert_list_found(extraction.text)


def test_docx_paragraphs_and_tables():
    document = Document()
    document.add_paragraph("2026年临时救助对象公示")
    table = document.add_table(rows=0, cols=5)
    for row in ROWS:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    extraction = extract_text(buffer, "公示.docx")
    assert extraction.ok and "临时救助对象公示" in extraction.text
    assert_list_found(extraction.text)


def test_xlsx_every_sheet():
    workbook = Workbook()
    workbook.active.append(["说明"])
    sheet = workbook.create_sheet("名单")
    for row in ROWS:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    extraction = extract_text(buffer, "")  # no name: recognised by its content
    assert extraction.ok and "名单" in extraction.text
    assert_list_found(extraction.text)


def test_broken_and_unreadable_files_answer_a_failure():
    assert extract_text(io.BytesIO(b"%PDF-1.4 garbage"), "a.pdf").error == CORRUPT
    assert extract_text(io.BytesIO(b"PK\x03\x04 not a zip"), "a.docx").error == CORRUPT
    assert extract_text(io.BytesIO(b"plain"), "a.txt").error == UNSUPPORTED
    assert extract_text(io.BytesIO(b"x" * 101), "a.pdf", max_bytes=100).error == TOO_LARGE


def test_caps_truncate():
    workbook = Workbook()
    for number in range(50):
        workbook.active.append([number, "13812341234"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    extraction = extract_text(buffer, "a.xlsx", max_cells=10)
    assert extraction.ok and extraction.truncated
    assert extraction.text.count("13812341234") == 5


def test_fingerprints_are_keyed():
    (finding,) = find_personal_data(ID_A)
    assert finding.fingerprint(b"a") == finding.fingerprint(b"a") != finding.fingerprint(b"b")
    assert ID_A not in finding.fingerprint(b"a")
