"""Wrong or outdated wording and impossible or future dates in government text.

The wording list is the county's own (the `review` app keeps it, editable by the county office):
common miswritten words (错别字, e.g. 做为 for 作为), variant forms official writing avoids (其它 for
其他, 帐号 for 账号), and the names of bodies abolished in the 2018 institutional reform. Dates are
read as 公文 write them (GB/T 9704-2012: the 成文日期 in Arabic numerals, 2026年2月1日) and in ISO
8601 form (2026-02-01).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .findings import FUTURE_DATE, IMPOSSIBLE_DATE, WORDING, Finding

# Years of this and the last century only: a run like 0871-12-34 (an area code) is not a date.
_YEAR = r"(?<!\d)((?:19|20)\d{2})"
DATE_PATTERNS = (
    re.compile(_YEAR + r"\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"),
    re.compile(_YEAR + r"-(\d{1,2})-(\d{1,2})(?!\d)"),
    re.compile(_YEAR + r"/(\d{1,2})/(\d{1,2})(?!\d)"),
)


def find_expressions(text: str, pairs: Iterable[tuple[str, str]]) -> list[Finding]:
    """Each occurrence in `text` of a wrong expression from `pairs` of (wrong, suggestion).

    Where two listed expressions overlap, the longer one is found (截止目前 rather than 截止), and
    occurrences do not overlap.
    """
    suggestions = {wrong: suggestion for wrong, suggestion in pairs if wrong}
    if not suggestions:
        return []
    pattern = re.compile("|".join(re.escape(wrong) for wrong in sorted(suggestions, key=len, reverse=True)))
    return [
        Finding(WORDING, match.start(), match.end(), match.group(), suggestion=suggestions[match.group()])
        for match in pattern.finditer(text)
    ]


def find_dates(text: str, today: date | None = None) -> list[Finding]:
    """Dates in `text` that do not exist (2026年2月30日, 2026-13-01) and, when `today` is given,
    dates after it. A future date's suggestion is its ISO form."""
    findings: list[Finding] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            year, month, day = (int(part) for part in match.groups())
            try:
                written = date(year, month, day)
            except ValueError:
                findings.append(Finding(IMPOSSIBLE_DATE, match.start(), match.end(), match.group()))
                continue
            if today is not None and written > today:
                findings.append(
                    Finding(
                        FUTURE_DATE, match.start(), match.end(), match.group(), suggestion=written.isoformat()
                    )
                )
    return sorted(findings, key=lambda finding: finding.start)
