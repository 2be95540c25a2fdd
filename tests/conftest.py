"""Shared fixtures: the persona cast of BASS and the rule for tests that need services.

The cast mirrors the roles of the guides "BASS kort fortalt" and "Hvad er en faglig ambition?": a
specialty's owner, implementation lead and
core-team member; the programme's steering group and secretariat; and an outsider who is
signed in but has no role.
"""

import datetime
import importlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from people.models import ProgrammeRole, User
from specialties.models import Membership, Site, Specialty
from tests.factories import PASSWORD, MembershipFactory, SpecialtyFactory, UserFactory


def require_service(available: bool, what: str) -> None:
    """Skip a test whose service is missing on a laptop; in CI (CI=true), fail instead:
    CI provides every service, so a skip there would hide a broken setup."""
    if available:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI must provide {what}, but it is missing")
    pytest.skip(f"{what} is not available here (CI provides it)")


def pytest_configure() -> None:
    from django.conf import settings

    # A deliberately slow password hash is the point in production and pure waste here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings: Any) -> None:
    """E-mail takes production's road: the outbox (post-office), delivered after commit by
    ``bass.outbox.send_outbox``, into Django's test mailbox (``mail.outbox``) instead of a
    mail server. pytest-django would send straight to the mailbox, past the outbox."""
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }


def delivered() -> list[Any]:
    """The test mailbox after the outbox's delivery (``bass.outbox.send_outbox``), which
    production runs once the change commits: a test's own transaction never commits, so a
    test that reads the e-mails of a request delivers them first."""
    from django.core import mail

    from bass.outbox import send_outbox

    send_outbox()
    return mail.outbox  # type: ignore[attr-defined,no-any-return]


@pytest.fixture(autouse=True)
def _eager_celery(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tasks run in-process, as without REDIS_URL, even where CI sets REDIS_URL; only the
    real worker's test sends them to the broker."""
    if request.node.get_closest_marker("services") is not None:
        yield
        return
    from config.celery import app

    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = before


@pytest.fixture(autouse=True)
def _danish() -> None:
    """Each test starts in the app's language: a request in English (a person who chose it)
    leaves its language active in the thread, as a server's next request would not."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: a test's rows, and the versions they bumped,
    roll back with it, so the next test may write the same ids and versions again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: object) -> None:
    # The manifest storage needs `collectstatic`; tests serve static files from the finders.
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


REFERENCE_DATA_MIGRATIONS = [
    "sustainability.migrations.0002_reference_perspectives",
    "ambitions.migrations.0002_reference_principles",
    "specialties.migrations.0002_reference_sites_specialties",
    # After the specialties and perspectives it links to.
    "inspiration.migrations.0002_reference_library",
]


@pytest.fixture
def reference_data(transactional_db: None) -> None:
    """Reload the reference data for a transactional test.

    Such a test ends with a flush that takes the migrations' data with it, so the next one
    loads it again with the migrations' own (idempotent) functions.
    """
    from django.apps import apps

    for module in REFERENCE_DATA_MIGRATIONS:
        importlib.import_module(module).load(apps, None)


# One worker process for the whole run, shared by every test that needs it.
@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """A real `celery worker` process, on the real broker, reading the test database."""
    require_service(bool(settings.REDIS_URL), "Redis (REDIS_URL)")
    require_service(bool(os.environ.get("DATABASE_URL")), "PostgreSQL (DATABASE_URL)")
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        # A worker refuses the repository's development key with DEBUG off (bass/checks.py).
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "pytest-celery-worker-only-not-a-secret",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "--hostname=pytest@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        from config.celery import app

        while not app.control.ping(timeout=1.0):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the Celery worker did not start")
        yield
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@dataclass
class Cast:
    specialty: Specialty
    other_specialty: Specialty
    owner: User
    lead: User
    core: User
    steering: User
    secretariat: User
    outsider: User
    other_owner: User

    def client_for(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def cast(db: None) -> Cast:
    koege = Site.objects.get(short_name="SUH Køge")
    slagelse = Site.objects.get(short_name="Slagelse")
    specialty = SpecialtyFactory(name="IM: Testkardiologi", slug="im-testkardiologi")
    specialty.sites.add(koege, slagelse)
    specialty.strength_position_sites.add(koege)
    other = SpecialtyFactory(name="IM: Testnefrologi", slug="im-testnefrologi")
    other.sites.add(koege)

    owner = UserFactory(username="owner", first_name="Ole", last_name="Ejer")
    lead = UserFactory(username="lead", first_name="Lise", last_name="Leder")
    core = UserFactory(username="core", first_name="Karen", last_name="Kerne")
    other_owner = UserFactory(username="other_owner")
    MembershipFactory(specialty=specialty, user=owner, role=Membership.Role.OWNER, profession=None)
    MembershipFactory(
        specialty=specialty, user=lead, role=Membership.Role.IMPLEMENTATION_LEAD, site=koege
    )
    MembershipFactory(specialty=specialty, user=core, role=Membership.Role.CORE_TEAM, site=koege)
    MembershipFactory(
        specialty=other, user=other_owner, role=Membership.Role.OWNER, profession=None
    )
    return Cast(
        specialty=specialty,
        other_specialty=other,
        owner=owner,
        lead=lead,
        core=core,
        steering=UserFactory(username="steering", programme_role=ProgrammeRole.STEERING_GROUP),
        secretariat=UserFactory(username="secretariat", programme_role=ProgrammeRole.SECRETARIAT),
        outsider=UserFactory(username="outsider"),
        other_owner=other_owner,
    )


__all__ = ["PASSWORD", "Cast", "require_service"]


def days_ago_at_noon(days: int) -> datetime.datetime:
    """Noon, local time, ``days`` local days ago: an age in days that does not depend on the
    hour the test runs (``now() - timedelta`` lands on another local day late in the evening
    across a change of summer time)."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
