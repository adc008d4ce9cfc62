"""Sample Dai and Jingpo versions of the portal home page, so that the language switcher has a
translated page to go to and Tai Le text can be seen on screen.

They are NOT translations. The Dai sample lists the Tai Le letters (Unicode U+1950–U+1974) and the
Jingpo sample carries the language's own name; both say, in Chinese, that they are sample text for
the county's translators to replace. They are made with wagtail-localize's own machinery, the way a
translator's work arrives: a Translation of the Chinese page's TranslationSource, its PO file
exported, filled in and imported, then the target page saved and published.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from sites.models import PortalHomePage

# Tai Le letters (U+1950–U+196D) and tone letters (U+1970–U+1974), as Unicode lists them.
TAI_LE_LETTERS = " ".join(chr(code) for code in [*range(0x1950, 0x196E), *range(0x1970, 0x1975)])


@dataclass(frozen=True)
class SampleText:
    title: str
    text: str


SAMPLES = {
    "tdd": SampleText(
        title="ᥖᥭᥰ ᥖᥬᥲ ᥑᥨᥒᥰ（傣文示例页）",
        text=(
            "示例文字，不是译文：本页演示傣文页面、德宏傣文字体和语言切换，请由县里的傣文翻译人员替换。"
            f"德宏傣文字母：{TAI_LE_LETTERS}"
        ),
    ),
    "kac": SampleText(
        title="Jinghpaw（景颇文示例页）",
        text="示例文字，不是译文：本页演示景颇文页面和语言切换，请由县里的景颇文翻译人员替换。Jinghpaw",
    ),
}


def add_sample_home_translations() -> list[str]:
    """Give the home page sample Dai and Jingpo versions; returns the language codes done.

    A language whose home page is already more than an alias of the Chinese one (translated by
    the county, or by an earlier run) is left alone.
    """
    home = PortalHomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE, depth=2).first()
    if home is None:
        return []
    done = []
    source, _created = TranslationSource.get_or_create_from_instance(home)
    for code, sample in SAMPLES.items():
        locale = Locale.objects.filter(language_code=code).first()
        target = home.get_translation_or_none(locale) if locale else None
        if target is None or target.alias_of_id is None:
            continue
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        po = translation.export_po()
        for entry in po:
            # The slug stays as it is (the Chinese page's), see README "Languages".
            if entry.msgctxt == "slug":
                continue
            entry.msgstr = sample.title if entry.msgctxt == "title" else sample.text
        translation.import_po(po, tool_name="演示数据")
        # Saved as a draft, then published here rather than when the transaction commits
        # (wagtail-localize's publish=True), so the sample is live as soon as this returns.
        translation.save_target(publish=False)
        target.refresh_from_db()
        target.get_latest_revision().publish()
        done.append(code)
    return done
