"""Language tags as the web writes them."""

from __future__ import annotations


def bcp47(language_code: str) -> str:
    """Django's language code as a BCP 47 tag: zh-hans → zh-Hans, zh-cn → zh-CN, tdd → tdd."""
    parts = language_code.replace("_", "-").split("-")
    tag = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4:  # script subtag
            tag.append(part.title())
        elif len(part) == 2:  # region subtag
            tag.append(part.upper())
        else:
            tag.append(part.lower())
    return "-".join(tag)
