"""The standard catalogue page (公开事项标准目录) of every unit section, answered to provisioning."""

from __future__ import annotations

from sites.models import UnitSectionPage
from sites.provisioning import ensure_standard_page

from .models import CataloguePage

CATALOGUE_SLUG = "catalogue"


def ensure_catalogue_page(section: UnitSectionPage) -> bool:
    """Open the catalogue page in a section that has none."""
    return ensure_standard_page(section, CataloguePage(title="公开事项标准目录", slug=CATALOGUE_SLUG))
