"""Keeps admin URLs that name a page within the user's part of the tree.

Wagtail checks the action on most admin views, but some of them show a page's title
to anyone with admin access: the explorer of any page, the page chooser opened on
it, the bulk-action confirmations and the move confirmation. For a unit's editor,
a page outside the unit's sections (other than the ancestors they browse through)
is refused before the view runs, the way Wagtail refuses its other views.
"""

from __future__ import annotations

from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from .tenancy import restrict_to_permitted_subtrees, sees_whole_tree

# URL keyword arguments through which Wagtail's admin views name a page.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


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
        if not page_ids or sees_whole_tree(user):
            return None
        visible = restrict_to_permitted_subtrees(Page.objects.filter(id__in=page_ids), user).count()
        existing = Page.objects.filter(id__in=page_ids).count()
        if visible < existing:
            return permission_denied(request)
        return None
