"""The letters of an application (接收回执, 补正告知书, 延期答复告知书, 征求第三方意见书, 收费通知书 and the
答复书 of each reply type) as DOCX and PDF: what they say, that both open and carry real text, and
that no letter prints the applicant's ID number."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from foi.letters import chinese_date, letter_for, notice_response, render_docx, render_pdf
from foi.models import (
    ApplicantKind,
    Application,
    ApplicationEvent,
    Carrier,
    Channel,
    DeliveryMethod,
    EventKind,
    FeeMethod,
    IdKind,
    Notice,
    NoticeKind,
    ReplyFile,
    State,
)
from foi.replies import REMEDIES, REPLY_KINDS, ReplyType
from sites.models import Unit
from workdays.services import add_working_days

NAME = "李明华"
ID_NUMBER = "533122198001011234"
PHONE = "13888886666"
EMAIL = "liminghua@example.com"
CODE = "F-7KQ2-M9XD"
DESCRIPTION = "2026年平原镇集镇道路改造项目的招标文件和中标结果"
RECEIVED = date(2026, 11, 10)


@pytest.fixture
def application(small_county) -> Application:
    return Application.objects.create(
        unit=Unit.objects.get(slug="pingyuan"),
        tracking_code=CODE,
        year=2026,
        sequence=3,
        applicant_kind=ApplicantKind.CITIZEN,
        name=NAME,
        id_kind=IdKind.RESIDENT_ID,
        id_number=ID_NUMBER,
        phone=PHONE,
        email=EMAIL,
        address="盈江县平原镇勐町村12号",
        description=DESCRIPTION,
        document_number="平政发〔2026〕8号",
        delivery_method=DeliveryMethod.EMAIL,
        carrier=Carrier.ELECTRONIC,
        channel=Channel.ONLINE,
        received_on=RECEIVED,
        clock_start=RECEIVED,
        due_on=add_working_days(RECEIVED, 20).due,
    )


def issue(application: Application, kind: str, *, on: date = date(2026, 11, 12), sequence: int = 3, **fields):
    return Notice.objects.create(
        application=application,
        unit=application.unit,
        kind=kind,
        year=on.year,
        sequence=sequence,
        issued_on=on,
        **fields,
    )


def reply(application: Application, reply_type: str, *, on: date = date(2026, 12, 2), **fields) -> Notice:
    for name, value in {"reply_type": reply_type, "state": State.REPLIED, "replied_on": on, **fields}.items():
        setattr(application, name, value)
    application.save()
    return issue(application, NoticeKind.REPLY, on=on)


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # A letter's paragraphs wrap across lines: compare without the line breaks, and without the
    # page numbers (“— 1 —”) at the foot of each page.
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    return re.sub(r"—\d+—", "", text)


def both(notice: Notice) -> tuple[str, str]:
    """The letter's text from the DOCX and from the PDF, whitespace removed."""
    letter = letter_for(notice)
    return re.sub(r"\s+", "", docx_text(render_docx(letter))), pdf_text(render_pdf(letter))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", str(text))


def assert_private(text: str) -> None:
    assert ID_NUMBER not in text and ID_NUMBER[-4:] not in text
    assert PHONE not in text and EMAIL not in text


# --- every notice ---------------------------------------------------------------------------------

NOTICE_FIELDS = {
    NoticeKind.RECEIPT: {"due_on": date(2026, 12, 8)},
    NoticeKind.CORRECTION: {"details": "请写明招标文件的项目名称。", "due_on": date(2026, 12, 3)},
    NoticeKind.EXTENSION: {"details": "所需信息涉及多个部门，需要协调", "due_on": date(2027, 1, 6)},
    NoticeKind.THIRD_PARTY: {"addressee": "盈江县兴达建筑工程有限公司", "due_on": date(2026, 12, 3)},
    NoticeKind.FEE: {"due_on": date(2026, 12, 10)},
    NoticeKind.REPLY: {},
}


