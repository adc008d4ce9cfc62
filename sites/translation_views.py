"""wagtail-localize's submit, update and report views, scoped to the user's own pages.

wagtail-localize checks only the global `submit_translation` permission there, so
an editor of one unit could translate (and publish) another unit's page, or read the
titles of every translation in the county. These subclasses add the page check;
cms/urls.py mounts them in front of the originals.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .tenancy import permitted_roots, sees_whole_tree


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


class ScopedTranslationsReportView(TranslationsReportView):
    def get_queryset(self):
        # wagtail-localize leaves the report unordered, which makes its pagination unstable.
        queryset = super().get_queryset().order_by("-created_at", "-pk")
        user = self.request.user
        if sees_whole_tree(user):
            return queryset
        own_pages = Page.objects.none()
        for root in permitted_roots(user):
            own_pages |= Page.objects.descendant_of(root, inclusive=True)
        return queryset.filter(source__object__translation_key__in=own_pages.values("translation_key"))
