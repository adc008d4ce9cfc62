"""Applicants' identity numbers: the resident ID (GB 11643-1999) and, for organisations, the
unified social credit code (GB 32100-2015, sites.validators).

Written by the public helper while the core helper's version had not landed; the core helper's
file replaces it at merge (same functions, same signatures)."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sites.validators import validate_credit_code

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"
OTHER_ID_MAX_LENGTH = 40


def resident_id_check_digit(first_17: str) -> str:
    """The 18th character of a resident ID number ("X" stands for 10)."""
    total = sum(int(char) * weight for char, weight in zip(first_17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def validate_resident_id(value: str) -> None:
    number = (value or "").strip().upper()
    if len(number) != 18:
        raise ValidationError(
            _("居民身份证号码应为 18 位，当前为 %(length)d 位。"),
            code="resident_id_length",
            params={"length": len(number)},
        )
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise ValidationError(
            _("居民身份证号码前 17 位应为数字，第 18 位为数字或 X。"), code="resident_id_character"
        )
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > date.today():
        raise ValidationError(
            _("居民身份证号码中的出生日期（第 7–14 位）不是有效日期。"), code="resident_id_birth_date"
        )
    expected = resident_id_check_digit(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("居民身份证号码校验位错误：第 18 位应为 %(expected)s，实际为 %(actual)s。"),
            code="resident_id_checksum",
            params={"expected": expected, "actual": number[17]},
        )


def validate_applicant_id(id_kind: str, id_number: str) -> None:
    """The number checked as its kind requires; any other document: present, of a sane length."""
    if id_kind == "resident_id":
        validate_resident_id(id_number)
    elif id_kind == "credit_code":
        validate_credit_code(id_number)
    else:
        number = (id_number or "").strip()
        if len(number) < 4 or len(number) > OTHER_ID_MAX_LENGTH:
            raise ValidationError(
                _("证件号码应为 4 至 %(max)d 个字符。"), code="id_length", params={"max": OTHER_ID_MAX_LENGTH}
            )
