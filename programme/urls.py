"""URLs of the programme's own pages, under program/."""

from django.urls import path, re_path

from programme import views

app_name = "programme"

urlpatterns = [
    path("overblik/", views.programme_overview, name="overview"),
    path("mine-opgaver/", views.my_tasks, name="my_tasks"),
    path("soeg/", views.search_page, name="search"),
    path("ambition/", views.programme_ambition, name="ambition"),
    path("ambition/dele/<slug:kind>/", views.programme_part, name="part"),
    path("ambition/versioner/", views.programme_version_add, name="version_add"),
    path("ambition/versioner/<int:number>/", views.programme_version, name="version"),
    path("plan/", views.programme_plan, name="plan"),
    path("kontakt/", views.secretariat_contact, name="contact"),
    path("matrikler/<int:pk>/", views.site_page, name="site"),
    re_path(
        r"^matrikler/(?P<pk>[0-9]+)/eksport\.(?P<fmt>xlsx|csv)$",
        views.site_export,
        name="site_export",
    ),
    re_path(
        r"^overblik/eksport\.(?P<fmt>xlsx|csv)$", views.overview_export, name="overview_export"
    ),
    re_path(
        r"^handlinger/eksport\.(?P<fmt>xlsx|csv)$", views.actions_export, name="actions_export"
    ),
]
