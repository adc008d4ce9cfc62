"""Keeps admin URLs that name a page within the user's part of the tree.

Wagtail checks the action on most admin views, but some of them show a page's title
to anyone with admin access: the explorer of any page, the page chooser opened on
it, the bulk-action confirmations and the move confirmation. For a unit's editor,
a page outside the unit's sections (other than the ancestors they browse through)
is refused before the view runs, the way Wagtail refuses its other views.

wagtail-localize's views name a page through its translation (the translation editor's string
API, PO download and upload, preview, stop) or its translation source (sync translated pages):
those pages are checked the same way, and refused with 403 as those views refuse.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from .tenancy import restrict_to_permitted_subtrees, sees_whole_tree

# URL keyword arguments through which Wagtail's admin views name a page.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


def pages_named_by_translation(view_kwargs: dict) -> set[int]:
    """The pages behind wagtail-localize's `translation_id` / `translation_source_id` arguments
    (none for a snippet's translation: snippets are not kept in page trees)."""
    page_ids: set[int] = set()
    if "translation_id" in view_kwargs:
        translation = (
            Translation.objects.filter(id=view_kwargs["translation_id"]).select_related("source").first()
        )
        if translation is not None:
            page_ids.update(
                Page.objects.filter(
                    translation_key=translation.source.object_id, locale_id=translation.target_locale_id
                ).values_list("id", flat=True)
            )
    if "translation_source_id" in view_kwargs:
        source = TranslationSource.objects.filter(id=view_kwargs["translation_source_id"]).first()
        if source is not None:
            page_ids.update(
                Page.objects.filter(translation_key=source.object_id, locale_id=source.locale_id).values_list(
                    "id", flat=True
                )
            )
    return page_ids


class AdminPageScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith("/admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        page_ids = {view_kwargs[name] for name in PAGE_KWARGS if name in view_kwargs}
        if request.path.startswith("/admin/bulk/wagtailcore/page/"):
            page_ids.update(value for value in request.GET.getlist("id") if value.isdigit())
        translated_page_ids = pages_named_by_translation(view_kwargs)
        if not (page_ids or translated_page_ids) or sees_whole_tree(user):
            return None
        if not all_within_scope(page_ids, user):
            return permission_denied(request)
        if not all_within_scope(translated_page_ids, user):
            # Answered like wagtail-localize's own refusals there (PO files, the editor's JSON API).
            raise PermissionDenied
        return None


def all_within_scope(page_ids: set, user) -> bool:
    if not page_ids:
        return True
    visible = restrict_to_permitted_subtrees(Page.objects.filter(id__in=page_ids), user).count()
    return visible == Page.objects.filter(id__in=page_ids).count()
