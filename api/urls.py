"""The token pages, the person's own page (calendar address and tokens) and the calendar feed,
at full paths where people look for them: the secretariat's under personer/ (with the people
pages), the person's own under mine-indstillinger/, and the feed at kalender/."""

from django.urls import path

from api import views

app_name = "access"

urlpatterns = [
    path("personer/<int:pk>/adgangsnoegler/", views.person_tokens, name="person_tokens"),
    path(
        "personer/adgangsnoegler/<int:pk>/traek-tilbage/",
        views.token_withdraw,
        name="token_withdraw",
    ),
    path("mine-indstillinger/kalender-og-noegler/", views.my_access, name="mine"),
    path(
        "mine-indstillinger/kalender-og-noegler/ny-adresse/",
        views.calendar_reset,
        name="calendar_reset",
    ),
    # No log-in: a calendar program fetches it; the secret in the address is the key.
    path("kalender/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
]
