"""URLs of the focus areas' actions, milestones, indicators and measurements."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
