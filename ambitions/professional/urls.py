"""URLs of the professional ambition, under specialer/<slug>/faglig-ambition/."""

from django.urls import path

from ambitions.professional import views

app_name = "professional"

urlpatterns = [
    # Rammer for indsatsområdet, Status og fremdrift, Sporbarhed.
    path("", views.overview, name="overview"),
    path("aaben/", views.open_ambition, name="open"),
    path("synkroniser/", views.synchronise, name="sync"),
    path("rammer/<int:pk>/", views.framework, name="framework"),
    path("rammer/<int:pk>/resultatmaal/", views.goal_add, name="goal_add"),
    path("rammer/<int:pk>/resultatmaal/<int:goal>/slet/", views.goal_delete, name="goal_delete"),
    path("rammer/<int:pk>/aktoerer/", views.actor_add, name="actor_add"),
    path("rammer/<int:pk>/aktoerer/<int:actor>/slet/", views.actor_delete, name="actor_delete"),
    path("rammer/<int:pk>/fokusomraader/", views.focus_area_add, name="focus_area_add"),
    path(
        "rammer/<int:pk>/fokusomraader/<int:focus_area>/",
        views.focus_area_rename,
        name="focus_area_rename",
    ),
    path("rammer/<int:pk>/kerneteam/", views.framework_core_team, name="framework_core_team"),
    path("rammer/<int:pk>/historik/", views.framework_history, name="framework_history"),
    path("status/", views.status, name="status"),
    path("status/<int:pk>/", views.status_update, name="status_update"),
    path("sporbarhed/", views.traceability, name="traceability"),
    # Konkretisering af handlinger.
    path("fokusomraader/<int:pk>/", views.focus_area, name="focus_area"),
    path("fokusomraader/<int:pk>/handlinger/ny/", views.action_add, name="action_add"),
    path("handlinger/<int:pk>/", views.action, name="action"),
    path("handlinger/<int:pk>/historik/", views.action_history, name="action_history"),
    path("handlinger/<int:pk>/milepaele/", views.milestone_add, name="milestone_add"),
    path(
        "handlinger/<int:pk>/milepaele/<int:milestone>/",
        views.milestone_toggle,
        name="milestone_toggle",
    ),
    path("handlinger/<int:pk>/indikatorer/", views.indicator_add, name="indicator_add"),
    path(
        "handlinger/<int:pk>/indikatorer/<int:indicator>/maalinger/",
        views.measurement_add,
        name="measurement_add",
    ),
]
