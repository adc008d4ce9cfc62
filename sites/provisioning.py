"""Provisioning: turns the unit register into units, page trees, collections and groups.

`provision_units()` is idempotent: running it again with the same records changes
nothing. It creates and updates, and never deletes content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    WorkflowPage,
)
from wagtail_localize.models import LocaleSynchronization

from search.indexing import deferred_search_indexing

from . import hooks, withdrawal
from .models import (
    COUNTY_ADMINS_GROUP,
    DisclosureIndexPage,
    PortalHomePage,
    Unit,
    UnitProfilePage,
    UnitSectionPage,
)
from .unit_file import UnitFileError, UnitRecord

# Page permissions each group holds on its own unit's section, in every language tree. Neither
# holds "publish": a unit's page goes public only when its review workflow approves it (review app).
EDITOR_PAGE_PERMISSIONS = ("add", "change", "lock")
REVIEWER_PAGE_PERMISSIONS = ("add", "change", "lock", "unlock")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "choose")),
    ("wagtaildocs", "document", ("add", "change", "choose")),
)
# Global permissions every unit group needs: the admin itself, and translating
# (which this project scopes to the unit's own pages, see translations/views.py).
UNIT_GLOBAL_PERMISSIONS = ("wagtailadmin.access_admin", "wagtail_localize.submit_translation")

# The apps add theirs through the county_admin_permissions hook (sites/hooks.py).
COUNTY_ADMIN_GLOBAL_PERMISSIONS = UNIT_GLOBAL_PERMISSIONS + (
    "sites.add_unit",
    "sites.change_unit",
    "auth.add_user",
    "auth.change_user",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    # The audit log (security/), read-only for everyone: county administrators read and export it.
    "security.view_auditentry",
)
COUNTY_ADMIN_PAGE_PERMISSIONS = ("add", "change", "lock", "publish", "unlock", "bulk_delete")

UNITS_COLLECTION = "各单位"

PROFILE_SLUG = "profile"


@dataclass
class ProvisionReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return len(self.created) + len(self.updated)

    def summary(self) -> str:
        total = len(self.created) + len(self.updated) + len(self.unchanged)
        return (
            f"完成：共 {total} 个单位，{self.changed} changed"
            f"（新建 {len(self.created)}，更新 {len(self.updated)}，未变 {len(self.unchanged)}）。"
        )


class Changes:
    """Counts what one unit's provisioning wrote."""

    def __init__(self) -> None:
        self.count = 0

    def note(self, changed: bool) -> bool:
        if changed:
            self.count += 1
        return changed


def provision_units(
    records: list[UnitRecord], progress: Callable[[str], None] | None = None
) -> ProvisionReport:
    """Create or update every unit in `records` with its pages, collection and groups."""
    progress = progress or (lambda message: None)
    report = ProvisionReport()
    with transaction.atomic(), deferred_search_indexing():
        _check_against_database(records)
        portal_changes = Changes()
        _remove_wagtail_welcome_page()
        _retire_wagtail_default_groups(portal_changes)
        locales = ensure_locales(portal_changes)
        index = ensure_portal(locales[0], portal_changes)
        ensure_county_admins(portal_changes)
        units_root = _ensure_units_collection(portal_changes)

        units_by_slug: dict[str, Unit] = {}
        for number, record in enumerate(records, start=1):
            changes = Changes()
            unit, created = _save_unit(record, units_by_slug, changes)
            units_by_slug[unit.slug] = unit
            _ensure_unit_structure(unit, index, locales, units_root, changes)

            if created:
                report.created.append(unit.name)
                state = _("新建")
            elif changes.count:
                report.updated.append(unit.name)
                state = _("更新（%(count)d 处）") % {"count": changes.count}
            else:
                report.unchanged.append(unit.name)
                state = _("未变")
            progress(f"[{number}/{len(records)}] {unit.name}：{state}")
        # County-wide pages (e.g. the 依申请公开 entry), once the units' sections exist.
        for answer in hooks.answers(hooks.PROVISION_PORTAL):
            portal_changes.note(answer(index, locales[1:]))
        if portal_changes.count and not report.changed:
            progress(_("门户页面、语言或县级管理员组已补齐。"))
    return report


def sync_unit(unit: Unit) -> int:
    """Bring one unit's section, collection and groups in line with its record (after an admin edit).

    Returns how many things were written.
    """
    changes = Changes()
    with transaction.atomic():
        locales = ensure_locales(changes)
        index = ensure_portal(locales[0], changes)
        _ensure_unit_structure(unit, index, locales, _ensure_units_collection(changes), changes)
    return changes.count


