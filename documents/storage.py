"""Where rendered documents are kept, and never behind a public URL.

The documents hold drafts and status that only some people may read, so every download goes
through a view that checks permission. Both storages refuse to make a URL, so no template or
admin page can link to a file by mistake; nothing serves MEDIA_URL either.

Which one is used is ``STORAGES["documents"]`` (config.settings, from the environment): files
under MEDIA_ROOT by default, or an S3-compatible object store when ``S3_BUCKET`` is set, so
that several web and worker machines share the documents.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty


class _DocumentsStorage(LazyObject):
    """``storages["documents"]``, looked up when first used and again after the setting
    changes (as Django's ``default_storage`` does), so the model's field follows it."""

    def _setup(self) -> None:
        self._wrapped = storages["documents"]


_documents = _DocumentsStorage()


def documents_storage() -> Storage:
    """The storage of rendered documents: the model's ``storage`` callable."""
    return cast(Storage, _documents)


def _follow_the_setting(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        _documents._wrapped = empty  # type: ignore[assignment]


setting_changed.connect(_follow_the_setting, dispatch_uid="documents.storage")


@deconstructible
class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT on disk (following the setting when tests change it), without URLs.

    Files 0600 in folders 0700 (issue 25, item 12): a rendered document holds drafts, and
    other accounts on the machine have no business reading it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        super().__init__(*args, **kwargs)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Documents are private: download them through the app.")
