"""URLs of the focus areas' actions, milestones, indicators and measurements."""

from django.urls import URLPattern, path

from ambitions.professional import actions

urlpatterns: list[URLPattern] = [
    path("fokusomraader/<int:pk>/", actions.focus_area, name="focus_area"),
    path("fokusomraader/<int:pk>/handlinger/ny/", actions.action_add, name="action_add"),
    path("handlinger/<int:pk>/", actions.action, name="action"),
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
