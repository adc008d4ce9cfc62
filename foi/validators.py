"""Checks of an applicant's identity document number.

The 18-digit resident ID (GB 11643-1999): 6 digits of the place, 8 of the birth date, 3 of the
sequence and a check character computed from the first 17 (ISO 7064 MOD 11-2, "X" for 10). An
organisation's 统一社会信用代码 is checked by `sites.validators.validate_credit_code` (GB 32100).
Other documents (passports, permits) have no public check: only a sane length.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sites.validators import validate_credit_code

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "0123456789X"
OTHER_ID_MIN_LENGTH = 5
OTHER_ID_MAX_LENGTH = 40


def resident_id_check_digit(first_17: str) -> str:
    """The 18th character of a resident ID whose first 17 digits are given ("X" stands for 10)."""
    total = sum(int(char) * weight for char, weight in zip(first_17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[(12 - total % 11) % 11]


def validate_resident_id(value: str) -> None:
    number = (value or "").strip().upper()
    if len(number) != 18:
        raise ValidationError(
            _("居民身份证号码应为 18 位，当前为 %(length)d 位。"),
            code="resident_id_length",
            params={"length": len(number)},
        )
    if not number[:17].isdigit() or not re.fullmatch(r"[0-9X]", number[17]):
        raise ValidationError(
            _("居民身份证号码前 17 位应为数字，第 18 位应为数字或 X。"), code="resident_id_character"
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900:
        raise ValidationError(
            _("居民身份证号码第 7 至 14 位（出生日期）%(digits)s 不是有效日期。"),
            code="resident_id_birth_date",
            params={"digits": number[6:14]},
        )
    if birth > timezone.localdate():
        raise ValidationError(
            _("居民身份证号码中的出生日期 %(digits)s 晚于今天。"),
            code="resident_id_birth_date",
            params={"digits": number[6:14]},
        )
    expected = resident_id_check_digit(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("居民身份证号码校验位错误：第 18 位应为 %(expected)s，实际为 %(actual)s，请核对号码。"),
            code="resident_id_checksum",
            params={"expected": expected, "actual": number[17]},
        )


def validate_applicant_id(id_kind: str, id_number: str) -> None:
    """The number checked as its kind requires (kinds as in foi.models.IdKind)."""
    from .models import IdKind

    if id_kind == IdKind.RESIDENT_ID:
        validate_resident_id(id_number)
    elif id_kind == IdKind.CREDIT_CODE:
        validate_credit_code(id_number)
    else:
        number = (id_number or "").strip()
        if not number:
            raise ValidationError(_("请填写证件号码。"), code="id_number_required")
        if not OTHER_ID_MIN_LENGTH <= len(number) <= OTHER_ID_MAX_LENGTH:
            raise ValidationError(
                _("证件号码长度应在 %(min)d 至 %(max)d 位之间，当前为 %(length)d 位。"),
                code="id_number_length",
                params={"min": OTHER_ID_MIN_LENGTH, "max": OTHER_ID_MAX_LENGTH, "length": len(number)},
            )
