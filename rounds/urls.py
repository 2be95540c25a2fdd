"""URLs of the status rounds, under runder/."""

from django.urls import path

from rounds import views

app_name = "rounds"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("ny/", views.round_open, name="open"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/luk/", views.round_close, name="close"),
    path("speciale/<slug:slug>/", views.since_last_round, name="since"),
]