@pytest.mark.parametrize("kind", NoticeKind.values)
def test_every_notice_opens_as_docx_and_pdf_with_the_unit_number_and_date(application, kind):
    if kind == NoticeKind.REPLY:
        notice = reply(application, ReplyType.DISCLOSED)
    else:
        notice = issue(application, kind, **NOTICE_FIELDS[kind])
    docx, pdf = both(notice)
    title = "平原镇" + NoticeKind(kind).label
    number = f"平原镇{'公收 公补 公延 公征 公费 公复'.split()[NoticeKind.values.index(kind)]}〔2026〕3号"
    assert notice.number == number
    for text in (docx, pdf):
        assert text.startswith(title + number), text[:80]
        assert DESCRIPTION in text
        assert text.count("平原镇") >= 2  # the title and the signature
        assert_private(text)
    if kind == NoticeKind.THIRD_PARTY:
        # The third party learns what was asked for, never who asked.
        assert NAME not in docx and NAME not in pdf
        assert docx.find("盈江县兴达建筑工程有限公司：") > docx.find(number)
    else:
        assert NAME + "：" in docx and NAME + "：" in pdf
        assert CODE in docx and CODE in pdf
    date_line = "2026年12月2日" if kind == NoticeKind.REPLY else "2026年11月12日"
    assert date_line in docx and date_line in pdf


def test_pdf_carries_real_text_in_an_embedded_cjk_font(application):
    pdf = render_pdf(letter_for(reply(application, ReplyType.DISCLOSED)))
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    # Extracted as text, in reading order, not as glyph ids or private-use characters.
    assert "平原镇政府信息公开申请答复书" in page.extract_text()
    assert not re.search(r"[\ue000-\uf8ff\ufffd]", page.extract_text())
    fonts = [font["/BaseFont"] for font in page["/Resources"]["/Font"].values()]
    assert any("Noto-Serif-CJK-SC" in str(font) for font in fonts), fonts
    assert any("Noto-Sans-CJK-SC" in str(font) for font in fonts), fonts
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (
            "font not embedded"
        )


def test_docx_sets_chinese_fonts_for_east_asian_text(application):
    document = Document(io.BytesIO(render_docx(letter_for(reply(application, ReplyType.NOT_HELD)))))
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    title_run = document.paragraphs[0].runs[0]
    assert title_run.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert title_run.font.size.pt == 22
    assert document.styles["Normal"].font.size.pt == 16


# --- the notices' contents ------------------------------------------------------------------------


def test_receipt_gives_register_number_code_and_reply_deadline(application):
    docx, pdf = both(issue(application, NoticeKind.RECEIPT, on=RECEIVED, **NOTICE_FIELDS[NoticeKind.RECEIPT]))
    for text in (docx, pdf):
        assert "本机关于2026年11月10日收到您以“网上申请”方式提出的政府信息公开申请" in text
        assert "依申请〔2026〕3号" in text and CODE in text
        assert "自收到申请之日起20个工作日内（即2026年12月8日前）作出答复" in text
        assert "平政发〔2026〕8号" in text
        assert "行政复议" not in text  # a receipt decides nothing


def test_correction_notice_lists_the_items_the_deadline_and_the_consequence(application):
    due = add_working_days(date(2026, 11, 12), 15).due
    notice = issue(
        application,
        NoticeKind.CORRECTION,
        details="1. 请写明项目名称。\n2. 请补充身份证明复印件。",
        due_on=due,
    )
    docx, pdf = both(notice)
    for text in (docx, pdf):
        assert "1.请写明项目名称。2.请补充身份证明复印件。" in text
        assert "自收到本告知书之日起15个工作日内（即2026年12月3日前）" in text
        assert "第三十条" in text
        assert "视为放弃申请" in text
        assert "行政复议" not in text


