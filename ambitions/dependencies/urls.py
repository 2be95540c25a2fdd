"""A specialty's dependencies on other specialties, under ``specialer/<slug>/afhaengigheder/``."""

from django.urls import path

from ambitions.dependencies import views

app_name = "dependencies"

urlpatterns = [
    path("", views.dependency_list, name="list"),
    path("ny/", views.dependency_add, name="add"),
    path("<int:pk>/", views.dependency_edit, name="edit"),
    path("<int:pk>/tilbagetraek/", views.dependency_withdraw, name="withdraw"),
    path("<int:pk>/svar/", views.dependency_answer, name="answer"),
]
