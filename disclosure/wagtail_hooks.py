from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SubjectCategory


class SubjectCategoryViewSet(ModelViewSet):
    model = SubjectCategory
    menu_label = _("主题分类")
    icon = "list-ul"
    add_to_settings_menu = True
    list_display = ["name", "parent", "sort_order"]
    search_fields = ["name"]
    form_fields = ["name", "parent", "sort_order"]


@hooks.register("register_admin_viewset")
def register_subject_category_viewset():
    return SubjectCategoryViewSet("subject_categories")
