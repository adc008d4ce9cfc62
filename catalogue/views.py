"""Admin views of the catalogue. The viewset (sites.viewsets.UnitScopedViewSet) loads items through
the user's scope in every view, so another unit's item answers 404 exactly like one that does not
exist."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from disclosure.domains import Domain
from sites.models import Unit
from sites.permissions import instances_user_may_change
from sites.spreadsheets import xlsx_response
from sites.tenancy import is_county_admin, units_for_user

from . import exports
from .models import CatalogueItem


def items_for(user):
    return instances_user_may_change(CatalogueItem, user)


def _units_for_request(request):
    return units_for_user(request.user)


class CatalogueItemFilterSet(WagtailFilterSet):
    # Only the user's own units are offered, so the filter names no other unit.
    unit = ModelChoiceFilter(label=_("编制单位"), queryset=_units_for_request)
    domain = ChoiceFilter(label=_("试点领域"), choices=Domain.choices)
    without_content = ChoiceFilter(
        label=_("发布情况"),
        choices=[("1", _("暂无已发布内容"))],
        method="filter_without_content",
    )

    class Meta:
        model = CatalogueItem
        fields = ["unit", "domain"]

    def filter_without_content(self, queryset, name, value):
        if value != "1":
            return queryset
        empty = [item.pk for item in queryset.select_related("column") if not item.has_published_content]
        return queryset.filter(pk__in=empty)


class CatalogueIndexView(IndexView):
    def get_base_queryset(self):
        return items_for(self.request.user).select_related("unit", "column")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(HeaderButton(_("导出目录"), url=reverse("catalogue:exports"), icon_name="download"))
        return buttons


class CatalogueCreateView(CreateView):
    pass


class ExportsView(WagtailAdminTemplateMixin, TemplateView):
    """Lists the spreadsheets the user may download: their units' domains, and for county
    administrators the county-wide responsibility list."""

    template_name = "catalogue/admin/exports.html"
    page_title = _("导出公开事项目录")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not units_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("catalogue:index"), "label": _("公开事项目录")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = items_for(self.request.user)
        present = set(items.values_list("unit_id", "domain").distinct())
        units = Unit.objects.filter(pk__in={unit_id for unit_id, _domain in present})
        context["unit_exports"] = [
            (unit, [domain for domain in Domain if (unit.pk, domain.value) in present]) for unit in units
        ]
        context["is_county_admin"] = is_county_admin(self.request.user)
        return context


def unit_catalogue_export(request, unit_id: int, domain: str) -> FileResponse:
    """附件3 for one of the user's own units (any unit for county administrators)."""
    unit = get_object_or_404(units_for_user(request.user), pk=unit_id)
    if domain not in Domain.values:
        raise Http404
    domain = Domain(domain)
    workbook = exports.unit_catalogue_workbook(unit, domain)
    return xlsx_response(workbook, f"{unit.display_name}{domain.label}领域基层政务公开标准目录.xlsx")


def responsibility_list_export(request) -> FileResponse:
    """附件1, which covers every unit: county administrators only."""
    if not is_county_admin(request.user):
        raise PermissionDenied
    return xlsx_response(exports.responsibility_workbook(), f"{exports.responsibility_title()}.xlsx")
