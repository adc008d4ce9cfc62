"""Admin views that Wagtail serves county-wide, replaced by ones scoped to the user's unit.

cms/urls.py routes their paths here in front of Wagtail's admin URLs.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from taggit.models import CommonGenericTaggedItemBase, Tag, TaggedItemBase
from wagtail.admin.views import tags as wagtail_tags
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .permissions import usable
from .tenancy import is_county_admin


def tags_user_may_see(user):
    """The tags on what the user may use: their unit's pages, files and images (for county
    administrators, every tag). Keywords of another unit's documents, public or not, stay unnamed."""
    if is_county_admin(user):
        return Tag.objects.all()
    used = Q(pk__in=[])
    for model in apps.get_models():
        if not issubclass(model, TaggedItemBase) or model._meta.get_field("tag").related_model is not Tag:
            continue
        if issubclass(model, CommonGenericTaggedItemBase):
            # taggit's own TaggedItem: the tags of files and images.
            for target in (get_document_model(), get_image_model()):
                items = model.objects.filter(
                    content_type=ContentType.objects.get_for_model(target),
                    object_id__in=usable(user, target).values("pk"),
                )
                used |= Q(pk__in=items.values("tag_id"))
            continue
        objects = usable(user, model._meta.get_field("content_object").related_model)
        if objects is not None:
            used |= Q(pk__in=model.objects.filter(content_object__in=objects).values("tag_id"))
    return Tag.objects.filter(used)


def tag_autocomplete(request, app_name=None, model_name=None):
    if app_name and model_name:
        try:
            tag_model = ContentType.objects.get_by_natural_key(app_name, model_name).model_class()
        except ContentType.DoesNotExist as error:
            raise Http404 from error
        if tag_model is not Tag:
            if not is_county_admin(request.user):
                return JsonResponse([], safe=False)
            return wagtail_tags.autocomplete(request, app_name, model_name)
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        tags_user_may_see(request.user)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[: wagtail_tags.TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)


class CountyPageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's page-types report names the last page edited of each type, in any unit: for the
    county administrators only."""

    def dispatch(self, request, *args, **kwargs):
        if not is_county_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
