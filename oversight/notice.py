"""The county's 通报 drafted from a day's ranking (issue 14, "a notice can be drafted from the
ranking"): the office reviews the draft on screen, sets its 文号 and period, and downloads it as a
Word document to finish and issue through its own document system.

The draft follows the usual shape of a county's inspection notice: the issuer's title, 文号, the
units it is addressed to, the purpose, then 一 总体情况, 二 检查结果 (the ranking as a table),
三 表扬和批评, 四 存在的主要问题 (each scored indicator, with the units behind it), 五 工作要求
with a rectification deadline in working days, and the signature and date. The thresholds are the
national check's: 60 points is the pass mark (国办秘函〔2019〕19号), 90 and above is praised when
no single-veto item is flagged.

`draft_notice` builds the text once; the preview template and `notice_document` only lay it out,
so both always say the same thing. The notice is an official document: written in Chinese
whatever language the admin is shown in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from sites.models import Unit, UnitKind
from sites.official_documents import (
    DOCX_BODY_FONT,
    DOCX_TITLE_FONT,
    TABLE_SIZE,
    TEXT_WIDTH_MM,
    add_title,
    chinese_date,
    docx_fonts,
    mark_header_row,
    official_document,
)
from workdays.services import add_working_days

from . import services
from .models import Deduction, UnitScore
from .rules import VETO_RULES

OFFICIAL_LANGUAGE = "zh-hans"
PASS_SCORE = Decimal(60)
PRAISE_SCORE = Decimal(90)
RECTIFY_WORKING_DAYS = 10
UNITS_NAMED = 10  # in 四, an indicator lists at most this many units, then "等"

# 主送: the kinds of unit a county notice is addressed to, in the usual order. Village committees
# are reached through their townships.
ADDRESSEES = (
    (UnitKind.TOWNSHIP, "各乡（镇）人民政府"),
    (UnitKind.FARM, "各农场"),
    (UnitKind.COUNTY_BUREAU, "县直各部门"),
)

CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass
class Block:
    """One piece of the notice's body: a heading, a paragraph, or the ranking table."""

    kind: str  # "heading", "paragraph" or "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table's rows, the first is its header


@dataclass
class NoticeDraft:
    title: str
    number: str
    addressee: str
    blocks: list[Block]
    issuer: str
    date_line: str

    @property
    def filename(self) -> str:
        return f"{self.title}.docx"


def issuer_name() -> str:
    """The county government's office, which issues the notice: the unit registered as
    县政府办公室, or the portal's name followed by 办公室."""
    office = Unit.objects.active().filter(kind=UnitKind.COUNTY_OFFICE).order_by("sort_order", "pk").first()
    return office.name if office else f"{settings.WAGTAIL_SITE_NAME}办公室"


def addressee_line(units: list[Unit]) -> str:
    kinds = {unit.kind for unit in units}
    parts = [text for kind, text in ADDRESSEES if kind in kinds]
    return ("，".join(parts) or "各单位") + "："


def _names(units: list[Unit]) -> str:
    return "、".join(unit.name for unit in units)


def _flags(score: UnitScore) -> str:
    return "；".join(flag["label"] for flag in score.red_flags)


