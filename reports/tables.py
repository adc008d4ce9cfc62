"""The rows and columns of the annual report's tables, in the official order and wording
(国办公开办函〔2021〕30号). The public page, the admin panel, the XLSX and the DOCX all lay the
tables out from here, so the labels are written once."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SECTION_TITLES = {
    "one": _("一、总体情况"),
    "two": _("二、主动公开政府信息情况"),
    "three": _("三、收到和处理政府信息公开申请情况"),
    "four": _("四、政府信息公开行政复议、行政诉讼情况"),
    "five": _("五、存在的主要问题及改进情况"),
    "six": _("六、其他需要报告的事项"),
}

# --- Table 二 ----------------------------------------------------------------------------------
# Four blocks, each under the item of 条例 Art. 20 it reports on.
TABLE2_DOCUMENT_ROWS = [("rules", _("规章")), ("normative", _("行政规范性文件"))]
TABLE2_DOCUMENT_MEASURES = [
    ("issued", _("本年制发件数")),
    ("repealed", _("本年废止件数")),
    ("valid", _("现行有效件数")),
]
TABLE2_DECISION_BLOCKS = [
    (_("第二十条第（五）项"), _("本年处理决定数量"), [("licensing", _("行政许可"))]),
    (
        _("第二十条第（六）项"),
        _("本年处理决定数量"),
        [("penalty", _("行政处罚")), ("coercion", _("行政强制"))],
    ),
    (_("第二十条第（八）项"), _("本年收费金额（单位：万元）"), [("fees", _("行政事业性收费"))]),
]
TABLE2_DOCUMENT_ITEM = _("第二十条第（一）项")
TABLE2_CONTENT_HEADING = _("信息内容")

# --- Table 三 ----------------------------------------------------------------------------------
TABLE3_COLUMNS = [
    ("citizen", _("自然人")),
    ("commercial", _("商业企业")),
    ("research", _("科研机构")),
    ("public_welfare", _("社会公益组织")),
    ("legal_service", _("法律服务机构")),
    ("other", _("其他")),
    ("total", _("总计")),
]
TABLE3_COLUMN_KEYS = [key for key, _label in TABLE3_COLUMNS]
TABLE3_APPLICANT_HEADING = _("申请人情况")
TABLE3_ORGANISATION_HEADING = _("法人或其他组织")
TABLE3_CHECK_NOTE = _("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")


@dataclass(frozen=True)
class Row:
    key: str  # "new", "carried_in", a Table 三 result row such as "（三）4", "results_total", "carried_out"
    label: str
    level: int  # 0: a main row (一、二、三、四); 1: （一）…（七）; 2: the numbered items under them
    counted: bool = True  # False: a heading row with no figures of its own (（三）不予公开 …)


RESULT_GROUPS = [
    ("（一）", _("予以公开")),
    ("（二）", _("部分公开（区分处理的，只计这一情形，不计其他情形）")),
    ("（三）", _("不予公开")),
    ("（四）", _("无法提供")),
    ("（五）", _("不予处理")),
    ("（六）", _("其他处理")),
]

# The full text of the sub-items, as the form prints them.
RESULT_ITEM_LABELS = {
    "（三）1": _("1.属于国家秘密"),
    "（三）2": _("2.其他法律行政法规禁止公开"),
    "（三）3": _("3.危及“三安全一稳定”"),
    "（三）4": _("4.保护第三方合法权益"),
    "（三）5": _("5.属于三类内部事务信息"),
    "（三）6": _("6.属于四类过程性信息"),
    "（三）7": _("7.属于行政执法案卷"),
    "（三）8": _("8.属于行政查询事项"),
    "（四）1": _("1.本机关不掌握相关政府信息"),
    "（四）2": _("2.没有现成信息需要另行制作"),
    "（四）3": _("3.补正后申请内容仍不明确"),
    "（五）1": _("1.信访举报投诉类申请"),
    "（五）2": _("2.重复申请"),
    "（五）3": _("3.要求提供公开出版物"),
    "（五）4": _("4.无正当理由大量反复申请"),
    "（五）5": _("5.要求行政机关确认或重新出具已获取信息"),
    "（六）1": _("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    "（六）2": _("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "（六）3": _("3.其他"),
}


def table3_rows() -> list[Row]:
    rows = [
        Row("new", _("一、本年新收政府信息公开申请数量"), 0),
        Row("carried_in", _("二、上年结转政府信息公开申请数量"), 0),
        Row("results", _("三、本年度办理结果"), 0, counted=False),
    ]
    for group, label in RESULT_GROUPS:
        items = [key for key in RESULT_ITEM_LABELS if key.startswith(group)]
        if items:
            rows.append(Row(group, f"{group}{label}", 1, counted=False))
            rows.extend(Row(key, RESULT_ITEM_LABELS[key], 2) for key in items)
        else:
            rows.append(Row(group, f"{group}{label}", 1))
    rows.append(Row("results_total", _("（七）总计"), 1))
    rows.append(Row("carried_out", _("四、结转下年度继续办理"), 0))
    return rows


# The rows an application's reply is counted in (each reply type of foi/replies.py names one).
RESULT_ROW_KEYS = ["（一）", "（二）", *RESULT_ITEM_LABELS]

# --- Table 四 ----------------------------------------------------------------------------------
TABLE4_GROUPS = [
    ("reconsideration", _("行政复议")),
    ("direct_suit", _("行政诉讼：未经复议直接起诉")),
    ("suit_after_reconsideration", _("行政诉讼：复议后起诉")),
]
TABLE4_COLUMNS = [
    ("upheld", _("结果维持")),
    ("corrected", _("结果纠正")),
    ("other", _("其他结果")),
    ("pending", _("尚未审结")),
    ("total", _("总计")),
]
TABLE4_LITIGATION_HEADING = _("行政诉讼")
TABLE4_DIRECT_HEADING = _("未经复议直接起诉")
TABLE4_AFTER_HEADING = _("复议后起诉")
