"""wagtail-localize's submit and update views, scoped to pages the user may edit.

wagtail-localize checks only the global `submit_translation` permission there, so
an editor of one unit could translate (and publish) another unit's page. These
subclasses add the page check; cms/urls.py mounts them in front of the originals.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView


def _require_edit_permission(user, page: Page) -> None:
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        # An alias is translated through the page it mirrors (as wagtail-localize does).
        _require_edit_permission(request.user, page.alias_of or page)
        return super().dispatch(request, *args, **kwargs)


class ScopedUpdateTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        instance = source.get_source_instance()
        if isinstance(instance, Page):
            _require_edit_permission(request.user, instance)
        return super().dispatch(request, *args, **kwargs)
