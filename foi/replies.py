"""The reply types of an application, one per row of the annual report's Table 三.

国办公开办函〔2021〕30号 counts every application handled in the year in exactly one row of
三、本年度办理结果, so the reply type *is* the row: the report (issue 13) adds them up without
asking anyone. Each type carries the wording a reply letter uses, the 条例 (2019) article it rests
on by default, and whether the reply hands over information (then a 保密审查 comes first).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplyType(models.TextChoices):
    DISCLOSED = "disclosed", _("予以公开")
    PARTLY_DISCLOSED = "partly_disclosed", _("部分公开")
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("不予公开：属于国家秘密")
    WITHHELD_BY_LAW = "withheld_by_law", _("不予公开：其他法律行政法规禁止公开")
    WITHHELD_SAFETY = "withheld_safety", _("不予公开：危及“三安全一稳定”")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("不予公开：保护第三方合法权益")
    WITHHELD_INTERNAL = "withheld_internal", _("不予公开：属于三类内部事务信息")
    WITHHELD_PROCESS = "withheld_process", _("不予公开：属于四类过程性信息")
    WITHHELD_ENFORCEMENT = "withheld_enforcement", _("不予公开：属于行政执法案卷")
    WITHHELD_QUERY = "withheld_query", _("不予公开：属于行政查询事项")
    NOT_HELD = "not_held", _("无法提供：本机关不掌握相关政府信息")
    NEEDS_CREATION = "needs_creation", _("无法提供：没有现成信息需要另行制作")
    STILL_UNCLEAR = "still_unclear", _("无法提供：补正后申请内容仍不明确")
    PETITION = "petition", _("不予处理：信访举报投诉类申请")
    REPEATED = "repeated", _("不予处理：重复申请")
    PUBLICATION = "publication", _("不予处理：要求提供公开出版物")
    EXCESSIVE = "excessive", _("不予处理：无正当理由大量反复申请")
    CONFIRMATION = "confirmation", _("不予处理：要求行政机关确认或重新出具已获取信息")
    NOT_CORRECTED = "not_corrected", _("其他处理：申请人无正当理由逾期不补正")
    NOT_PAID = "not_paid", _("其他处理：申请人逾期未按收费通知要求缴纳费用")
    OTHER = "other", _("其他处理：其他")


@dataclass(frozen=True)
class ReplyKind:
    row: str  # the row of Table 三, as the form numbers it
    group: str  # the row's heading: 予以公开, 不予公开, …
    basis: str  # the default legal basis; staff may add to it
    wording: str  # the decision as the reply letter states it
    discloses: bool  # hands information over: a 保密审查 comes before the reply


REPLY_KINDS: dict[str, ReplyKind] = {
    ReplyType.DISCLOSED: ReplyKind(
        "（一）",
        _("予以公开"),
        _("《中华人民共和国政府信息公开条例》第三十六条第（二）项"),
        _("经审查，您申请获取的政府信息属于公开范围，本机关决定予以公开。"),
        True,
    ),
    ReplyType.PARTLY_DISCLOSED: ReplyKind(
        "（二）",
        _("部分公开"),
        _("《中华人民共和国政府信息公开条例》第三十七条"),
        _("经审查，您申请获取的政府信息中含有不应当公开的内容，本机关作区分处理，决定部分公开。"),
        True,
    ),
    ReplyType.WITHHELD_STATE_SECRET: ReplyKind(
        "（三）1",
        _("不予公开"),
        _("《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"),
        _("经审查，您申请获取的政府信息属于国家秘密，依法不予公开。"),
        False,
    ),
    ReplyType.WITHHELD_BY_LAW: ReplyKind(
        "（三）2",
        _("不予公开"),
        _("《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"),
        _("经审查，您申请获取的政府信息属于法律、行政法规禁止公开的信息，依法不予公开。"),
        False,
    ),
    ReplyType.WITHHELD_SAFETY: ReplyKind(
        "（三）3",
        _("不予公开"),
        _("《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"),
        _("经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。"),
        False,
    ),
    ReplyType.WITHHELD_THIRD_PARTY: ReplyKind(
        "（三）4",
        _("不予公开"),
        _("《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项"),
        _(
            "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，依法不予公开。"
        ),
        False,
    ),
    ReplyType.WITHHELD_INTERNAL: ReplyKind(
        "（三）5",
        _("不予公开"),
        _("《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项"),
        _("经审查，您申请获取的信息属于人事管理、后勤管理、内部工作流程等内部事务信息，本机关决定不予公开。"),
        False,
    ),
    ReplyType.WITHHELD_PROCESS: ReplyKind(
        "（三）6",
        _("不予公开"),
        _("《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"),
        _(
            "经审查，您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
            "磋商信函、请示报告等过程性信息，本机关决定不予公开。"
        ),
        False,
    ),
    ReplyType.WITHHELD_ENFORCEMENT: ReplyKind(
        "（三）7",
        _("不予公开"),
        _("《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"),
        _("经审查，您申请获取的信息属于行政执法案卷信息，本机关决定不予公开。"),
        False,
    ),
    ReplyType.WITHHELD_QUERY: ReplyKind(
        "（三）8",
        _("不予公开"),
        _("《中华人民共和国政府信息公开条例》第三十六条第（七）项"),
        _(
            "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对信息的获取有特别规定，请依照有关规定办理。"
        ),
        False,
    ),
    ReplyType.NOT_HELD: ReplyKind(
        "（四）1",
        _("无法提供"),
        _("《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项"),
        _("经检索查找，本机关不掌握您申请获取的政府信息。"),
        False,
    ),
    ReplyType.NEEDS_CREATION: ReplyKind(
        "（四）2",
        _("无法提供"),
        _("《中华人民共和国政府信息公开条例》第三十八条"),
        _("经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关没有现成信息，不予提供。"),
        False,
    ),
    ReplyType.STILL_UNCLEAR: ReplyKind(
        "（四）3",
        _("无法提供"),
        _("《中华人民共和国政府信息公开条例》第二十九条、第三十条"),
        _("您补正后的申请内容仍不明确，本机关无法确定您申请获取的政府信息，无法提供。"),
        False,
    ),
    ReplyType.PETITION: ReplyKind(
        "（五）1",
        _("不予处理"),
        _("《中华人民共和国政府信息公开条例》第三十九条第一款"),
        _(
            "您提出的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动，"
            "本机关不作为政府信息公开申请处理，请通过信访、投诉、举报渠道提出。"
        ),
        False,
    ),
    ReplyType.REPEATED: ReplyKind(
        "（五）2",
        _("不予处理"),
        _("《中华人民共和国政府信息公开条例》第三十六条第（六）项"),
        _("本机关已就您申请获取的政府信息作出答复，您重复申请公开相同政府信息，本机关不予重复处理。"),
        False,
    ),
    ReplyType.PUBLICATION: ReplyKind(
        "（五）3",
        _("不予处理"),
        _("《中华人民共和国政府信息公开条例》第三十九条第二款"),
        _("您申请获取的是公开出版物，请通过公开渠道获取，本机关不予处理。"),
        False,
    ),
    ReplyType.EXCESSIVE: ReplyKind(
        "（五）4",
        _("不予处理"),
        _("《中华人民共和国政府信息公开条例》第三十五条"),
        _("您申请公开政府信息的数量、频次明显超过合理范围，且未说明理由或理由不合理，本机关不予处理。"),
        False,
    ),
    ReplyType.CONFIRMATION: ReplyKind(
        "（五）5",
        _("不予处理"),
        _("《中华人民共和国政府信息公开条例》第三十九条第二款"),
        _("您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请，本机关不予处理。"),
        False,
    ),
    ReplyType.NOT_CORRECTED: ReplyKind(
        "（六）1",
        _("其他处理"),
        _("《中华人民共和国政府信息公开条例》第三十条"),
        _("您无正当理由逾期未补正申请，视为放弃申请，本机关不再处理该政府信息公开申请。"),
        False,
    ),
    ReplyType.NOT_PAID: ReplyKind(
        "（六）2",
        _("其他处理"),
        _(
            "《中华人民共和国政府信息公开条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        ),
        _("您逾期未按收费通知要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。"),
        False,
    ),
    ReplyType.OTHER: ReplyKind(
        "（六）3",
        _("其他处理"),
        _("《中华人民共和国政府信息公开条例》"),
        _("本机关对您的申请作如下处理："),
        False,
    ),
}

# Each 不予公开 and the partial disclosure say why in the letter; so do the catch-all rows.
REASON_REQUIRED = frozenset(
    {ReplyType.PARTLY_DISCLOSED, ReplyType.OTHER}
    | {code for code, kind in REPLY_KINDS.items() if kind.row.startswith("（三）")}
)

# The remedies every decision letter states (条例 Art. 51; 行政复议法 Art. 20; 行政诉讼法 Art. 46).
REMEDIES = _(
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
    "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
)
