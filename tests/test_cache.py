"""Content versions (bass.cache): every kind of write makes the cached fragments of what it
changed unreachable, and nothing else's.

Checked for every tracked model on the demo region (saved, deleted and, where it has them,
its many-to-many relations changed), and for writes through the services, the admin and
the ORM directly; and that what nobody sees (a login) changes nothing.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client
from django.urls import reverse

from ambitions.models import AmbitionPart, PartKind
from ambitions.strategic import services
from bass import cache
from people.models import User
from specialties.models import Site, Specialty

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def _tracked() -> list[type[models.Model]]:
    return sorted(cache._TRACKED, key=lambda m: m._meta.label)


def _instance(model: type[models.Model]) -> models.Model:
    instance = model._default_manager.order_by("pk").first()
    assert instance is not None, f"the demo has no {model._meta.label}"
    return instance


def _other_specialty(specialty_id: int | None) -> int:
    return Specialty.objects.exclude(pk=specialty_id).values_list("pk", flat=True).first() or 0


# The apps of BASS Ambitions: every installed app whose code is in this repository (a new app
# is in it the day it is installed), so every model of theirs is tracked or named below.
OUR_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).resolve().is_relative_to(Path(settings.BASE_DIR).resolve())
    and ".venv" not in Path(config.path).parts
}


def test_our_apps_are_every_app_of_the_repository() -> None:
    """The test below covers every app of ours, and only ours (not Django's or a library's)."""
    assert {
        "versions",
        "people",
        "specialties",
        "sustainability",
        "ambitions",
        "rounds",
        "conversations",
        "improvement",
        "inspiration",
        "documents",
        "programme",
    } <= OUR_APPS
    assert not OUR_APPS & {"auth", "contenttypes", "sessions", "axes", "simple_history"}


# Models whose rows no kept page shows, each with the reason (issue 21, item 4).
NOT_TRACKED = {
    "versions.ContentVersion": "the versions themselves",
    "documents.DocumentJob": "a PDF's job is asked for on every view of its button, never kept",
    "rounds.StatusRound": "open rounds have their own key (rounds.queries.open_rounds_key); "
    "the round page keeps only each specialty's figures, under the specialty's version",
    "rounds.RoundSnapshot": "frozen when a round closes and never changed (PROTECTed)",
    "rounds.ReminderDigest": "the reminders' sent-log, shown only in the admin",
    "rounds.ReminderItem": "the reminders' sent-log, shown only in the admin",
    "conversations.Comment": "threads are read fresh on every request, never kept",
    "conversations.Notification": "a person's own notifications, read fresh every time",
    "api.ApiToken": "read fresh on every API request and on the token pages, never kept",
    "api.CalendarFeed": "read fresh on every feed request and on the person's own page",
    "dataimport.DataImport": "the import history is read fresh on every request, never kept",
    "dataimport.ImportedMeasurement": "the link from an import to what it created, read only "
    "by undo; the measurements themselves are tracked",
    "dataimport.ImportedKeyFigureValue": "the link from an import to what it created, read "
    "only by undo; the key figures' values themselves are tracked",
}


def test_every_content_model_is_tracked() -> None:
    """A new model of any of our apps must be tracked, or named in ``NOT_TRACKED`` with the
    reason no kept page shows it: otherwise its writes would not make kept pages stale."""
    untracked = sorted(
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS
        and not m._meta.label.split(".")[1].startswith("Historical")
        and m not in cache._TRACKED
        and m._meta.label not in NOT_TRACKED
    )
    assert untracked == [], f"track these models or say why not: {untracked}"
    stale = sorted(label for label in NOT_TRACKED if apps.get_model(label) in cache._TRACKED)
    assert stale == [], f"tracked after all, remove from NOT_TRACKED: {stale}"


@pytest.mark.parametrize("model", _tracked(), ids=lambda m: m._meta.label)
def test_saving_any_tracked_row_bumps_its_specialty_only(
    demo: None, model: type[models.Model]
) -> None:
    instance = _instance(model)
    specialty = cache.specialty_of(instance) if cache._TRACKED[model][0] else None
    other = _other_specialty(specialty)
    before, before_other = cache.version(specialty), cache.version(other)
    with transaction.atomic():
        instance.save()
    assert cache.version(specialty) != before
    if specialty is not None:
        assert cache.version(other) == before_other  # another specialty's stays cached
    else:
        assert cache.version(other) != before_other  # reference data shows everywhere


@pytest.mark.parametrize(
    "model",
    [m for m in _tracked() if m._meta.local_many_to_many],
    ids=lambda m: m._meta.label,
)
def test_changing_a_many_to_many_relation_bumps(demo: None, model: type[models.Model]) -> None:
    instance = _instance(model)
    specialty = cache.specialty_of(instance) if cache._TRACKED[model][0] else None
    for field in model._meta.local_many_to_many:
        before = cache.version(specialty)
        getattr(instance, field.name).clear()
        assert cache.version(specialty) != before, field.name


# Rows the database refuses to delete while anything refers to them (protected foreign
# keys): reference data, people, specialties and the frozen versions of an ambition.
PROTECTED = {
    "people.User",
    "specialties.Site",
    "specialties.Profession",
    "specialties.Specialty",
    "sustainability.Perspective",
    "sustainability.FocusArea",
    "ambitions.Principle",
    "ambitions.AmbitionVersion",
    # Its workflow state may only change through its transitions, and nothing deletes it.
    "ambitions.StrategicAmbition",
}


@pytest.mark.parametrize(
    "model",
    [m for m in _tracked() if m._meta.label not in PROTECTED],
    ids=lambda m: m._meta.label,
)
def test_deleting_a_row_bumps_its_specialty(demo: None, model: type[models.Model]) -> None:
    instance = _instance(model)
    specialty = cache.specialty_of(instance) if cache._TRACKED[model][0] else None
    before = cache.version(specialty)
    with transaction.atomic():
        model._default_manager.filter(pk=instance.pk).delete()
    assert cache.version(specialty) != before


def test_service_writes_bump_their_specialty(demo: None) -> None:
    """The steering group returns Lungesygdomme's ambition, then the owner rewrites a part:
    each write through the services makes a new version for that specialty only."""
    part = AmbitionPart.objects.select_related("ambition__specialty").get(
        ambition__specialty__name="IM: Lungesygdomme", kind=PartKind.SITUATION
    )
    ambition, specialty = part.ambition, part.ambition.specialty
    other = _other_specialty(specialty.pk)
    before, before_other = cache.version(specialty.pk), cache.version(other)
    with transaction.atomic():
        services.ambition_return(
            ambition=ambition, by=User.objects.get(username="styregruppe"), remark="Uddyb."
        )
    returned = cache.version(specialty.pk)
    assert returned != before
    part.refresh_from_db()
    part.ambition = ambition
    services.part_save(
        part=part, text="Ny tekst", base_revision=part.revision, by=specialty.owner.user
    )
    assert cache.version(specialty.pk) != returned
    assert cache.version(other) == before_other


def test_an_admin_write_bumps_the_programme(demo: None) -> None:
    """The secretariat edits a site's name in the admin: every specialty shows sites."""
    site = Site.objects.first()
    assert site is not None
    client = Client()
    client.force_login(User.objects.get(username="sekretariat"))
    before = cache.version(_other_specialty(None))
    change = reverse("admin:specialties_site_change", args=[site.pk])
    page = client.get(change)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["name"] = f"{site.name} (ny)"
    response = client.post(change, data)
    assert response.status_code == 302, response.content[:500]
    assert cache.version(_other_specialty(None)) != before


