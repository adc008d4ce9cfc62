"""The one way to an image file: originals and renditions at MEDIA_URL, checked one by one.

An image is sent to anyone only while a live public page shows it (disclosure/access.py), and
may then be cached for PUBLIC_MEDIA_MAX_AGE seconds; otherwise only to staff who may use it,
never to be stored by a shared cache. Anyone else gets the same 404 as for a file that does not
exist, so the URL of an image in a 不公开 or unredacted body gives nothing away.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve
from wagtail.images import get_image_model

from .access import is_image_public, may_use


def image_of_file(name: str):
    """The image whose rendition or original is stored as `name`, or None."""
    image_model = get_image_model()
    rendition = image_model.get_rendition_model().objects.filter(file=name).select_related("image").first()
    return rendition.image if rendition else image_model.objects.filter(file=name).first()


@require_safe
def serve_image_file(request: HttpRequest, name: str) -> HttpResponse:
    image = image_of_file(name)
    if image is None:
        raise Http404
    public = is_image_public(image)
    if not public and not may_use(request.user, image):
        raise Http404
    # serve() answers If-Modified-Since with 304, so a browser revalidates cheaply.
    response = serve(request, name, document_root=settings.MEDIA_ROOT)
    if public:
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_MEDIA_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