def _overview(rows: list[services.RankedScore], portal: UnitScore | None) -> str:
    scores = [row.score.score for row in rows]
    average = (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.1")) if scores else Decimal(0)
    excellent = sum(1 for score in scores if score >= PRAISE_SCORE)
    failed = sum(1 for score in scores if score < PASS_SCORE)
    vetoed = sum(1 for row in rows if row.score.red_flags)
    text = _(
        "本次共检查%(count)d个单位，平均得分%(average)s分。其中90分及以上%(excellent)d个，"
        "60分至90分%(middle)d个，60分以下（不合格）%(failed)d个；%(vetoed)d个单位存在单项否决问题。"
    ) % {
        "count": len(rows),
        "average": average,
        "excellent": excellent,
        "middle": len(rows) - excellent - failed,
        "failed": failed,
        "vetoed": vetoed,
    }
    if portal is not None and portal.red_flags:
        text += _("门户网站存在单项否决问题：%(flags)s，按国家政府网站检查指标为不合格。") % {
            "flags": _flags(portal)
        }
    elif portal is not None:
        text += _("门户网站未发现单项否决问题。")
    return text


def _ranking_table(rows: list[services.RankedScore]) -> list[list[str]]:
    table = [[_("名次"), _("单位"), _("得分"), _("单项否决")]]
    for row in rows:
        table.append([str(row.rank), row.unit.name, str(row.score.score), _flags(row.score) or "—"])
    return table


def _praise_and_criticism(rows: list[services.RankedScore]) -> list[str]:
    praised = [row.unit for row in rows if row.score.score >= PRAISE_SCORE and not row.score.red_flags]
    criticised = [row.unit for row in rows if row.score.score < PASS_SCORE or row.score.red_flags]
    paragraphs = []
    if praised:
        paragraphs.append(
            _("%(units)s等%(count)d个单位得分在90分及以上且无单项否决问题，予以表扬。")
            % {"units": _names(praised), "count": len(praised)}
        )
    else:
        paragraphs.append(_("本次检查没有得分在90分及以上且无单项否决问题的单位。"))
    if criticised:
        paragraphs.append(
            _("%(units)s等%(count)d个单位得分低于60分或存在单项否决问题，予以通报批评。")
            % {"units": _names(criticised), "count": len(criticised)}
        )
    else:
        paragraphs.append(_("本次检查没有得分低于60分或存在单项否决问题的单位。"))
    return paragraphs


def _problems(rows: list[services.RankedScore], labels: dict[str, str]) -> list[str]:
    """Each indicator that costs points or can veto, with the units it found items in, most first."""
    scored = set(
        Deduction.objects.filter(active=True, points_per_item__gt=0).values_list("indicator_key", flat=True)
    ) | {rule.key for rule in VETO_RULES}
    found: dict[str, list[tuple[Unit, int]]] = defaultdict(list)
    for row in rows:
        for key, count in row.counts.items():
            if count and key in scored:
                found[key].append((row.unit, count))
    ordered = sorted(found.items(), key=lambda item: (-sum(count for _unit, count in item[1]), item[0]))
    paragraphs = []
    for position, (key, units) in enumerate(ordered):
        units.sort(key=lambda item: (-item[1], item[0].sort_order, item[0].pk))
        named = "、".join(
            _("%(unit)s%(count)d项") % {"unit": unit.name, "count": count}
            for unit, count in units[:UNITS_NAMED]
        )
        if len(units) > UNITS_NAMED:
            named += _("等")
        paragraphs.append(
            _("（%(numeral)s）%(label)s。%(units)d个单位共%(total)d项：%(named)s。")
            % {
                "numeral": CHINESE_NUMERALS[position] if position < len(CHINESE_NUMERALS) else position + 1,
                "label": labels.get(key, key),
                "units": len(units),
                "total": sum(count for _unit, count in units),
                "named": named,
            }
        )
    return paragraphs or [_("本次检查未发现扣分问题。")]


def _requirements(issuer: str, issued_on: date) -> list[str]:
    deadline = add_working_days(issued_on, RECTIFY_WORKING_DAYS).due
    return [
        _(
            "（一）立即整改。各单位要对照本通报指出的问题逐项整改，于%(deadline)s前完成，"
            "并将整改情况书面报送%(issuer)s。"
        )
        % {"deadline": chinese_date(deadline), "issuer": issuer},
        _(
            "（二）压实责任。被通报批评的单位要认真分析原因，主要负责同志要亲自过问，"
            "明确专人负责，确保整改到位，杜绝同类问题反复出现。"
        ),
        _(
            "（三）加强日常监管。县政务公开工作主管部门将每日开展监测，定期通报检查结果，"
            "检查结果纳入年度政务公开工作绩效考核。"
        ),
    ]


def default_period(day: date) -> str:
    return _("%(year)d年%(month)d月") % {"year": day.year, "month": day.month}


def draft_notice(day: date, *, issued_on: date, number: str = "", period: str = "") -> NoticeDraft:
    """The notice of the day's ranking, dated `issued_on`; `period` names what was checked
    (by default the day's month, "2026年11月")."""
    with translation.override(OFFICIAL_LANGUAGE):
        rows = services.ranking(day)
        labels = services.indicator_labels()
        portal = UnitScore.objects.filter(day=day, unit__isnull=True).first()
        issuer = issuer_name()
        period = period or default_period(day)
        blocks = [
            Block(
                "paragraph",
                _(
                    "为深入推进基层政务公开标准化规范化工作，按照本县实施方案要求，县政务公开工作主管部门依托"
                    "政务公开监管系统，对截至%(day)s全县%(count)d个单位的政务公开工作开展了检查，"
                    "按国家政府网站与政务新媒体检查指标和本县扣分标准逐项计分。现将检查情况通报如下。"
                )
                % {"day": chinese_date(day), "count": len(rows)},
            ),
            Block("heading", _("一、总体情况")),
            Block("paragraph", _overview(rows, portal)),
            Block("heading", _("二、检查结果")),
            Block("paragraph", _("各单位得分及排名如下（满分100分，另计加分）：")),
            Block("table", rows=_ranking_table(rows)),
            Block("heading", _("三、表扬和批评")),
            *[Block("paragraph", text) for text in _praise_and_criticism(rows)],
            Block("heading", _("四、存在的主要问题")),
            *[Block("paragraph", text) for text in _problems(rows, labels)],
            Block("heading", _("五、工作要求")),
            *[Block("paragraph", text) for text in _requirements(issuer, issued_on)],
        ]
        return NoticeDraft(
            title=_("%(issuer)s关于%(period)s全县政务公开工作检查情况的通报")
            % {"issuer": issuer, "period": period},
            number=number,
            addressee=addressee_line([row.unit for row in rows]),
            blocks=blocks,
            issuer=issuer,
            date_line=chinese_date(issued_on),
        )


def _write_table(document, rows: list[list[str]]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    shares = (1, 5, 1.5, 4.5)
    widths = [Mm(TEXT_WIDTH_MM * share / sum(shares)) for share in shares]
    mark_header_row(table.rows[0])
    for row_index, values in enumerate(rows):
        for column_index, value in enumerate(values):
            cell = table.cell(row_index, column_index)
            cell.width = widths[column_index]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing = 1.0
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if column_index in (1, 3) else WD_ALIGN_PARAGRAPH.CENTER
            )
            docx_fonts(paragraph.add_run(value), DOCX_BODY_FONT, TABLE_SIZE, bold=row_index == 0)


def notice_document(draft: NoticeDraft):
    """The draft as a Word document on the GB/T 9704 page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = official_document(draft.title, draft.issuer)
    if draft.number:
        number = document.add_paragraph()
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        number.add_run(draft.number)
    add_title(document, draft.title)
    document.add_paragraph()
    document.add_paragraph(draft.addressee)
    for block in draft.blocks:
        if block.kind == "table":
            _write_table(document, block.rows)
            continue
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
        if block.kind == "heading":
            paragraph.paragraph_format.keep_with_next = True
            docx_fonts(paragraph.add_run(block.text), DOCX_TITLE_FONT, 16)
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.add_run(block.text)
    document.add_paragraph()
    for line in (draft.issuer, draft.date_line):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return document
