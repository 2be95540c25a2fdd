from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = _("Improvement tools")

    def ready(self) -> None:
        from bass.cache import track
        from improvement import models as m

        track(m.Driver, "framework__ambition__specialty")
        track(m.ChangeIdea, "driver__framework__ambition__specialty")
        track(m.PDSACycle, "action__focus_area__framework__ambition__specialty")
        track(m.RunChartBaseline, "indicator__action__focus_area__framework__ambition__specialty")
