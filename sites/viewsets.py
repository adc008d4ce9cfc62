"""Admin viewsets of records that belong to a unit: every view loads them through the user's scope.

Wagtail's generic views load the object each in their own way (`get_queryset`, `get_object`,
`get_base_object_queryset`), and a viewset adds views (history, usage, copy, inspect) that a
subclass never overrode. `UnitScopedViewSet` puts `UnitScopedViewMixin` in front of every view it
constructs, so that another unit's record answers 404 in each of them, exactly like one that does
not exist, and its listings only hold the user's records.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from .permissions import instances_user_may_change
from .tenancy import units_for_user


class UnitStaffMenuItem(MenuItem):
    """Shown to whoever works for at least one unit (county administrators: every unit); the
    views behind it check the unit itself."""

    def is_shown(self, request):
        return units_for_user(request.user).exists()


class UnitScopedViewMixin:
    def unit_scope(self):
        return instances_user_may_change(self.model, self.request.user)

    def get_object(self, *args, **kwargs):
        # Before Wagtail's own lookup, which may answer 403 (the copy view) and so tell that the
        # record exists.
        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        if pk is not None and not self.unit_scope().filter(pk=unquote(str(pk))).exists():
            raise Http404
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not self.unit_scope().filter(pk=obj.pk).exists():
            raise Http404
        return obj

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        # A listing of this model's records (not a history view's log entries, say).
        if getattr(queryset, "model", None) is self.model:
            queryset = queryset.filter(pk__in=self.unit_scope().values("pk"))
        return queryset


class UnitScopedViewSet(ModelViewSet):
    """A ModelViewSet whose views all load records through the user's unit scope."""

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, UnitScopedViewMixin):
            view_class = type(view_class.__name__, (UnitScopedViewMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)
