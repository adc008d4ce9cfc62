"""The password policy (等保 2.0 level 3): long passwords of mixed characters, changed periodically."""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CLASSES = (
    ("upper", set(string.ascii_uppercase)),
    ("lower", set(string.ascii_lowercase)),
    ("digit", set(string.digits)),
)


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digits and other characters (symbols) the password uses."""
    found = sum(1 for _name, members in CLASSES if any(char in members for char in password))
    known = set().union(*(members for _name, members in CLASSES))
    if any(char not in known for char in password):
        found += 1
    return found


class ComplexityValidator:
    """At least `min_length` characters from at least `min_classes` of the four classes.

    It also notes when an account sets a password (Django calls `password_changed` on every
    validator when a user is saved with a new password), for the periodic change.
    """

    def __init__(self, min_length: int = 12, min_classes: int = 3) -> None:
        self.min_length = min_length
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        errors = []
        if len(password) < self.min_length:
            errors.append(
                ValidationError(
                    ngettext(
                        "密码太短：至少需要 %(min_length)d 个字符。",
                        "密码太短：至少需要 %(min_length)d 个字符。",
                        self.min_length,
                    ),
                    code="password_too_short",
                    params={"min_length": self.min_length},
                )
            )
        if character_classes(password) < self.min_classes:
            errors.append(
                ValidationError(
                    _("密码须包含大写字母、小写字母、数字、符号四类中的至少 %(min_classes)d 类。"),
                    code="password_too_simple",
                    params={"min_classes": self.min_classes},
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return _(
            "密码至少 %(min_length)d 个字符，包含大写字母、小写字母、数字、符号中的至少 %(min_classes)d 类。"
        ) % {"min_length": self.min_length, "min_classes": self.min_classes}

    def password_changed(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        from .models import PasswordRecord

        PasswordRecord.objects.update_or_create(user=user, defaults={"changed_at": timezone.now()})
