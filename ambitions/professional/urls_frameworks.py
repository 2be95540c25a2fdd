"""URLs of the frameworks, the status overview and the traceability page."""

from django.urls import URLPattern, path

from ambitions.professional import frameworks

urlpatterns: list[URLPattern] = [
    path("", frameworks.overview, name="overview"),
    path("aaben/", frameworks.open_ambition, name="open"),
    path("synkroniser/", frameworks.synchronise, name="sync"),
    path("rammer/<int:pk>/", frameworks.framework, name="framework"),
    path("rammer/<int:pk>/resultatmaal/", frameworks.goal_add, name="goal_add"),
    path(
        "rammer/<int:pk>/resultatmaal/<int:goal>/slet/",
        frameworks.goal_delete,
        name="goal_delete",
    ),
    path("rammer/<int:pk>/aktoerer/", frameworks.actor_add, name="actor_add"),
    path(
        "rammer/<int:pk>/aktoerer/<int:actor>/slet/",
        frameworks.actor_delete,
        name="actor_delete",
    ),
    path("rammer/<int:pk>/fokusomraader/", frameworks.focus_area_add, name="focus_area_add"),
    path(
        "rammer/<int:pk>/fokusomraader/<int:focus_area>/",
        frameworks.focus_area_rename,
        name="focus_area_rename",
    ),
    path("rammer/<int:pk>/kerneteam/", frameworks.framework_core_team, name="framework_core_team"),
    path("status/", frameworks.status, name="status"),
    path("status/<int:pk>/", frameworks.status_update, name="status_update"),
    path("sporbarhed/", frameworks.traceability, name="traceability"),
]
