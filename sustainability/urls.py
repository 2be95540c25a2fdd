"""The challenges of a specialty, under ``specialer/<slug>/udfordringer/`` (see config.urls)."""

from django.urls import path

from sustainability import views

app_name = "sustainability"

urlpatterns = [
    path("", views.challenge_list, name="challenges"),
    path("ny/", views.challenge_add, name="challenge_add"),
    path("<int:pk>/", views.challenge_edit, name="challenge_edit"),
    path("<int:pk>/kerne/", views.challenge_core, name="challenge_core"),
    path("<int:pk>/flyt/", views.challenge_move, name="challenge_move"),
    path("<int:pk>/historik/", views.challenge_history, name="challenge_history"),
]