def _ensure_unit_structure(
    unit: Unit, index: DisclosureIndexPage, locales: list[Locale], units_root: Collection, changes: Changes
) -> None:
    section = _ensure_section(unit, index, changes)
    # The apps open their standard pages (columns, catalogue, profile, …) in the new section.
    for answer in hooks.answers(hooks.PROVISION_UNIT_SECTION):
        changes.note(answer(section))
    sections = _ensure_translated_tree(section, locales[1:], changes)
    collection = _ensure_collection(unit, units_root, changes)
    _ensure_groups(unit, sections, collection, changes)
    for answer in hooks.answers(hooks.PROVISION_UNIT):
        changes.note(answer(unit, sections))


def _check_against_database(records: list[UnitRecord]) -> None:
    """Names or codes already used by a different unit would fail half-way: refuse up front."""
    for record in records:
        for field_name, label in (("name", "单位全称"), ("code", "单位代码")):
            clash = (
                Unit.objects.filter(**{field_name: getattr(record, field_name)})
                .exclude(slug=record.slug)
                .first()
            )
            if clash:
                raise UnitFileError(
                    f"第 {record.line} 行：{label}“{getattr(record, field_name)}”"
                    f"已被系统中的单位“{clash.slug}”使用。"
                )


def ensure_locales(changes: Changes) -> list[Locale]:
    """The content locales, default first; the others are kept in sync with the default tree."""
    locales = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale, created = Locale.objects.get_or_create(language_code=code)
        changes.note(created)
        locales.append(locale)
    default = locales[0]
    for locale in locales[1:]:
        _sync, created = LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": default}
        )
        changes.note(created)
    return locales


def ensure_portal(locale: Locale, changes: Changes) -> DisclosureIndexPage:
    """The portal home page and the 政务公开 index in the default language tree."""
    root = Page.get_first_root_node()
    home = PortalHomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        home = PortalHomePage(
            title=settings.WAGTAIL_SITE_NAME,
            slug="home",
            locale=locale,
            intro=f"<p>欢迎访问{settings.WAGTAIL_SITE_NAME}门户网站。</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        changes.note(True)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        changes.note(True)
    elif site.root_page_id != home.id or site.site_name != settings.WAGTAIL_SITE_NAME:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        changes.note(True)

    index = DisclosureIndexPage.objects.child_of(home).first()
    if index is None:
        index = DisclosureIndexPage(
            title="政务公开",
            slug="zwgk",
            intro="<p>各乡镇（农场）、县直有关单位信息公开专栏。</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        changes.note(True)
    return index


def _remove_wagtail_welcome_page() -> None:
    # Wagtail's installation leaves a placeholder "Welcome" page; it is not content.
    placeholders = Page.objects.filter(
        depth=2, slug="home", numchild=0, content_type=ContentType.objects.get_for_model(Page)
    ).order_by("-alias_of_id")
    for page in placeholders:
        Site.objects.filter(root_page=page).delete()
        page.delete()


def _retire_wagtail_default_groups(changes: Changes) -> None:
    """Wagtail installs "Editors" and "Moderators" groups with rights over the whole tree, and a
    "Moderators approval" workflow on the root. In a county of tenants they would be a trap: anyone
    put in them could edit every unit. Unused ones are removed; units get their own groups."""
    root = Page.get_first_root_node()
    for workflow_page in WorkflowPage.objects.filter(page=root, workflow__name="Moderators approval"):
        workflow_page.delete()
        changes.note(True)
    for group in Group.objects.filter(name__in=("Editors", "Moderators"), user__isnull=True):
        GroupApprovalTask.groups.through.objects.filter(group=group).delete()
        group.delete()
        changes.note(True)


def _save_unit(record: UnitRecord, units_by_slug: dict[str, Unit], changes: Changes) -> tuple[Unit, bool]:
    values = {name: getattr(record, name) for name in UnitRecord.unit_fields()}
    parent = None
    if record.parent:
        parent = units_by_slug.get(record.parent) or Unit.objects.get(slug=record.parent)
    unit = Unit.objects.filter(slug=record.slug).first()
    if unit is None:
        unit = Unit.objects.create(parent=parent, **values)
        changes.note(True)
        return unit, True
    dirty = [name for name, value in values.items() if getattr(unit, name) != value]
    if unit.parent_id != (parent.id if parent else None):
        unit.parent = parent
        dirty.append("parent")
    if dirty:
        for name in dirty:
            if name != "parent":
                setattr(unit, name, values[name])
        unit.save(update_fields=dirty)
        changes.note(True)
    return unit, False


def section_title(unit: Unit) -> str:
    return f"{unit.display_name}信息公开"


def _ensure_section(unit: Unit, index: DisclosureIndexPage, changes: Changes) -> UnitSectionPage:
    section = UnitSectionPage.objects.filter(unit=unit, locale=index.locale).first()
    title = section_title(unit)
    if section is None:
        section = UnitSectionPage(title=title, slug=unit.slug, unit=unit)
        index.add_child(instance=section)
        section.save_revision().publish()
        changes.note(True)
    elif section.title != title or section.slug != unit.slug:
        section.title, section.slug = title, unit.slug
        section.save_revision().publish()
        changes.note(True)
    if section.live and not unit.is_active:
        # An inactive unit's section stays in the admin but leaves the public site, with all
        # under it. Reactivating republishes nothing here: the section goes through the unit's
        # review, whose approval brings it back (sites/withdrawal.py, called by Unit.save()).
        withdrawal.withdraw_unit(unit)
        changes.note(True)
    return section


def ensure_standard_page(parent: Page, page: Page) -> bool:
    """Add `page` (new, unsaved) under `parent` and publish it, unless the parent already holds a
    page of its type or any page at its slug: that is the unit's own content, left alone.
    Returns whether the page was added."""
    if type(page).objects.child_of(parent).exists():
        return False
    if parent.get_children().filter(slug=page.slug).exists():
        return False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return True


def ensure_profile_page(section: UnitSectionPage) -> bool:
    """机构概况, filled from the unit register."""
    return ensure_standard_page(section, UnitProfilePage(title="机构概况", slug=PROFILE_SLUG))


def _ensure_translated_tree(
    section: UnitSectionPage, locales: list[Locale], changes: Changes
) -> list[UnitSectionPage]:
    """The section and its children in every other language tree, as wagtail-localize aliases
    until a translator translates them."""
    sections = [section]
    pages = [section, *section.get_children().specific()]
    for locale in locales:
        for page in pages:
            if not Page.objects.filter(translation_key=page.translation_key, locale=locale).exists():
                page.copy_for_translation(locale, copy_parents=True, alias=True)
                changes.note(True)
        sections.append(UnitSectionPage.objects.get(translation_key=section.translation_key, locale=locale))
    return sections


def _ensure_units_collection(changes: Changes) -> Collection:
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=UNITS_COLLECTION).first()
    if parent is None:
        parent = root.add_child(name=UNITS_COLLECTION)
        changes.note(True)
    return parent


def _ensure_collection(unit: Unit, units_root: Collection, changes: Changes) -> Collection:
    collection = unit.collection
    if collection is None:
        collection = units_root.add_child(name=unit.name)
        unit.collection = collection
        unit.save(update_fields=["collection"])
        changes.note(True)
    elif collection.name != unit.name:
        collection.name = unit.name
        collection.save(update_fields=["name"])
        changes.note(True)
    return collection


def _ensure_group(unit: Unit, attribute: str, suffix: str, changes: Changes) -> Group:
    group = getattr(unit, attribute)
    name = f"{unit.name}{suffix}"
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
        setattr(unit, attribute, group)
        unit.save(update_fields=[attribute])
        changes.note(True)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
        changes.note(True)
    return group


def _ensure_groups(
    unit: Unit, sections: list[UnitSectionPage], collection: Collection, changes: Changes
) -> None:
    editors = _ensure_group(unit, "editors_group", "编辑", changes)
    reviewers = _ensure_group(unit, "reviewers_group", "审核", changes)
    for group, page_permissions in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (reviewers, REVIEWER_PAGE_PERMISSIONS),
    ):
        grant_global_permissions(group, UNIT_GLOBAL_PERMISSIONS, changes)
        for section in sections:
            grant_page_permissions(group, section, page_permissions, changes)
        grant_collection_permissions(group, collection, changes)


