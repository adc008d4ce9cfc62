"""Where uploaded files are kept: images apart from everything else.

Images (`original_images/`, and their renditions in `images/`) live under MEDIA_ROOT and have
URLs under MEDIA_URL, which only a permission-checked view answers (disclosure/media.py): an
image in a non-public body is not a plain file on the web. Every other upload, the document
library first of all, lives under PRIVATE_MEDIA_ROOT, which no URL maps to at all: the only way
to a document is Wagtail's serve view, which asks disclosure/access.py who may have it. A web
server in front of the site must not serve either folder (README, "Production").
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property

# Folders Wagtail writes images to (wagtail.images.models: get_upload_to, get_rendition_upload_to).
IMAGE_FOLDERS = ("original_images/", "images/")


class PrivateFileStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which have no URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        # What Storage says of a file without a URL: Wagtail then serves documents through its view.
        raise NotImplementedError(f"{name} is private: it is served only through a permission-checked view.")


class MediaStorage(FileSystemStorage):
    """The default storage: images under MEDIA_ROOT, anything else in PrivateFileStorage.

    Private unless it is an image, so that a new kind of upload is never web-served by mistake.
    File names are the same in both, so moving a file between the folders needs no database change.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.private = PrivateFileStorage()

    @staticmethod
    def is_private(name: str) -> bool:
        return not str(name).replace("\\", "/").lstrip("/").startswith(IMAGE_FOLDERS)

    def _open(self, name, mode="rb"):
        return self.private._open(name, mode) if self.is_private(name) else super()._open(name, mode)

    def _save(self, name, content):
        return self.private._save(name, content) if self.is_private(name) else super()._save(name, content)

    def delete(self, name):
        return self.private.delete(name) if self.is_private(name) else super().delete(name)

    def exists(self, name):
        return self.private.exists(name) if self.is_private(name) else super().exists(name)

    def listdir(self, path):
        return self.private.listdir(path) if self.is_private(path) else super().listdir(path)

    def path(self, name):
        return self.private.path(name) if self.is_private(name) else super().path(name)

    def size(self, name):
        return self.private.size(name) if self.is_private(name) else super().size(name)

    def url(self, name):
        return self.private.url(name) if self.is_private(name) else super().url(name)

    def get_accessed_time(self, name):
        storage = self.private if self.is_private(name) else super()
        return storage.get_accessed_time(name)

    def get_created_time(self, name):
        storage = self.private if self.is_private(name) else super()
        return storage.get_created_time(name)

    def get_modified_time(self, name):
        storage = self.private if self.is_private(name) else super()
        return storage.get_modified_time(name)
