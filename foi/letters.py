"""The letters of an application: the notice set and the reply letters, as DOCX and PDF.

Every letter is built from the records (`letter_for`) into a `Letter`, a plain list of paragraphs
with the unit's heading, number, addressee, signature and contact; `render_docx` and `render_pdf`
only lay that out, so both formats always say the same thing. The wording follows the 2019 条例
and the 答复书 pattern of a 参考文本 (title "<单位>政府信息公开申请答复书", "本机关于×年×月×日收到您
提出的政府信息公开申请"…, the decision with its legal basis, delivery, remedies, signature, date).

Privacy: no letter prints an ID number, phone or e-mail of the applicant; the name and the 查询码
identify the application. The letter to a third party does not name the applicant at all.

Remedies (行政复议 / 行政诉讼) are stated in the decisions: every 答复书 (of each reply type, also
不予处理 and 其他处理) and the 收费通知书, which imposes a payment on the applicant. The receipt and the
correction, extension and consultation notices are steps of the procedure, not decisions on the
application, and state none.

The letters are official documents: they are written in Chinese whatever language the page that
offers them is shown in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from sites.official_documents import (
    DOCX_BODY_FONT,
    DOCX_CONTENT_TYPE,
    add_title,
    chinese_date,
    document_bytes,
    docx_fonts,
    official_document,
)
from workdays.services import working_days_between

from .models import (
    Application,
    EventKind,
    FeeMethod,
    Notice,
    NoticeKind,
    ReplyFile,
)
from .replies import REMEDIES, REPLY_KINDS, ReplyType

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

PDF_CONTENT_TYPE = "application/pdf"


@dataclass
class Letter:
    """One letter, ready to be laid out: every line of it, in reading order."""

    kind: str  # a NoticeKind
    title: str  # 平原镇政府信息公开申请答复书
    number: str  # 平原镇公复〔2026〕3号
    addressee: str  # 张三：
    paragraphs: list[str]
    signature: str  # the unit's full name
    date_line: str  # 2026年12月2日
    attachments: list[str] = field(default_factory=list)
    contact: list[str] = field(default_factory=list)  # the unit's address, postcode, phone, fax

    @property
    def filename_stem(self) -> str:
        return self.number


def letter_for(notice: Notice) -> Letter:
    """The letter a notice stands for, with the application's and the unit's current details."""
    builders = {
        NoticeKind.RECEIPT: _receipt,
        NoticeKind.CORRECTION: _correction,
        NoticeKind.EXTENSION: _extension,
        NoticeKind.THIRD_PARTY: _third_party,
        NoticeKind.FEE: _fee,
        NoticeKind.REPLY: _reply,
    }
    with translation.override("zh-hans"):
        application = notice.application
        unit = notice.unit
        paragraphs, attachments = builders[notice.kind](notice, application)
        addressee = notice.addressee if notice.kind == NoticeKind.THIRD_PARTY else application.name
        return Letter(
            kind=notice.kind,
            title=f"{unit.name}{notice.get_kind_display()}",
            number=notice.number,
            addressee=_("%(name)s：") % {"name": addressee},
            paragraphs=paragraphs,
            signature=unit.name,
            date_line=chinese_date(notice.issued_on),
            attachments=attachments,
            contact=_unit_contact(unit),
        )


# --- the opening every letter to the applicant shares ---------------------------------------------


def _request(application: Application) -> str:
    """What was asked for, as the letters quote it: the description, with name and 文号 if given."""
    # A description typed over several lines is quoted as one.
    text = " ".join(line.strip() for line in application.description.splitlines() if line.strip())
    identifiers = [
        value
        for value in (application.document_title, application.document_number, application.index_number)
        if value
    ]
    if identifiers:
        text = _("%(description)s（%(identifiers)s）") % {
            "description": text,
            "identifiers": "，".join(identifiers),
        }
    return text


def _opening(application: Application) -> str:
    return _("本机关于%(received)s收到您提出的政府信息公开申请，申请获取“%(request)s”。") % {
        "received": chinese_date(application.received_on),
        "request": _request(application),
    }


def _tracking(application: Application) -> str:
    return _(
        "您的申请登记号为%(register)s，查询码为%(code)s。凭查询码和证件号码或联系电话的后四位，"
        "可以在本机关政府信息公开申请页面查询办理进度、下载本机关出具的文书。"
    ) % {"register": application.register_number, "code": application.tracking_code}


def _working_days(notice: Notice, default: int) -> int:
    """The working days from the notice to its deadline, as the notice gave them."""
    if notice.due_on is None:
        return default
    return working_days_between(notice.issued_on, notice.due_on) or default


def _deadline(day: date | None, working_days: int, counted_from: str) -> str:
    """“自收到本告知书之日起15个工作日内（即2026年12月23日前）”."""
    text = _("自%(counted_from)s之日起%(days)d个工作日内") % {
        "counted_from": counted_from,
        "days": working_days,
    }
    if day is not None:
        text += _("（即%(date)s前）") % {"date": chinese_date(day)}
    return text


def _unit_contact(unit) -> list[str]:
    lines = []
    for label, value in (
        (_("联系地址"), unit.address),
        (_("邮政编码"), unit.postcode),
        (_("联系电话"), unit.phone),
        (_("传真"), unit.fax),
    ):
        if value:
            lines.append(_("%(label)s：%(value)s") % {"label": label, "value": value})
    return lines


# --- the notices ----------------------------------------------------------------------------------


def _receipt(notice: Notice, application: Application) -> tuple[list[str], list[str]]:
    due = notice.due_on or application.due_on
    reply_within = _("本机关将依照%(regulation)s第三十三条的规定，") % {"regulation": REGULATION}
    reply_within += _deadline(due, 20, _("收到申请"))
    reply_within += _(
        "作出答复；需要延长答复期限的，将书面告知您，延长的期限最长不超过20个工作日。"
        "需要您补正申请的，本机关将在收到申请之日起7个工作日内一次性告知。"
        "征求第三方或者其他机关意见、等待您缴纳信息处理费的时间，不计算在答复期限内。"
    )
    return [
        _("本机关于%(received)s收到您以“%(channel)s”方式提出的政府信息公开申请，申请获取“%(request)s”。")
        % {
            "received": chinese_date(application.received_on),
            "channel": application.get_channel_display(),
            "request": _request(application),
        },
        _("您选择的获取方式为“%(delivery)s”，载体形式为“%(carrier)s”。")
        % {
            "delivery": application.get_delivery_method_display(),
            "carrier": application.get_carrier_display(),
        },
        reply_within,
        _tracking(application),
    ], []


def _correction(notice: Notice, application: Application) -> tuple[list[str], list[str]]:
    days = _working_days(notice, 15)
    paragraphs = [
        _opening(application),
        _("经审查，您的申请内容不明确或者不完整。根据%(regulation)s第三十条的规定，请您对以下事项作出补正：")
        % {"regulation": REGULATION},
    ]
    paragraphs += [line.strip() for line in notice.details.splitlines() if line.strip()]
    paragraphs += [
        _("请您%(deadline)s向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。")
        % {"deadline": _deadline(notice.due_on, days, _("收到本告知书"))},
        _("您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"),
        _tracking(application),
    ]
    return paragraphs, []


# services.extend records the approver only in the EXTENDED event's note:
# "延长 5 个工作日，经 王主任 批准。理由：…".
APPROVER_IN_NOTE = re.compile(r"经\s*(?P<approver>[^，。,]+?)\s*批准")


def _extension_approver(notice: Notice, application: Application) -> str:
    """Who approved the extension (there is only one per application)."""
    event = (
        application.events.filter(kind=EventKind.EXTENDED, on__lte=notice.issued_on)
        .order_by("-at", "-pk")
        .first()
    )
    match = APPROVER_IN_NOTE.search(event.note) if event is not None else None
    return match["approver"] if match else ""


def _extension(notice: Notice, application: Application) -> tuple[list[str], list[str]]:
    approver = _extension_approver(notice, application)
    days = application.extension_days or _working_days(notice, 20)
    reason = notice.details.strip()
    decision = _("因%(reason)s，本机关不能在法定期限内作出答复。") % {"reason": reason.rstrip("。")}
    if approver:
        decision += _("经政府信息公开工作机构负责人%(approver)s同意，") % {"approver": approver}
    else:
        decision += _("经政府信息公开工作机构负责人同意，")
    decision += _("根据%(regulation)s第三十三条第二款的规定，答复期限延长%(days)d个工作日") % {
        "regulation": REGULATION,
        "days": days,
    }
    if notice.due_on:
        decision += _("，本机关将于%(date)s前作出答复") % {"date": chinese_date(notice.due_on)}
    decision += "。"
    return [_opening(application), decision, _tracking(application)], []


def _third_party(notice: Notice, application: Application) -> tuple[list[str], list[str]]:
    # The third party learns what was asked for, never who asked.
    days = _working_days(notice, 15)
    return [
        _("本机关于%(received)s收到一份政府信息公开申请，申请获取“%(request)s”。")
        % {"received": chinese_date(application.received_on), "request": _request(application)},
        _(
            "经审查，申请公开的政府信息可能涉及您（单位）的商业秘密、个人隐私等合法权益，公开后可能损害您（单位）的合法权益。"
            "根据%(regulation)s第三十二条的规定，现书面征求您（单位）的意见。"
        )
        % {"regulation": REGULATION},
        _("请您（单位）%(deadline)s向本机关提出书面意见，同意或者不同意公开，不同意公开的请说明理由。")
        % {"deadline": _deadline(notice.due_on, days, _("收到本意见书"))},
        _(
            "逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。第三方不同意公开且有合理理由的，"
            "行政机关不予公开；行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
            "并将决定公开的政府信息内容和理由书面告知第三方。"
        ),
    ], []


def _fee_rate(method: str) -> str:
    if method == FeeMethod.PER_PAGE:
        return _(
            "按量计收：同一申请人一份申请的信息量，30页以下（含30页）的，不收费；31—100页（含100页）的部分，"
            "每页10元；101—200页（含200页）的部分，每页20元；200页以上的部分，每页40元。"
        )
    return _(
        "按件计收：同一申请人在一个自然月内累计申请10件以下（含10件）的，不收费；11—30件的部分，每件100元；"
        "30件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。"
    )


def _fee(notice: Notice, application: Application) -> tuple[list[str], list[str]]:
    days = _working_days(notice, 20)
    method = application.fee_method or FeeMethod.PER_APPLICATION
    method_line = _("计收方式：%(method)s") % {"method": FeeMethod(method).label}
    if method == FeeMethod.PER_PAGE and application.fee_pages:
        method_line += _("（共%(pages)d页）") % {"pages": application.fee_pages}
    amount = application.fee_amount
    amount_text = f"{amount:.2f}" if amount is not None else "—"
    return [
        _opening(application),
        _(
            "您申请公开政府信息的数量、频次明显超过合理范围。根据%(regulation)s第四十二条和%(rules)s的规定，"
            "本机关决定收取信息处理费，现将有关事项通知如下："
        )
        % {"regulation": REGULATION, "rules": FEE_RULES},
        _("收费依据：%(regulation)s第四十二条；%(rules)s。") % {"regulation": REGULATION, "rules": FEE_RULES},
        method_line + "。",
        _("收费标准：%(rate)s") % {"rate": _fee_rate(method)},
        *(
            [_("计算方法：%(details)s") % {"details": notice.details.strip()}]
            if notice.details.strip()
            else []
        ),
        _("收费金额：人民币%(amount)s元。") % {"amount": amount_text},
        _("请您%(deadline)s缴纳信息处理费；缴费方式请与本机关联系。")
        % {"deadline": _deadline(notice.due_on, days, _("收到本通知书"))},
        _("自本机关发出收费通知之日起至您缴费之日止的期间，不计算在政府信息公开申请的答复期限内。"),
        _("您逾期未缴纳信息处理费的，视为放弃申请，本机关不再处理该政府信息公开申请。"),
        _(
            "如对本收费决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，"
            "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。"
        ),
        _tracking(application),
    ], []


# --- the reply ------------------------------------------------------------------------------------


def _legal_basis(application: Application) -> str:
    kind = REPLY_KINDS.get(application.reply_type)
    basis = (application.legal_basis or (str(kind.basis) if kind else REGULATION)).strip().rstrip("。；;")
    if basis.endswith("规定"):
        return basis
    return basis + _("的规定")


def _reply(notice: Notice, application: Application) -> tuple[list[str], list[str]]:
    kind = REPLY_KINDS.get(application.reply_type)
    opening = _opening(application)
    corrected = application.events.filter(kind=EventKind.CORRECTED).order_by("-at", "-pk").first()
    if corrected is not None:
        opening = opening.rstrip("。") + _("，并于%(date)s收到您的补正。") % {
            "date": chinese_date(corrected.on)
        }
    paragraphs = [opening]
    if application.already_public_at:
        paragraphs.append(
            _("经审查，您申请获取的政府信息已经主动公开，您可以通过以下途径获取：%(where)s。")
            % {"where": application.already_public_at.strip().rstrip("。")}
        )
    if kind is not None and not (
        application.already_public_at and application.reply_type == ReplyType.DISCLOSED
    ):
        paragraphs.append(str(kind.wording))
    if application.reply_reason.strip():
        paragraphs += [line.strip() for line in application.reply_reason.splitlines() if line.strip()]
    paragraphs.append(_("根据%(basis)s，特此答复。") % {"basis": _legal_basis(application)})
    files: list[ReplyFile] = list(application.reply_files.all())
    if kind is not None and kind.discloses:
        delivery = _(
            "本机关按照您选择的获取方式（%(delivery)s）和载体形式（%(carrier)s）提供上述政府信息"
        ) % {
            "delivery": application.get_delivery_method_display(),
            "carrier": application.get_carrier_display(),
        }
        delivery += _("，见附件。") if files else "。"
        paragraphs.append(delivery)
    paragraphs.append(str(REMEDIES))
    paragraphs.append(_tracking(application))
    attachments = [
        _("%(index)d. %(title)s") % {"index": index, "title": reply_file.title}
        for index, reply_file in enumerate(files, start=1)
    ]
    return paragraphs, attachments


# --- layout ---------------------------------------------------------------------------------------


def render_docx(letter: Letter) -> bytes:
    """The letter as a Word document (python-docx), A4 with the margins of GB/T 9704."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = official_document(letter.title, letter.signature)

    def add(text: str, *, align=None, indent: bool = False, font: str | None = None, size: float = 16):
        paragraph = document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
        run = paragraph.add_run(text)
        if font is not None:
            docx_fonts(run, font, size)
        return paragraph

    add_title(document, letter.title)
    add(letter.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    add("")
    add(letter.addressee)
    for text in letter.paragraphs:
        add(text, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if letter.attachments:
        add("")
        add(_("附件："), indent=True)
        for line in letter.attachments:
            add(line, indent=True)
    add("")
    add(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add(letter.date_line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if letter.contact:
        add("")
        for line in letter.contact:
            add(line, font=DOCX_BODY_FONT, size=14)
    return document_bytes(document)


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF (WeasyPrint), set in the server's Noto CJK fonts (fonts-noto-cjk), which
    WeasyPrint embeds as subsets: the text stays text, extractable and searchable."""
    from weasyprint import CSS, HTML

    with translation.override("zh-hans"):
        html = render_to_string("foi/letters/letter.html", {"letter": letter})
        css = render_to_string("foi/letters/letter.css")
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])


RENDERERS = {
    "docx": (render_docx, DOCX_CONTENT_TYPE),
    "pdf": (render_pdf, PDF_CONTENT_TYPE),
}


def notice_response(notice: Notice, fmt: str) -> HttpResponse:
    """The notice's letter as a download, `平原镇公复〔2026〕3号.pdf`. The callers check who may have
    it; a letter carries personal data, so no cache keeps a copy."""
    if fmt not in RENDERERS:
        raise Http404
    render, content_type = RENDERERS[fmt]
    letter = letter_for(notice)
    response = HttpResponse(render(letter), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{letter.filename_stem}.{fmt}")
    response["Cache-Control"] = "private, no-store"
    return response
