from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn

from sites import hooks as site_hooks
from sites.viewsets import UnitScopedViewSet

from . import views
from .deadlines import EVIDENCE as DEADLINE_EVIDENCE
from .forms import CatalogueItemForm
from .indicators import INDICATORS
from .models import CatalogueItem
from .provisioning import ensure_catalogue_page

NO_CONTENT = _("暂无已发布内容")
HAS_CONTENT = _("已发布")


def content_status(item: CatalogueItem) -> str:
    return str(HAS_CONTENT if item.has_published_content else NO_CONTENT)


class CatalogueItemViewSet(UnitScopedViewSet):
    model = CatalogueItem
    menu_label = _("公开事项目录")
    icon = "list-ul"
    add_to_admin_menu = True
    menu_order = 750
    copy_view_enabled = True
    # Reordering across all units in one list would mix tenants; editors set 排序 instead.
    sort_order_field = None

    index_view_class = views.CatalogueIndexView
    add_view_class = views.CatalogueCreateView

    filterset_class = views.CatalogueItemFilterSet
    search_fields = ["name", "content"]
    list_per_page = 50
    edit_handler = ObjectList(CatalogueItem.panels, base_form_class=CatalogueItemForm)

    @property
    def list_display(self):
        return [
            "name",
            Column("unit", label=_("编制单位"), accessor="unit"),
            Column("domain", label=_("试点领域"), accessor="get_domain_display"),
            Column("column", label=_("发布栏目"), accessor="column"),
            StatusTagColumn(
                "content_status",
                label=_("发布情况"),
                accessor=content_status,
                primary=lambda item: not item.has_published_content,
            ),
        ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("exports/", views.ExportsView.as_view(), name="exports"),
            path(
                "exports/<int:unit_id>/<str:domain>/",
                views.unit_catalogue_export,
                name="export_unit",
            ),
            path("exports/responsibility-list/", views.responsibility_list_export, name="export_county"),
        ]


@hooks.register("register_admin_viewset")
def register_catalogue_viewset():
    return CatalogueItemViewSet("catalogue")


@hooks.register(site_hooks.PROVISION_UNIT_SECTION)
def provision_catalogue_page(section):
    return ensure_catalogue_page(section)


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def catalogue_indicators():
    return INDICATORS


@hooks.register(site_hooks.DEADLINE_EVIDENCE)
def catalogue_deadline_evidence():
    return DEADLINE_EVIDENCE
