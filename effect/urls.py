"""URLs of the key figures: everything under effekt/, a specialty's under specialer/<slug>/."""

from django.urls import path

from effect import views

app_name = "effect"

urlpatterns = [
    path("", views.figures, name="figures"),
    path("nyt/", views.figure_edit, name="figure_add"),
    path("<int:pk>/", views.figure_edit, name="figure_edit"),
    path("programstart/", views.programme_start, name="programme_start"),
    path("foer-og-efter/", views.before_after, name="before_after"),
    path("matrikler/", views.sites, name="sites"),
    path("specialer/<slug:slug>/", views.specialty, name="specialty"),
]
