"""The admin form every page is edited with: whatever it names must be the user's to use.

The choosers only offer a unit's staff their own unit's files, images, pages and units, but a
hand-made request (or a preview) can name any id. This form checks every foreign key of the page
and of its inline children (attachments, policies, ...), every chooser block and every link or
image embedded in rich text against what the choosers would offer (`sites.permissions.usable`),
so that another unit's object is refused with a message and nothing is saved. A reference the
page already holds (set by a county administrator) is left alone.

SitesConfig.ready() makes it the base form of every page model; a model with a form of its own
subclasses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.models import Page
from wagtail.rich_text import RichText

from .models import Unit
from .permissions import usable
from .tenancy import is_county_admin

NOT_USABLE = _("只能选用本单位的文件、图片、页面和发布机构；所选内容不属于本单位，已移除，请重新选择。")

Reference = tuple[type[models.Model], str]


def _kind(model: type[models.Model]) -> type[models.Model]:
    # A page link names wagtailcore.Page, a foreign key the specific page type: one kind.
    return Page if issubclass(model, Page) else model


def field_references(model_field, value) -> Iterator[Reference]:
    """The objects a model field's value points at: (model, primary key as text)."""
    if value is None or value == "":
        return
    if isinstance(model_field, models.ForeignKey):
        pk = value.pk if isinstance(value, models.Model) else value
        yield _kind(model_field.related_model), str(pk)
    elif hasattr(model_field, "extract_references"):
        # StreamField and RichTextField: chooser blocks, page and document links, embedded images.
        for model, object_id, _model_path, _content_path in model_field.extract_references(value):
            yield _kind(model), str(object_id)


def _model_field(form, name: str):
    try:
        return form._meta.model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _instance_references(form) -> set[Reference]:
    references: set[Reference] = set()
    instance = form.instance
    for name in form.fields:
        model_field = _model_field(form, name)
        if model_field is None or not model_field.concrete:
            continue
        value = getattr(instance, model_field.attname, None)
        if isinstance(model_field, models.ForeignKey):
            references.update(field_references(model_field, value))
        else:
            references.update(field_references(model_field, getattr(instance, name, None)))
    return references


_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_EMBED = re.compile(r"<embed\b([^>]*?)/?>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def _names_refused(attributes: str, kind_attribute: str, refused: set[Reference]) -> bool:
    found = dict(_ATTRIBUTE.findall(attributes))
    kind, pk = found.get(kind_attribute), found.get("id")
    if kind is None or pk is None:
        return False
    return any(pk == refused_pk and _link_kind(model) == kind for model, refused_pk in refused)


def _link_kind(model: type[models.Model]) -> str:
    """The linktype or embedtype rich text names the model with ("page", "document", "image")."""
    return "page" if model is Page else model._meta.model_name


def _strip_rich_text(html: str, refused: set[Reference]) -> str:
    """The rich text without the links and images naming a refused object; link text is kept."""
    html = _LINK.sub(
        lambda match: (
            match.group(2) if _names_refused(match.group(1), "linktype", refused) else match.group(0)
        ),
        html,
    )
    return _EMBED.sub(
        lambda match: "" if _names_refused(match.group(1), "embedtype", refused) else match.group(0), html
    )


class UnitScopedPageForm(WagtailAdminPageForm):
    """A page form that refuses foreign keys, chooser blocks and rich-text links to objects the user
    may not use. County administrators choose county-wide."""

    # "field" or "formset.field": checked by the subclass with a rule of its own.
    scoped_elsewhere: frozenset[str] = frozenset()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held = _instance_references(self)
        for formset in self.formsets.values():
            for form in formset.forms:
                if form.instance.pk:
                    self._held |= _instance_references(form)
        if self._scoped:
            self._narrow_unit_choices(self)

    @property
    def _scoped(self) -> bool:
        return self.for_user is not None and not is_county_admin(self.for_user)

    def _narrow_unit_choices(self, form) -> None:
        """A list of units offers the user's own (and the one already chosen), not the county's."""
        for name, field in form.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is Unit:
                current = getattr(form.instance, f"{name}_id", None)
                field.queryset = Unit.objects.filter(
                    models.Q(pk__in=usable(self.for_user, Unit)) | models.Q(pk=current)
                )

    def _may_use(self, reference: Reference) -> bool:
        model, pk = reference
        if reference in self._held:
            return True
        queryset = usable(self.for_user, model)
        return queryset is None or queryset.filter(pk=pk).exists()

    def clean(self):
        cleaned_data = super().clean()
        if not self._scoped:
            return cleaned_data
        self._check(self, cleaned_data, "")
        for name, formset in self.formsets.items():
            formset.is_valid()
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if not data.get("DELETE"):
                    self._check(form, data, f"{name}.")
        return cleaned_data

    def _check(self, form, cleaned_data: dict, prefix: str) -> None:
        for name, value in list(cleaned_data.items()):
            if name in self.scoped_elsewhere or f"{prefix}{name}" in self.scoped_elsewhere:
                continue
            model_field = _model_field(form, name)
            if model_field is None:
                continue
            refused = {ref for ref in field_references(model_field, value) if not self._may_use(ref)}
            if refused:
                self._refuse(form, name, model_field, value, refused)

    def _refuse(self, form, name: str, model_field, value, refused: set[Reference]) -> None:
        # The form comes back with the value: the widget would name the refused object (its title,
        # its thumbnail), so it is shown without it.
        if isinstance(model_field, models.ForeignKey):
            form.add_error(name, NOT_USABLE)
            form.data = form.data.copy()
            form.data[form.add_prefix(name)] = ""
            return
        if isinstance(value, StreamValue):
            form.add_error(name, StreamBlockValidationError(non_block_errors=ErrorList([NOT_USABLE])))
            shown = _stream_without(value, refused)
        else:
            form.add_error(name, ValidationError(NOT_USABLE))
            shown = _strip_rich_text(str(value), refused)
        form.fields[name].bound_data = lambda data, initial: shown


def _stream_without(value: StreamValue, refused: set[Reference]) -> StreamValue:
    """The stream without its blocks that name a refused object; rich text keeps its words."""
    kept: list[tuple[str, object, str]] = []
    for child in value:
        references = {
            (_kind(model), str(pk)) for model, pk, *_rest in child.block.extract_references(child.value)
        }
        if not references & refused:
            kept.append((child.block_type, child.value, child.id))
        elif isinstance(child.value, RichText):
            kept.append((child.block_type, RichText(_strip_rich_text(child.value.source, refused)), child.id))
    return StreamValue(value.stream_block, kept)
