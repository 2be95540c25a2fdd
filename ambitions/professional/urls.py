"""URLs of the professional ambition, under specialer/<slug>/faglig-ambition/."""

from django.urls import path

from ambitions.professional.views import (
    actions,
    focus_areas,
    frameworks,
    funds,
    overview,
    status,
    traceability,
)

app_name = "professional"

urlpatterns = [
    # Rammer for indsatsområdet, Status og fremdrift, Sporbarhed.
    path("", overview.overview, name="overview"),
    path("aaben/", overview.open_ambition, name="open"),
    path("synkroniser/", overview.synchronise, name="sync"),
    path("rammer/<int:pk>/", frameworks.framework, name="framework"),
    path("rammer/<int:pk>/resultatmaal/", frameworks.goal_add, name="goal_add"),
    path(
        "rammer/<int:pk>/resultatmaal/<int:goal>/slet/", frameworks.goal_delete, name="goal_delete"
    ),
    path("rammer/<int:pk>/aktoerer/", frameworks.actor_add, name="actor_add"),
    path(
        "rammer/<int:pk>/aktoerer/<int:actor>/slet/", frameworks.actor_delete, name="actor_delete"
    ),
    path("rammer/<int:pk>/fokusomraader/", frameworks.focus_area_add, name="focus_area_add"),
    path(
        "rammer/<int:pk>/fokusomraader/<int:focus_area>/",
        frameworks.focus_area_rename,
        name="focus_area_rename",
    ),
    path("rammer/<int:pk>/kerneteam/", frameworks.framework_core_team, name="framework_core_team"),
    path("rammer/<int:pk>/historik/", frameworks.framework_history, name="framework_history"),
    path("status/", status.status, name="status"),
    path("status/<int:pk>/", status.status_update, name="status_update"),
    path("sporbarhed/", traceability.traceability, name="traceability"),
    path("transitionsmidler/", funds.funds, name="funds"),
    # Konkretisering af handlinger.
    path("fokusomraader/<int:pk>/", focus_areas.focus_area, name="focus_area"),
    path("fokusomraader/<int:pk>/handlinger/ny/", actions.action_add, name="action_add"),
    path("handlinger/<int:pk>/", actions.action, name="action"),
    path("handlinger/<int:pk>/historik/", actions.action_history, name="action_history"),
    path("handlinger/<int:pk>/milepaele/", actions.milestone_add, name="milestone_add"),
    path(
        "handlinger/<int:pk>/milepaele/<int:milestone>/",
        actions.milestone_toggle,
        name="milestone_toggle",
    ),
    path("handlinger/<int:pk>/indikatorer/", actions.indicator_add, name="indicator_add"),
    path(
        "handlinger/<int:pk>/indikatorer/<int:indicator>/maalinger/",
        actions.measurement_add,
        name="measurement_add",
    ),
]
