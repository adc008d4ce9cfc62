"""The standard catalogue page (公开事项标准目录) of every unit section, answered to provisioning."""

from __future__ import annotations

from sites.models import UnitSectionPage

from .models import CataloguePage

CATALOGUE_SLUG = "catalogue"


def ensure_catalogue_page(section: UnitSectionPage) -> bool:
    """Open the catalogue page in a section that has none; a page at its slug is left alone."""
    if CataloguePage.objects.child_of(section).exists():
        return False
    if section.get_children().filter(slug=CATALOGUE_SLUG).exists():
        return False
    catalogue = CataloguePage(title="公开事项标准目录", slug=CATALOGUE_SLUG)
    section.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    return True
