"""Rendered documents in an S3-compatible object store (django-storages), without URLs.

Used when ``S3_BUCKET`` is set (see config.settings). Objects are private, names never
overwrite each other, and no pre-signed URL is ever made: downloads go through the app,
which checks permission every time.
"""

from __future__ import annotations

from storages.backends.s3 import S3Storage  # type: ignore[import-untyped]


class PrivateS3Storage(S3Storage):
    default_acl = "private"
    file_overwrite = False

    def url(self, name: str | None, *args: object, **kwargs: object) -> str:
        raise NotImplementedError("Documents are private: download them through the app.")