def test_extension_notice_names_reason_new_due_date_and_approver(application):
    application.extension_days = 10
    application.save()
    ApplicationEvent.objects.create(
        application=application,
        kind=EventKind.EXTENDED,
        on=date(2026, 12, 1),
        note="延长 10 个工作日，经 王建国 批准。理由：所需信息涉及多个部门，需要协调",
    )
    notice = issue(
        application,
        NoticeKind.EXTENSION,
        on=date(2026, 12, 1),
        details="所需信息涉及多个部门，需要协调",
        due_on=date(2026, 12, 22),
    )
    docx, pdf = both(notice)
    for text in (docx, pdf):
        assert "因所需信息涉及多个部门，需要协调，本机关不能在法定期限内作出答复" in text
        assert "经政府信息公开工作机构负责人王建国同意" in text
        assert "第三十三条第二款" in text
        assert "答复期限延长10个工作日，本机关将于2026年12月22日前作出答复" in text
        assert "行政复议" not in text


def test_third_party_letter_asks_within_15_working_days_and_says_what_silence_means(application):
    due = add_working_days(date(2026, 11, 12), 15).due
    docx, pdf = both(
        issue(application, NoticeKind.THIRD_PARTY, addressee="盈江县兴达建筑工程有限公司", due_on=due)
    )
    for text in (docx, pdf):
        assert "盈江县兴达建筑工程有限公司：" in text
        assert "第三十二条" in text
        assert "自收到本意见书之日起15个工作日内（即2026年12月3日前）" in text
        assert "逾期未提出意见的，由行政机关依照本条例的规定决定是否公开" in text
        assert NAME not in text and CODE not in text


@pytest.mark.parametrize(
    ("method", "pages", "amount", "details", "expected"),
    [
        (FeeMethod.PER_PAGE, 120, Decimal("1100.00"), "", ["计收方式：按量计收（共120页）", "每页20元"]),
        (
            FeeMethod.PER_APPLICATION,
            None,
            Decimal("100.00"),
            "按件计收：您本自然月内向本单位提出的第 11 件申请，收费 100 元。",
            ["计收方式：按件计收。", "11—30件的部分，每件100元", "第11件申请"],
        ),
    ],
)
def test_fee_notice_states_basis_method_rate_amount_period_and_consequence(
    application, method, pages, amount, details, expected
):
    application.fee_method, application.fee_pages, application.fee_amount = method, pages, amount
    application.state = State.FEE_NOTICE
    application.save()
    due = add_working_days(date(2026, 11, 12), 20).due
    docx, pdf = both(issue(application, NoticeKind.FEE, details=details, due_on=due))
    for text in (docx, pdf):
        assert "国办函〔2020〕109号" in text and "第四十二条" in text
        for line in expected:
            assert line in text
        assert f"收费金额：人民币{amount}元。" in text
        assert "自收到本通知书之日起20个工作日内（即2026年12月10日前）" in text
        assert "不计算在政府信息公开申请的答复期限内" in text
        assert "逾期未缴纳信息处理费的，视为放弃申请" in text
        # Charging is a decision: it can be challenged.
        assert "六十日内依法申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text


# --- the replies ----------------------------------------------------------------------------------

REPLIES = {
    ReplyType.DISCLOSED: {},
    ReplyType.PARTLY_DISCLOSED: {"reply_reason": "中标人的银行账户信息属于商业秘密，已作删除处理。"},
    ReplyType.WITHHELD_THIRD_PARTY: {"reply_reason": "第三方书面表示不同意公开，理由合理。"},
    ReplyType.NOT_HELD: {},
    ReplyType.PETITION: {},
    ReplyType.NOT_CORRECTED: {},
    ReplyType.NOT_PAID: {},
}


@pytest.mark.parametrize("reply_type", list(REPLIES))
def test_reply_letter_states_decision_basis_and_remedies(application, reply_type):
    kind = REPLY_KINDS[reply_type]
    docx, pdf = both(reply(application, reply_type, legal_basis=str(kind.basis), **REPLIES[reply_type]))
    for text in (docx, pdf):
        assert text.startswith("平原镇政府信息公开申请答复书平原镇公复〔2026〕3号李明华：")
        assert f"本机关于2026年11月10日收到您提出的政府信息公开申请，申请获取“{DESCRIPTION}" in text
        assert squeeze(kind.wording) in text
        assert f"根据{squeeze(kind.basis)}的规定，特此答复。" in text
        assert squeeze(REMEDIES) in text
        if "reply_reason" in REPLIES[reply_type]:
            assert REPLIES[reply_type]["reply_reason"] in text
        # The remedies come after the decision, the signature and date at the end.
        assert text.index(squeeze(kind.wording)) < text.index(squeeze(REMEDIES))
        assert text.index("平原镇2026年12月2日") > text.index(squeeze(REMEDIES))
        assert_private(text)
        assert ("获取方式（电子邮件）" in text) == kind.discloses


