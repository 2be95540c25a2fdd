from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = "Programmet"

    def ready(self) -> None:
        from bass.cache import track
        from programme import models as m

        # The programme's plan and its own ambition belong to no specialty: a change is a
        # change of the programme's version, which every kept fragment's key holds.
        for model in (m.PlannedPhase, m.ProgrammePart, m.ProgrammeVersion, m.SecretariatContact):
            track(model)