def test_a_login_changes_nothing_anyone_sees(demo: None) -> None:
    before = cache.version()
    assert Client().login(username="ejer", password="bass-demo")
    assert cache.version() == before


def test_a_version_is_the_databases_not_the_caches(demo: None) -> None:
    """The cache forgetting everything changes no version: they are rows in the database,
    changed by the writing transaction and rolled back with it."""
    from django.core.cache import cache as django_cache

    specialty = Specialty.objects.first()
    assert specialty is not None
    first = cache.version(specialty.pk)
    django_cache.clear()
    assert cache.version(specialty.pk) == first
    inside = []

    def write_then_fail() -> None:
        with transaction.atomic():
            Specialty.objects.get(pk=specialty.pk).save()
            inside.append(cache.version(specialty.pk))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert inside != [first]  # seen inside the transaction
    assert cache.version(specialty.pk) == first


def _status(client: Client, slug: str) -> tuple[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("professional:status", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response.text, len(queries.captured_queries)


def _table(page: str) -> str:
    return page[page.index('id="status-totals"') : page.index("</table>")]


def test_the_status_page_is_kept_until_its_content_changes(demo: None) -> None:
    """Thirty people opening Status og fremdrift in a meeting compute it once; a milestone
    marked done shows at once, for everybody."""
    from ambitions.models import Milestone
    from ambitions.professional import services as professional_services

    specialty = Specialty.objects.get(name="IM: Kardiologi")
    owner, core, steering = Client(), Client(), Client()
    owner.force_login(User.objects.get(username="ejer"))
    core.force_login(User.objects.get(username="kerneteam"))
    steering.force_login(User.objects.get(username="styregruppe"))
    as_owner, _ = _status(owner, specialty.slug)
    first, computed = _status(core, specialty.slug)
    again, kept = _status(steering, specialty.slug)
    assert kept < computed  # the figures were not loaded again for the next reader
    assert _table(again) == _table(first)
    assert "status_update" not in again  # no owner's buttons for those who may not update
    assert "?rediger=1" in as_owner  # the owner's kept apart, with its buttons
    assert "?rediger=1" not in again
    overdue = Milestone.objects.filter(
        action__focus_area__framework__ambition__specialty=specialty, done_on=None
    ).order_by("due_date")
    before = overdue.count()
    milestone = overdue.first()
    assert milestone is not None
    professional_services.milestone_set_done(
        milestone=milestone, by=User.objects.get(username="ejer"), done=True
    )
    after, recomputed = _status(steering, specialty.slug)
    assert recomputed > kept
    assert _table(after) != _table(again)
    assert before > 0


def test_a_fragment_key_missing_from_the_context_is_an_error() -> None:
    """Two pages differing only in a missing variable would otherwise share one fragment."""
    from django.template import Context, Template, TemplateSyntaxError

    template = Template('{% load bass_cache %}{% fragment "x" version missing %}x{% endfragment %}')
    with pytest.raises(TemplateSyntaxError, match="missing"):
        template.render(Context({"version": "1"}))
    assert template.render(Context({"version": "1", "missing": None})) == "x"


def test_the_ambition_page_shows_a_saved_part_at_once(demo: None) -> None:
    """The parts are kept per content version: a save makes the next view show it."""
    specialty = Specialty.objects.get(name="IM: Lungesygdomme")
    steering = User.objects.get(username="styregruppe")
    client = Client()
    client.force_login(steering)
    page = reverse("ambitions:detail", kwargs={"slug": specialty.slug})
    assert client.get(page).status_code == 200
    assert "Et nyt situationsbillede" not in client.get(page).text  # kept
    ambition = specialty.strategic_ambition
    with transaction.atomic():
        services.ambition_return(ambition=ambition, by=steering, remark="Uddyb.")
    part = AmbitionPart.objects.get(ambition=ambition, kind=PartKind.SITUATION)
    part.ambition = ambition
    services.part_save(
        part=part,
        text="Et nyt situationsbillede",
        base_revision=part.revision,
        by=specialty.owner.user,
    )
    assert "Et nyt situationsbillede" in client.get(page).text


def test_every_version_begins_with_the_release() -> None:
    """A new release (code, templates, translations, static files) keeps nothing an older
    one rendered or loaded: its keys are new."""
    assert cache.version().startswith(cache.release() + ".")
    assert cache.version(1).startswith(cache.release() + ".")
    assert all(v.startswith(cache.release() + ".") for v in cache.versions([1, 2]).values())


def test_the_release_changes_with_any_file_it_covers(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text("<p>{{ x }}</p>")
    other = tmp_path / "other.py"
    other.write_text("X = 1")
    before = cache._digest(tmp_path, [template, other])
    assert cache._digest(tmp_path, [other, template]) == before  # in any order found
    template.write_text("<p>{{ x }} </p>")
    assert cache._digest(tmp_path, [template, other]) != before


def test_the_release_covers_the_apps_templates_and_translations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[Path] = []

    def digest(root: Path, paths: Iterable[Path]) -> str:
        seen.extend(path.relative_to(root) for path in paths)
        return "x"

    monkeypatch.setattr(cache, "_digest", digest)
    cache.release.cache_clear()
    try:
        cache.release()
    finally:
        cache.release.cache_clear()
    names = {str(p) for p in seen}
    assert "specialties/access.py" in names
    assert "templates/base.html" in names
    assert "locale/da/LC_MESSAGES/django.mo" in names
    assert not any(".venv" in name for name in names)


@pytest.mark.django_db(transaction=True)
def test_a_fragment_rendered_inside_a_transaction_is_not_kept() -> None:
    """What a request reads inside a transaction of its own may roll back: shown, not kept."""
    from django.template import Context, Template

    template = Template(
        '{% load bass_cache %}{% fragment "x" version %}{{ text }}{% endfragment %}'
    )
    with transaction.atomic():
        assert template.render(Context({"version": "1", "text": "uncommitted"})) == "uncommitted"
    assert template.render(Context({"version": "1", "text": "committed"})) == "committed"
    assert template.render(Context({"version": "1", "text": "later"})) == "committed"  # kept