@pytest.mark.parametrize("reply_type", ReplyType.values)
def test_every_reply_type_has_its_letter(application, reply_type):
    kind = REPLY_KINDS[reply_type]
    text = squeeze("".join(letter_for(reply(application, reply_type, reply_reason="理由如下。")).paragraphs))
    assert squeeze(kind.wording) in text
    assert f"根据{squeeze(kind.basis)}的规定，特此答复。" in text  # the default basis
    assert "理由如下。" in text
    assert text.index(squeeze(kind.wording)) < text.index(squeeze(REMEDIES))


def test_reply_with_staff_basis_attachments_and_correction(application):
    ApplicationEvent.objects.create(application=application, kind=EventKind.CORRECTED, on=date(2026, 11, 16))
    for title in ("招标文件", "中标结果公告"):
        ReplyFile.objects.create(
            application=application, title=title, file=ContentFile(b"%PDF-1.4", name="x.pdf")
        )
    notice = reply(
        application,
        ReplyType.DISCLOSED,
        legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（二）项、第四十条的规定",
    )
    docx, pdf = both(notice)
    for text in (docx, pdf):
        assert "申请获取“" in text and "”，并于2026年11月16日收到您的补正。" in text
        assert (
            "根据《中华人民共和国政府信息公开条例》第三十六条第（二）项、第四十条的规定，特此答复。" in text
        )
        assert "载体形式（电子）提供上述政府信息，见附件。" in text
        assert "附件：1.招标文件2.中标结果公告" in text


def test_reply_for_information_already_public_says_where(application):
    docx, pdf = both(
        reply(
            application, ReplyType.DISCLOSED, already_public_at="盈江县人民政府门户网站“平原镇信息公开”栏目"
        )
    )
    for text in (docx, pdf):
        assert "已经主动公开，您可以通过以下途径获取：盈江县人民政府门户网站“平原镇信息公开”栏目。" in text
        assert "第三十六条第（二）项" in text  # the default basis when staff gave none
        assert squeeze(REMEDIES) in text


def test_organisation_applicant_is_addressed_by_its_name_without_its_credit_code(application):
    application.applicant_kind = ApplicantKind.ORGANISATION
    application.name = "盈江县绿源农业科技有限公司"
    application.id_kind = IdKind.CREDIT_CODE
    application.id_number = "91533122MA6K3XYZ1Q"
    application.save()
    docx, pdf = both(reply(application, ReplyType.NOT_HELD))
    for text in (docx, pdf):
        assert "盈江县绿源农业科技有限公司：" in text
        assert "91533122MA6K3XYZ1Q" not in text


def test_letters_show_the_units_contact_under_the_signature(application):
    unit = application.unit
    unit.address, unit.phone, unit.postcode = "盈江县平原镇平原街1号", "0692-8888123", "679300"
    unit.save()
    docx, pdf = both(reply(application, ReplyType.NOT_HELD))
    for text in (docx, pdf):
        assert text.endswith("联系地址：盈江县平原镇平原街1号邮政编码：679300联系电话：0692-8888123")


# --- the download ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF-"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ],
)
def test_download_is_an_uncached_attachment_named_after_the_number(application, fmt, content_type, magic):
    response = notice_response(reply(application, ReplyType.NOT_HELD), fmt)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote(f'平原镇公复〔2026〕3号.{fmt}')}" in disposition
    assert response["Cache-Control"] == "private, no-store"


