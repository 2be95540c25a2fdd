"""URLs of a person's own pages, under mine-indstillinger/."""

from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.my_settings, name="settings"),
]