def ensure_county_admins(changes: Changes) -> Group:
    """The county administrators: everything in every tree and collection, and the unit register."""
    group, created = Group.objects.get_or_create(name=COUNTY_ADMINS_GROUP)
    changes.note(created)
    grant_global_permissions(group, county_admin_permissions(), changes)
    grant_page_permissions(group, Page.get_first_root_node(), COUNTY_ADMIN_PAGE_PERMISSIONS, changes)
    root_collection = Collection.get_first_root_node()
    grant_collection_permissions(group, root_collection, changes, extra=("delete",))
    return group


def county_admin_permissions() -> tuple[str, ...]:
    """The county administrators' global permissions: the foundation's and every app's."""
    names = list(COUNTY_ADMIN_GLOBAL_PERMISSIONS)
    for answer in hooks.answers(hooks.COUNTY_ADMIN_PERMISSIONS):
        names.extend(name for name in answer() if name not in names)
    return tuple(names)


def grant_global_permissions(group: Group, names: tuple[str, ...], changes: Changes) -> None:
    for name in names:
        app_label, codename = name.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        if not group.permissions.filter(pk=permission.pk).exists():
            group.permissions.add(permission)
            changes.note(True)


def grant_page_permissions(group: Group, page: Page, actions: tuple[str, ...], changes: Changes) -> None:
    page_type = ContentType.objects.get_for_model(Page)
    for action in actions:
        permission = Permission.objects.get(content_type=page_type, codename=f"{action}_page")
        _obj, created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )
        changes.note(created)


def grant_collection_permissions(
    group: Group, collection: Collection, changes: Changes, extra: tuple[str, ...] = ()
) -> None:
    for app_label, model, actions in COLLECTION_PERMISSIONS:
        for action in actions + extra:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            _obj, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
            changes.note(created)
