"""Where rendered documents are kept: under MEDIA_ROOT, and never behind a public URL.

The documents hold drafts and status that only some people may read, so every download goes
through a view that checks permission. ``PrivateStorage`` refuses to make a URL, so no
template or admin page can link to a file by mistake; nothing serves MEDIA_URL either.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT on disk (following the setting when tests change it), without URLs."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Documents are private: download them through the app.")


private_storage = PrivateStorage()