def test_download_in_an_unknown_format_is_not_found(application):
    with pytest.raises(Http404):
        notice_response(reply(application, ReplyType.NOT_HELD), "html")


# --- through the services: the letters say what the staff entered ---------------------------------


def test_letters_of_an_application_handled_through_the_services(small_county):
    from django.contrib.auth import get_user_model

    from foi import services

    from . import test_foi_services
    from .test_foi_services import applicant

    pingyuan = Unit.objects.get(slug="pingyuan")
    users = get_user_model().objects
    editor = users.create_user("letters-editor")
    editor.groups.add(pingyuan.editors_group)
    reviewer = users.create_user("letters-reviewer")
    reviewer.groups.add(pingyuan.reviewers_group)

    def text(notice: Notice) -> str:
        return squeeze("".join(letter_for(notice).paragraphs))

    monday = date(2026, 11, 2)
    application = services.submit_application(applicant(pingyuan), today=monday)
    receipt = application.notices.get(kind=NoticeKind.RECEIPT)
    assert "自收到申请之日起20个工作日内（即2026年11月30日前）作出答复" in text(receipt)
    assert "2026年平原镇农村危房改造补助名单含补助标准" in text(receipt)

    correction = services.request_correction(
        application, user=editor, items="请写明所需名单的村委会名称。", on=date(2026, 11, 4)
    )
    assert "请写明所需名单的村委会名称。" in text(correction)
    assert "（即2026年11月25日前）" in text(correction)
    services.record_correction(application, user=editor, on=date(2026, 11, 9))
    services.accept(application, user=editor, on=date(2026, 11, 9))

    third_party = services.start_consultation(
        application, user=editor, addressee="平原镇勐町村民委员会", on=date(2026, 11, 10)
    )
    assert letter_for(third_party).addressee == "平原镇勐町村民委员会："
    assert "自收到本意见书之日起15个工作日内（即2026年12月1日前）" in text(third_party)
    services.end_consultation(application, user=editor, on=date(2026, 11, 17))

    extension = services.extend(
        application,
        user=editor,
        working_days=10,
        approver="王建国",
        reason="涉及多个村委会",
        on=date(2026, 11, 18),
    )
    assert "因涉及多个村委会，本机关不能在法定期限内作出答复。经政府信息公开工作机构负责人王建国同意" in text(
        extension
    )
    assert f"答复期限延长10个工作日，本机关将于{squeeze(chinese_date(application.due_on))}前作出答复" in text(
        extension
    )

    fee = services.notify_fee(
        application, user=editor, method=FeeMethod.PER_PAGE, pages=120, on=date(2026, 11, 19)
    )
    assert "计收方式：按量计收（共120页）" in text(fee) and "收费金额：人民币1100.00元。" in text(fee)
    services.record_payment(application, user=editor, on=date(2026, 11, 20))

    assert (
        services.draft_reply(
            application,
            user=editor,
            reply_type=ReplyType.PARTLY_DISCLOSED,
            reason="名单中的身份证号码和银行账号已作删除处理。",
            files=[("补助名单（删除个人信息后）", ContentFile(b"%PDF-1.4", name="list.pdf"))],
            on=date(2026, 11, 23),
        )
        is None
    )
    answer = services.approve_reply(application, user=reviewer, on=date(2026, 11, 24))
    letter = letter_for(answer)
    assert letter.number == "平原镇公复〔2026〕1号" and letter.date_line == "2026年11月24日"
    assert "并于2026年11月9日收到您的补正" in text(answer)
    assert squeeze(REPLY_KINDS[ReplyType.PARTLY_DISCLOSED].wording) in text(answer)
    assert "名单中的身份证号码和银行账号已作删除处理。" in text(answer)
    assert letter.attachments == ["1. 补助名单（删除个人信息后）"]
    assert "李四：" in pdf_text(notice_response(answer, "pdf").content)
    for notice in application.notices.all():
        for secret in (test_foi_services.ID_NUMBER, test_foi_services.PHONE, test_foi_services.EMAIL):
            assert secret not in text(notice)
