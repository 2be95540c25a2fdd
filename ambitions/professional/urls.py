"""URLs of the professional ambition, under specialer/<slug>/faglig-ambition/."""

from ambitions.professional import urls_actions, urls_frameworks

app_name = "professional"

urlpatterns = [*urls_frameworks.urlpatterns, *urls_actions.urlpatterns]
