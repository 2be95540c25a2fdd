"""The app's URLs and the benchmark's two ceilings (only ever mounted by bench.settings)."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/bare/", views.bare, name="bench_bare"),
    path("bench/signed-in/", views.signed_in, name="bench_signed_in"),
    path("", include("config.urls")),
]
