"""URLs of the steering group's transition funds, under transitionsmidler/."""

from django.urls import path

from ambitions.professional.views import funds

app_name = "funds"

urlpatterns = [
    path("", funds.open_funds, name="open"),
    path("<int:pk>/beslut/", funds.funds_decide, name="decide"),
]
