"""URLs of the imports, under indlaes/ (Danish: people read them)."""

from django.urls import path

from dataimport import views

app_name = "dataimport"

urlpatterns = [
    path("", views.start, name="start"),
    path("skabelon/<slug:kind>.<slug:fmt>", views.template, name="template"),
    path("forhaandsvisning/", views.upload, name="upload"),
    path("gem/", views.confirm, name="confirm"),
    path("historik/", views.history, name="history"),
    path("historik/<int:pk>/fortryd/", views.undo, name="undo"),
]
