"""The guide inside the app (issue 29, item 2): the header's "Hjælp" leads to the section of
the user guide that describes the page a person is on, and the app serves the built guide
itself, so it works where the hospital network reaches nothing but the app.

The guide is the MkDocs site of ``docs/`` (``mkdocs.yml``), built into ``SITE_DIR`` by
``bin/start``, ``bin/test`` and the Dockerfile (``mkdocs build``). Where it has not been
built, every guide address answers with a Danish page saying so, never an error.
``tests/test_help.py`` builds the guide and checks that every page of the permission matrix
has an entry in ``GUIDE`` whose page and section exist in the built site.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from csp.decorators import csp_update
from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

# Where mkdocs.yml's site_dir puts the built guide.
SITE_DIR = Path(settings.BASE_DIR) / "var" / "hjaelp"

# The guide's start page, for a page without an entry of its own.
START = "brugervejledning/"

_START_HERE = "brugervejledning/"
_OWNER = "brugervejledning/specialeejer/"
_LEAD = "brugervejledning/implementeringsansvarlig/"
_CORE = "brugervejledning/kerneteam/"
_STEERING = "brugervejledning/styregruppe/"
_SECRETARIAT = "brugervejledning/sekretariat/"

# URL name -> the guide's page and section (the id of a heading in the built HTML) that
# describe it. Names of URLs that only act (a POST behind a button) point where the button is
# described, so a refusal page's help still leads somewhere useful.
GUIDE: dict[str, str] = {
    "home": _START_HERE + "#mine-specialer",
    "login": _START_HERE + "#log-ind",
    "logout": _START_HERE + "#log-ind",
    "sso_start": _START_HERE + "#log-ind",
    "sso_callback": _START_HERE + "#log-ind",
    "password_reset": _START_HERE + "#glemt-adgangskode",
    "password_reset_done": _START_HERE + "#glemt-adgangskode",
    "password_reset_confirm": _START_HERE + "#glemt-adgangskode",
    "password_reset_complete": _START_HERE + "#glemt-adgangskode",
    "health": "operators/#health-and-logs",
    "decision_register": _STEERING + "#beslutningsregister",
    "specialties:list": _START_HERE + "#specialer",
    "specialties:detail": _START_HERE + "#specialets-side",
    "specialties:population": _OWNER + "#populationsbillede",
    "specialties:population_introduction": _OWNER + "#populationsbillede",
    "specialties:population_site": _OWNER + "#populationsbillede",
    "specialties:strength_position_add": _OWNER + "#populationsbillede",
    "specialties:strength_position_remove": _OWNER + "#populationsbillede",
    "specialties:core_team_add": _OWNER + "#kerneteam",
    "specialties:core_team_remove": _OWNER + "#kerneteam",
    "specialties:invite": _OWNER + "#inviter",
    "specialties:invitation_resend": _OWNER + "#inviter",
    "specialties:invitation_withdraw": _OWNER + "#inviter",
    "persons:list": _SECRETARIAT + "#personer",
    "persons:invite": _SECRETARIAT + "#personer",
    "persons:detail": _SECRETARIAT + "#personer",
    "persons:active": _SECRETARIAT + "#personer",
    "persons:programme_role": _SECRETARIAT + "#personer",
    "persons:membership_add": _SECRETARIAT + "#personer",
    "persons:membership_remove": _SECRETARIAT + "#personer",
    "persons:invitation_accept": _START_HERE + "#invitation",
    "persons:invitation_sso": _START_HERE + "#invitation",
    "programme:contact": _SECRETARIAT + "#kontakt",
    "sustainability:challenges": _CORE + "#udfordringer",
    "sustainability:challenge_add": _CORE + "#udfordringer",
    "sustainability:challenge_edit": _CORE + "#udfordringer",
    "sustainability:challenge_core": _OWNER + "#kerneudfordringer",
    "sustainability:challenge_move": _OWNER + "#kerneudfordringer",
    "sustainability:challenge_history": _CORE + "#historik",
    "ambitions:detail": _OWNER + "#strategisk-ambition",
    "ambitions:approved": _OWNER + "#godkendt-version",
    "ambitions:start": _OWNER + "#strategisk-ambition",
    "ambitions:submit": _OWNER + "#indsend",
    "ambitions:decide": _STEERING + "#beslut",
    "dependencies:list": _OWNER + "#afhaengigheder",
    "dependencies:add": _OWNER + "#afhaengigheder",
    "dependencies:edit": _OWNER + "#afhaengigheder",
    "dependencies:withdraw": _OWNER + "#afhaengigheder",
    "dependencies:answer": _OWNER + "#afhaengigheder",
    "ambitions:dilemma_add": _OWNER + "#dilemmaer",
    "ambitions:dilemma_edit": _OWNER + "#dilemmaer",
    "ambitions:prerequisite_add": _OWNER + "#forudsaetninger",
    "ambitions:prerequisite": _OWNER + "#forudsaetninger",
    "ambitions:prerequisite_delete": _OWNER + "#forudsaetninger",
    "ambitions:prerequisite_state": _OWNER + "#forudsaetninger",
    "ambitions:revise": _OWNER + "#revision",
    "ambitions:versions": _OWNER + "#versioner",
    "ambitions:part": _OWNER + "#de-fem-dele",
    "ambitions:part_history": _OWNER + "#versioner",
    "ambitions:comment_add": _OWNER + "#kommentarer-til-en-del",
    "ambitions:area_add": _OWNER + "#indsatsomrader",
    "ambitions:area_edit": _OWNER + "#indsatsomrader",
    "ambitions:area_delete": _OWNER + "#indsatsomrader",
    "ambitions:condition_met": _OWNER + "#betingelser",
    "professional:overview": _LEAD + "#faglig-ambition",
    "professional:open": _LEAD + "#faglig-ambition",
    "professional:sync": _LEAD + "#faglig-ambition",
    "professional:framework": _LEAD + "#rammer",
    "professional:goal_add": _LEAD + "#rammer",
    "professional:goal_delete": _LEAD + "#rammer",
    "professional:actor_add": _LEAD + "#rammer",
    "professional:actor_delete": _LEAD + "#rammer",
    "professional:focus_area_add": _LEAD + "#rammer",
    "professional:focus_area_rename": _LEAD + "#rammer",
    "professional:framework_core_team": _LEAD + "#rammer",
    "professional:status": _LEAD + "#status-og-fremdrift",
    "professional:status_update": _LEAD + "#status-og-fremdrift",
    "professional:traceability": _LEAD + "#sporbarhed",
    "professional:funds": _LEAD + "#transitionsmidler",
    "funds:open": _STEERING + "#transitionsmidler",
    "funds:decide": _STEERING + "#transitionsmidler",
    "professional:focus_area": _CORE + "#handlinger",
    "professional:action_add": _CORE + "#handlinger",
    "professional:action": _CORE + "#handlinger",
    "professional:milestone_add": _CORE + "#registrer-fremdrift",
    "professional:milestone_toggle": _CORE + "#registrer-fremdrift",
    "professional:indicator_add": _CORE + "#registrer-fremdrift",
    "professional:measurement_add": _CORE + "#registrer-fremdrift",
    "professional:framework_history": _CORE + "#historik",
    "professional:action_history": _CORE + "#historik",
    "conversations:framework_thread": _CORE + "#kommentarer",
    "conversations:status_thread": _CORE + "#kommentarer",
    "conversations:action_thread": _CORE + "#kommentarer",
    "conversations:notifications": _START_HERE + "#notifikationer",
    "conversations:unread": _START_HERE + "#notifikationer",
    "conversations:mark_read": _START_HERE + "#notifikationer",
    "improvement:indicator": _CORE + "#seriediagram",
    "improvement:baseline": _CORE + "#seriediagram",
    "improvement:cycles": _CORE + "#pdsa",
    "improvement:cycle_stage": _CORE + "#pdsa",
    "improvement:drivers": _LEAD + "#driverdiagram",
    "improvement:driver_delete": _LEAD + "#driverdiagram",
    "improvement:idea_add": _LEAD + "#driverdiagram",
    "improvement:driver_rename": _LEAD + "#driverdiagram",
    "improvement:idea_rename": _LEAD + "#driverdiagram",
    "improvement:idea_delete": _LEAD + "#driverdiagram",
    "improvement:idea_actions": _LEAD + "#driverdiagram",
    "documents:request": _START_HERE + "#pdf",
    "documents:job": _START_HERE + "#pdf",
    "documents:download": _START_HERE + "#pdf",
    "programme:overview": _STEERING + "#programoverblik",
    "programme:overview_export": _STEERING + "#programoverblik",
    "programme:actions_export": _STEERING + "#programoverblik",
    "programme:site": _STEERING + "#matriklens-overblik",
    "programme:site_export": _STEERING + "#matriklens-overblik",
    "programme:my_tasks": _START_HERE + "#mine-opgaver",
    "programme:search": _START_HERE + "#sog",
    "programme:plan": _SECRETARIAT + "#programplan",
    "programme:ambition": _SECRETARIAT + "#programmets-ambition",
    "programme:part": _SECRETARIAT + "#programmets-ambition",
    "programme:version_add": _SECRETARIAT + "#programmets-ambition",
    "programme:version": _SECRETARIAT + "#programmets-ambition",
    "dataimport:start": _CORE + "#indlaes-fra-en-fil",
    "dataimport:template": _CORE + "#indlaes-fra-en-fil",
    "dataimport:upload": _CORE + "#indlaes-fra-en-fil",
    "dataimport:confirm": _CORE + "#indlaes-fra-en-fil",
    "dataimport:history": _CORE + "#indlaes-fra-en-fil",
    "dataimport:undo": _CORE + "#indlaes-fra-en-fil",
    "rounds:list": _SECRETARIAT + "#statusrunder",
    "rounds:open": _SECRETARIAT + "#statusrunder",
    "rounds:detail": _SECRETARIAT + "#statusrunder",
    "rounds:close": _SECRETARIAT + "#statusrunder",
    "rounds:since": _LEAD + "#siden-sidste-runde",
    "effect:figures": _SECRETARIAT + "#effektmaal",
    "effect:figure_add": _SECRETARIAT + "#effektmaal",
    "effect:figure_edit": _SECRETARIAT + "#effektmaal",
    "effect:programme_start": _SECRETARIAT + "#effektmaal",
    "effect:sites": _SECRETARIAT + "#effektmaal",
    "effect:specialty": _OWNER + "#effektmaal",
    "effect:before_after": _STEERING + "#foer-og-efter",
    "people:settings": _START_HERE + "#mine-indstillinger",
    "access:mine": _START_HERE + "#kalender-og-adgangsnogler",
    "access:calendar_reset": _START_HERE + "#kalender-og-adgangsnogler",
    "access:calendar_feed": _START_HERE + "#kalender-og-adgangsnogler",
    "access:person_tokens": _SECRETARIAT + "#adgangsnogler-til-api",
    "access:token_withdraw": _SECRETARIAT + "#adgangsnogler-til-api",
    "inspiration:library": _START_HERE + "#inspiration",
    "inspiration:task_shifts": _START_HERE + "#inspiration",
    "inspiration:case": _START_HERE + "#inspiration",
    "inspiration:case_add": _SECRETARIAT + "#inspirationskataloget",
    "inspiration:challenge": _CORE + "#udfordringer",
    "inspiration:action": _CORE + "#handlinger",
}


def guide_target(view_name: str | None) -> str:
    """The guide's page and section (``page/#id``) for a URL name, or the guide's start."""
    return GUIDE.get(view_name or "", START)


def help_url(view_name: str | None) -> str:
    """The app's address of the guide's section for a URL name."""
    page, _, section = guide_target(view_name).partition("#")
    url = reverse("help", kwargs={"path": page})
    return f"{url}#{section}" if section else url


def _file_of(path: str) -> Path | None:
    """The built file for a guide address, or None; never a file outside the site."""
    root = SITE_DIR.resolve()
    wanted = (root / path).resolve()
    if wanted.is_dir():
        wanted = wanted / "index.html"
    if not wanted.is_relative_to(root) or not wanted.is_file():
        return None
    return wanted


# The guide's own pages run MkDocs Material's inline scripts and styles (its configuration
# and the colour scheme); they are static files we build, with nothing anyone typed in them.
# django-csp types a view as taking the request alone.
@csp_update({"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
@require_safe
def help_site(request: HttpRequest, path: str) -> HttpResponseBase:
    """A file of the built guide, for everyone (it holds no data); a Danish page where the
    guide has not been built."""
    if not (SITE_DIR / "index.html").is_file():
        return render(request, "help_missing.html")
    found = _file_of(path)
    if found is None:
        raise Http404(path)
    content_type, _ = mimetypes.guess_type(found.name)
    return FileResponse(found.open("rb"), content_type=content_type or "application/octet-stream")
