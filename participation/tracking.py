"""Tracking codes (查询码) for opinions and messages.

Random rather than sequential, so that a code says nothing about how many others exist and
cannot be guessed from one's own; the database's unique constraint settles the rare collision
(the caller retries with a new code).
"""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L: codes are read aloud on the phone and copied from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8


def new_code(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def normalize_code(text: str) -> str:
    """Accepts what people type: lower case, spaces, missing or full-width dashes."""
    cleaned = re.sub(r"[\s\-－—]", "", (text or "").upper())
    if len(cleaned) != LENGTH + 1:
        return cleaned
    return f"{cleaned[0]}-{cleaned[1:5]}-{cleaned[5:]}"
