from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SustainabilityConfig(AppConfig):
    name = "sustainability"
    verbose_name = _("Sustainability")

    def ready(self) -> None:
        from bass.cache import track
        from sustainability.models import (
            Challenge,
            FocusArea,
            LensAnswer,
            Perspective,
            PerspectiveExample,
        )

        track(Perspective)
        track(FocusArea)
        track(PerspectiveExample)
        track(Challenge, "specialty")
        track(LensAnswer, "challenge__specialty")
