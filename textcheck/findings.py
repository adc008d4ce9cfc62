"""What a check finds in a text, and masking the personal data it found."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

# The kinds of finding. Personal data carries a masked form; the others carry a suggestion.
ID_NUMBER = "id_number"
MOBILE = "mobile"
BANK_CARD = "bank_card"
WORDING = "wording"
IMPOSSIBLE_DATE = "impossible_date"
FUTURE_DATE = "future_date"
PERSONAL_KINDS = frozenset({ID_NUMBER, MOBILE, BANK_CARD})


@dataclass(frozen=True)
class Finding:
    """One match in a text: `text == source[start:end]`."""

    kind: str
    start: int
    end: int
    text: str
    masked: str = ""  # personal data as it may be shown, e.g. "138****1234"
    suggestion: str = ""  # wording: what to write instead; dates: why the date is wrong

    @property
    def is_personal(self) -> bool:
        return self.kind in PERSONAL_KINDS

    @property
    def shown(self) -> str:
        """How the finding may be shown to staff and logged: never the number in full."""
        return self.masked or self.text

    def fingerprint(self, key: bytes) -> str:
        """A keyed digest (HMAC-SHA256) of kind and matched text, to remember an accepted false
        positive without storing the number. Keyed, because an unkeyed hash of an ID number is
        found again by trying every birth date and sequence number."""
        return hmac.new(key, f"{self.kind}:{self.text}".encode(), hashlib.sha256).hexdigest()


def mask(text: str, findings: Iterable[Finding]) -> str:
    """`text` with every personal-data finding replaced by its masked form.

    A finding whose span no longer holds its matched text (the text changed since the check ran)
    is left alone rather than masking the wrong characters; overlapping findings keep the first.
    """
    pieces: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if (
            not finding.masked
            or finding.start < position
            or text[finding.start : finding.end] != finding.text
        ):
            continue
        pieces += [text[position : finding.start], finding.masked]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)
