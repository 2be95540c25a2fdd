from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbitionsConfig(AppConfig):
    name = "ambitions"
    verbose_name = _("Ambitions")

    def ready(self) -> None:
        from ambitions import models as m
        from bass.cache import track

        track(m.Principle)
        for model in (
            m.StrategicAmbition,
            m.ProfessionalAmbition,
            m.Dilemma,
            m.Prerequisite,
            m.FundsRequest,
        ):
            track(model, "specialty")
        for model in (m.AmbitionPart, m.AmbitionVersion, m.Transition, m.InterventionArea):
            track(model, "ambition__specialty")
        track(m.ApprovalCondition, "version__ambition__specialty")
        track(m.VersionSection, "version__ambition__specialty")
        track(m.Comment, "part__ambition__specialty")
        track(m.AreaFramework, "ambition__specialty")
        for model in (m.OutcomeGoal, m.Actor, m.InterventionFocusArea, m.StatusComment):
            track(model, "framework__ambition__specialty")
        track(m.Action, "focus_area__framework__ambition__specialty")
        for model in (m.Milestone, m.ProgressIndicator, m.PerspectiveAssessment):
            track(model, "action__focus_area__framework__ambition__specialty")
        track(m.ActionPrinciple, "action__focus_area__framework__ambition__specialty")
        # A dependency belongs to the asking specialty; an answer is a change of its content.
        track(m.Dependency, "specialty")
        track(m.Measurement, "indicator__action__focus_area__framework__ambition__specialty")
