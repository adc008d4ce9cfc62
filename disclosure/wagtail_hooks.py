from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .access import may_download
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


@hooks.register("before_serve_document")
def serve_public_or_permitted_documents_only(document, request):
    if not may_download(request.user, document):
        # The same answer as for a file that does not exist.
        raise Http404
