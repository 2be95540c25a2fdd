"""URLs of the improvement tools, under specialer/<slug>/forbedring/."""

from django.urls import path

from improvement import views

app_name = "improvement"

urlpatterns = [
    path("indikatorer/<int:pk>/", views.indicator, name="indicator"),
    path("indikatorer/<int:pk>/basisperiode/", views.baseline, name="baseline"),
    path("handlinger/<int:pk>/pdsa/", views.cycles, name="cycles"),
    path(
        "handlinger/<int:pk>/pdsa/<int:cycle>/<str:stage>/",
        views.cycle_stage,
        name="cycle_stage",
    ),
    path("rammer/<int:pk>/driverdiagram/", views.drivers, name="drivers"),
    path(
        "rammer/<int:pk>/driverdiagram/drivere/<int:driver>/slet/",
        views.driver_delete,
        name="driver_delete",
    ),
    path(
        "rammer/<int:pk>/driverdiagram/drivere/<int:driver>/tekst/",
        views.driver_rename,
        name="driver_rename",
    ),
    path(
        "rammer/<int:pk>/driverdiagram/ideer/<int:idea>/tekst/",
        views.idea_rename,
        name="idea_rename",
    ),
    path(
        "rammer/<int:pk>/driverdiagram/drivere/<int:driver>/ideer/",
        views.idea_add,
        name="idea_add",
    ),
    path(
        "rammer/<int:pk>/driverdiagram/ideer/<int:idea>/slet/",
        views.idea_delete,
        name="idea_delete",
    ),
    path(
        "rammer/<int:pk>/driverdiagram/ideer/<int:idea>/handlinger/",
        views.idea_actions,
        name="idea_actions",
    ),
]
