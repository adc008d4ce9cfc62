"""The single-veto items (单项否决) of the national website check, as thresholds on indicators'
findings (国办秘函〔2019〕19号 part 1; ../shared/reference/ogi-rules.md, "Website checking
indicators"). A site fails outright when any holds, whatever its score.

Each rule names the indicator whose findings it counts. For the portal the whole site counts (a
unit's section is part of the county portal); for a unit, its own section's findings, for the
rules that apply to one section (`per_unit`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class VetoRule:
    key: str  # the indicator whose findings are counted
    label: str  # what fails, in the words of the check
    threshold: int  # vetoed at this many findings or more
    per_unit: bool = True  # also applied to each unit's own section


VETO_RULES = (
    VetoRule("portal.home_not_updated", _("首页栏目超过 2 周未更新"), 1, per_unit=False),
    VetoRule("disclosure.stale_columns", _("超期未更新栏目 5 个及以上"), 5),
    VetoRule("disclosure.empty_columns", _("空白栏目 5 个及以上"), 5),
    VetoRule(
        "participation.messages_unanswered_three_months",
        _("近一年内有效留言超过 3 个月未答复"),
        1,
    ),
    VetoRule("portal.no_consultation_channel", _("无互动交流（咨询留言）渠道"), 1, per_unit=False),
    VetoRule("services.guides_incomplete", _("办事指南缺失要素"), 1),
    VetoRule("portal.slow_page_loads", _("一周内超过 5% 的页面访问用时 15 秒及以上"), 1, per_unit=False),
)

# The probe's rule (19号: "unreachable"): a page load of 15 s or more, or one that failed, counts
# against the site; more than 5 % of them over a week vetoes it.
SLOW_SECONDS = 15.0
SLOW_SHARE = 0.05
SLOW_WINDOW_DAYS = 7
