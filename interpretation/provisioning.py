"""The county-wide 政策解读 column, opened by provisioning in the county government office's section."""

from __future__ import annotations

from sites.models import UnitKind, UnitSectionPage
from sites.provisioning import ensure_standard_page

from .models import InterpretationIndexPage

COLUMN_SLUG = "interpretations"
COLUMN_TITLE = "政策解读"
COLUMN_INTRO = (
    "<p>全县各单位发布的政策解读，按“谁起草、谁解读”的原则，由政策文件起草单位在文件公开后 3 个工作日内发布。"
    "可按单位和解读形式筛选。</p>"
)


def ensure_interpretation_column(section: UnitSectionPage) -> bool:
    """Open the county-wide column under the county office's section (Chinese tree; provisioning
    mirrors it into the other trees). Returns whether anything was created.

    A page the office already keeps at the column's slug is its content: it is left alone.
    """
    if section.unit.kind != UnitKind.COUNTY_OFFICE:
        return False
    column = InterpretationIndexPage(title=COLUMN_TITLE, slug=COLUMN_SLUG, intro=COLUMN_INTRO)
    return ensure_standard_page(section, column)
