from django.apps import AppConfig


class InspirationConfig(AppConfig):
    name = "inspiration"
    verbose_name = "Inspirationskatalog"

    def ready(self) -> None:
        from bass.cache import track
        from inspiration import models as m

        # The library is programme-wide reference data; a citation belongs to its action's
        # specialty.
        for model in (m.Classification, m.Case, m.TaskShift):
            track(model)
        track(m.ActionInspiration, "action__focus_area__framework__ambition__specialty")
