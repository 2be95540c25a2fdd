"""URLs of the frameworks, the status overview and the traceability page."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
