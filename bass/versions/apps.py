from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VersionsConfig(AppConfig):
    name = "bass.versions"
    label = "versions"
    verbose_name = _("Content versions")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from bass import cache

        request_started.connect(cache.request_started, dispatch_uid="bass.cache:started")
        request_finished.connect(cache.request_finished, dispatch_uid="bass.cache:finished")
