"""URL configuration. Paths are Danish: people read them."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path

from ambitions.strategic.views.decisions import decision_register
from api.endpoints import api
from bass.health import health
from bass.help import help_site
from programme.views import home


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and tools still ask for /favicon.ico: send them to the icon."""
    return HttpResponseRedirect(static("favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    # For load balancers, compose health checks and operators: no log-in, no personal data.
    path("health/", health, name="health"),
    # The built user guide (the header's "Hjælp"), for everyone: it holds no data.
    re_path(r"^hjaelp/(?P<path>.*)$", help_site, name="help"),
    path("", home, name="home"),
    # log-ind/, log-ud/, the work account's sso/ and the password reset (glemt-adgangskode/).
    path("", include("people.account_urls")),
    path("specialer/", include("specialties.urls")),
    path("specialer/<slug:slug>/udfordringer/", include("sustainability.urls")),
    path("specialer/<slug:slug>/strategisk-ambition/", include("ambitions.strategic.urls")),
    path("specialer/<slug:slug>/faglig-ambition/", include("ambitions.professional.urls")),
    path("specialer/<slug:slug>/forbedring/", include("improvement.urls")),
    # Key figures (effektmål) and their trends, a specialty's under effekt/specialer/<slug>/.
    path("effekt/", include("effect.urls")),
    path("specialer/<slug:slug>/afhaengigheder/", include("ambitions.dependencies.urls")),
    path("beslutninger/", decision_register, name="decision_register"),
    path("transitionsmidler/", include("ambitions.professional.funds_urls")),
    path("program/", include("programme.urls")),
    # Threads of comments (under specialer/<slug>/faglig-ambition/kommentarer/) and
    # notifikationer/: the conversations app names its own paths.
    path("", include("conversations.urls")),
    path("dokumenter/", include("documents.urls")),
    path("inspiration/", include("inspiration.urls")),
    path("runder/", include("rounds.urls")),
    path("indlaes/", include("dataimport.urls")),
    path("mine-indstillinger/", include("people.urls")),
    # The secretariat's people pages and the invitation link (issue 24).
    path("personer/", include("specialties.people_urls")),
    # The read-only JSON API (issue 27, item 4), its schema at api/v1/openapi.json.
    path("api/v1/", api.urls),
    # The token pages (under personer/ and mine-indstillinger/) and the calendar feed.
    path("", include("api.urls")),
    path("sprog/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
