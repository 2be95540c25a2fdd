"""The inspiration library, under ``inspiration/`` (see config.urls)."""

from django.urls import path

from inspiration import views

app_name = "inspiration"

urlpatterns = [
    path("", views.library, name="library"),
    path("ny/", views.case_add, name="case_add"),
    path("case/<slug:slug>/", views.case_detail, name="case"),
    path("opgaver/", views.task_shifts, name="task_shifts"),
    path("udfordring/<slug:slug>/<int:pk>/", views.challenge, name="challenge"),
    path("handling/<slug:slug>/<int:pk>/", views.action, name="action"),
]
