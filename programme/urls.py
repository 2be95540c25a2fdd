"""URLs of the programme's own pages, under program/."""

from django.urls import path, re_path

from programme import views

app_name = "programme"

urlpatterns = [
    path("overblik/", views.programme_overview, name="overview"),
    path("mine-opgaver/", views.my_tasks, name="my_tasks"),
    path("soeg/", views.search_page, name="search"),
    re_path(
        r"^overblik/eksport\.(?P<fmt>xlsx|csv)$", views.overview_export, name="overview_export"
    ),
    re_path(
        r"^handlinger/eksport\.(?P<fmt>xlsx|csv)$", views.actions_export, name="actions_export"
    ),
]
