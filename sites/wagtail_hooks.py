from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Unit
from .tenancy import restrict_to_permitted_subtrees


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return restrict_to_permitted_subtrees(pages, request.user)


class UnitViewSet(ModelViewSet):
    model = Unit
    menu_label = _("单位")
    icon = "group"
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["name", "kind", "code", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    form_fields = [
        "name",
        "short_name",
        "slug",
        "kind",
        "parent",
        "credit_code",
        "code",
        "address",
        "office_hours",
        "postcode",
        "phone",
        "fax",
        "email",
        "responsible_leader",
        "contact_person",
        "functions",
        "sort_order",
        "is_active",
    ]


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")
