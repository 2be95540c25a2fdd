from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EffectConfig(AppConfig):
    name = "effect"
    label = "effect"
    verbose_name = _("Key figures")

    def ready(self) -> None:
        from bass.cache import track
        from effect import models as m

        # A key figure shows on every specialty's pages and the programme's: reference data.
        track(m.KeyFigure)
        track(m.EffectSettings)
        # A value belongs to its specialty; a per-site value (no specialty) to the programme.
        track(m.KeyFigureValue, "specialty")
