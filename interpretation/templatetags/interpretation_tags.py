"""Template helpers for policy interpretations.

{% policy_interpretations page as interpretations %}   a policy page's published interpretations
<a href="…"{% link_lang policy page %}>                 marks a link whose page is in another language
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from wagtail.models import Page

from sites.languages import bcp47

from ..services import public_interpretations_of

register = template.Library()


@register.simple_tag
def policy_interpretations(policy) -> list:
    return public_interpretations_of(policy)


@register.simple_tag
def link_lang(target: Page, current: Page) -> str:
    """` lang=… hreflang=…` when `target` belongs to another language tree than `current` (e.g. a
    Dai interpretation explaining a policy that exists only in Chinese), else nothing."""
    if not isinstance(target, Page) or not isinstance(current, Page) or target.locale_id == current.locale_id:
        return ""
    return format_html(' lang="{0}" hreflang="{0}"', bcp47(target.locale.language_code))
