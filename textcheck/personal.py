"""Personal data in public text: resident ID numbers, mobile numbers and bank card numbers.

The classic leak in 低保 and subsidy 公示 lists. Each pattern is checked the way the number itself
is defined, so that an order number or a statistic of the same length is not flagged:

- Resident ID numbers: GB 11643-1999 《公民身份号码》: 6 digits of address code, 8 of birth date
  (YYYYMMDD), 3 of sequence, 1 check character computed by ISO 7064:1983 MOD 11-2 (10 is written X).
- Mobile numbers: the 11-digit mainland numbers of the MIIT numbering plan (《电信网编号计划》), 1 then
  3–9 then nine digits.
- Bank card numbers: 16 to 19 digits (the card numbers of ISO/IEC 7812-1) whose last digit is the
  Luhn check digit of the others.

No number is taken from inside a longer run of digits. Masking is the usual form of 公示 lists
(issue 14: "phone 138****1234, ID 35*************123"): a mobile keeps its first 3 and last 4
digits, an ID number its first 2 and last 3 characters, a bank card its first 4 and last 4 digits.
"""

from __future__ import annotations

import re
from datetime import date

from .findings import BANK_CARD, ID_NUMBER, MOBILE, Finding

ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
# After a digit only as +86, the country code written without a space.
MOBILE_PATTERN = re.compile(r"(?:(?<=\+86)|(?<!\d))1[3-9]\d{9}(?!\d)")
CARD_PATTERN = re.compile(r"(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])")

# ISO 7064 MOD 11-2 weights of the first 17 digits: 2^(17-i) mod 11.
ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
ID_CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11
EARLIEST_BIRTH_YEAR = 1900


def id_check_digit(first17: str) -> str:
    """The check character of a resident ID number (GB 11643-1999 §4.3, ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("an ID number's check digit is computed from 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARACTERS[total % 11]


def _birth_date_valid(number: str, today: date | None) -> bool:
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return born.year >= EARLIEST_BIRTH_YEAR and (today is None or born <= today)


def has_id_shape(number: str, today: date | None = None) -> bool:
    """Whether `number` is laid out like a resident ID number: 18 characters, an address code not
    starting with 0 and a real birth date (not after `today` when given), whatever its check."""
    return bool(ID_PATTERN.fullmatch(number)) and number[0] != "0" and _birth_date_valid(number, today)


def is_resident_id(number: str, today: date | None = None) -> bool:
    """Whether `number` is a valid resident ID number: its shape and its check character."""
    return has_id_shape(number, today) and id_check_digit(number[:17]) == number[17].upper()


def luhn_valid(number: str) -> bool:
    """Whether the last digit of `number` is its Luhn check digit (ISO/IEC 7812-1 Annex B)."""
    if not number.isdigit():
        return False
    total = 0
    for position, digit in enumerate(reversed(number)):
        value = int(digit)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def mask_id(number: str) -> str:
    return number[:2] + "*" * (len(number) - 5) + number[-3:]


def mask_mobile(number: str) -> str:
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_card(number: str) -> str:
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def find_personal_data(text: str, today: date | None = None) -> list[Finding]:
    """Resident ID numbers, mobile numbers and bank card numbers in `text`, in order of position.

    Numbers that fail their check (a wrong ID check character or birth date, a card failing Luhn)
    are ignored. An 18-digit run laid out like an ID number is judged as one only: a mistyped ID
    number that happens to pass Luhn (one in ten) is not reported as a bank card.
    """
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []  # the spans of ID numbers
    for match in ID_PATTERN.finditer(text):
        if is_resident_id(match.group(), today):
            findings.append(
                Finding(ID_NUMBER, match.start(), match.end(), match.group(), mask_id(match.group()))
            )
            taken.append(match.span())
    for match in CARD_PATTERN.finditer(text):
        if has_id_shape(match.group(), today) or not luhn_valid(match.group()):
            continue
        if not any(start < match.end() and match.start() < end for start, end in taken):
            findings.append(
                Finding(BANK_CARD, match.start(), match.end(), match.group(), mask_card(match.group()))
            )
    for match in MOBILE_PATTERN.finditer(text):
        findings.append(
            Finding(MOBILE, match.start(), match.end(), match.group(), mask_mobile(match.group()))
        )
    return sorted(findings, key=lambda finding: finding.start)
