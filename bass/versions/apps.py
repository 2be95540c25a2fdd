from django.apps import AppConfig


class VersionsConfig(AppConfig):
    """The content versions (``bass.cache``); no pages, nothing in the admin."""

    name = "bass.versions"
    label = "versions"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from bass import cache

        request_started.connect(cache.request_started, dispatch_uid="bass.cache:started")
        request_finished.connect(cache.request_finished, dispatch_uid="bass.cache:finished")
