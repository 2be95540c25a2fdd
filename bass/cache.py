"""Content versions and the one way anything is kept in the cache.

Every specialty has a content version, and the programme one more for the reference data
(perspectives, principles, sites, people's names) that every specialty shows. The versions
are rows in the database (``bass.versions``): every write of a tracked model, by a service,
the admin or a shell, adds one to the version of the specialty it belongs to (or the
programme's) with an ``UPDATE`` in the write's own transaction. So a version commits, or
rolls back, with the data it stands for; every process and machine reads the same one from
the database, with or without a shared cache, and a write that cannot record its version
fails with it.

A page reads its versions once, with its first query (``Specialty.objects.with_versions()``
annotates them onto the specialty it loads), and keeps what it renders (``kept``) under a key
that names what the thing is, the cleaned parameters it depends on, the versions and the
release. A version only grows, so a key of an older content is never asked for again and
simply expires. The programme's version starts at a random number in each database (its
epoch), so two databases under one cache, as after a restore, never share a key.

Apps declare their models in ``AppConfig.ready`` with ``track(Model, "path__to__specialty")``
(a lookup from the model to its specialty's id) or ``track(Model)`` for reference data.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save

from bass.versions.models import PROGRAMME, ContentVersion

T = TypeVar("T")

# What is kept under a version is dropped after a day at the latest; a new version replaces
# it sooner, and the old keys are never asked for again.
KEEP_FOR = 60 * 60 * 24
# While one process computes a thing, the others wait for it this long at most, then
# compute it themselves; the lock itself expires after LOCK_FOR in case its holder died.
WAIT_FOR = 10.0
LOCK_FOR = 30
_POLL = 0.05

# Model -> (lookup path from the model to its specialty, fields whose change is no content).
_TRACKED: dict[type[models.Model], tuple[str, frozenset[str]]] = {}

# Names of the versions annotated onto a specialty by ``version_annotations``.
SPECIALTY_VERSION = "bass_content_version"
PROGRAMME_VERSION = "bass_programme_version"


def _digest(root: Path, paths: Iterable[Path]) -> str:
    """The files' names (from ``root``, so every machine agrees) and contents, digested."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        name = path.relative_to(root) if path.is_relative_to(root) else path
        digest.update(str(name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def release() -> str:
    """The release this process runs: part of every key, so a new release never shows what
    an older one rendered or loaded, and every process running the same release (on any
    machine) shares what it keeps.

    The build's commit when the image says it (``BASS_RELEASE``), else a digest of the code,
    templates, translations, static files and the lock file (a library's security fix is a
    new release too)."""
    given = getattr(settings, "BASS_RELEASE", "")
    if given:
        return str(given)
    root = Path(settings.BASE_DIR)
    ours = [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(root) and ".venv" not in Path(config.path).parts
    ]
    files = [path for folder in ours for path in folder.rglob("*.py")]
    template_dirs = [Path(str(d)) for engine in settings.TEMPLATES for d in engine["DIRS"]]
    folders = [
        *template_dirs,
        *map(Path, settings.LOCALE_PATHS),  # the compiled catalogues
        *map(Path, settings.STATICFILES_DIRS),  # what {% static %} names
    ]
    for folder in folders:
        files += [path for path in folder.rglob("*") if path.is_file() and path.suffix != ".po"]
    files += [path for path in [root / "uv.lock"] if path.is_file()]
    return _digest(root, files)


# -- Reading the versions --------------------------------------------------------------------


def version_annotations() -> dict[str, Subquery]:
    """The specialty's and the programme's versions, to annotate onto a query of
    specialties: the page's first query then reads them with the specialty."""
    rows = ContentVersion.objects.values("version")
    return {
        SPECIALTY_VERSION: Subquery(rows.filter(scope=OuterRef("pk"))[:1]),
        PROGRAMME_VERSION: Subquery(rows.filter(scope=PROGRAMME)[:1]),
    }


def _programme_epoch() -> int:
    """The programme's version when its row is missing (the table was emptied): a random
    start, so this database's keys never meet an earlier one's."""
    ContentVersion.objects.get_or_create(
        scope=PROGRAMME, defaults={"version": secrets.randbelow(2**40)}
    )
    return ContentVersion.objects.values_list("version", flat=True).get(scope=PROGRAMME)


def _format(programme: int | None, specialty_id: int | None, specialty: int | None) -> str:
    if programme is None:
        programme = _programme_epoch()
    value = f"{release()}.{programme}"
    if specialty_id is not None:
        # The specialty's id is part of its version: no two specialties ever share a key.
        value += f".{specialty_id}:{specialty or 0}"
    return value


def version(specialty: int | models.Model | None = None) -> str:
    """The version of the programme's reference data and, given one, of a specialty's
    content: part of every key a thing is kept under. Free for a specialty loaded
    ``with_versions()``; one query otherwise."""
    if isinstance(specialty, models.Model):
        values = specialty.__dict__
        # Read before this request's own write: the page answering it asks again.
        written = _written()
        if SPECIALTY_VERSION in values and not written & {specialty.pk, PROGRAMME}:
            return _format(values[PROGRAMME_VERSION], specialty.pk, values[SPECIALTY_VERSION])
        specialty = int(specialty.pk)
    if specialty is None:
        rows = ContentVersion.objects.filter(scope=PROGRAMME).values_list("version", flat=True)
        return _format(rows.first(), None, None)
    return versions([specialty])[specialty]


def versions(specialty_ids: Iterable[int]) -> dict[int, str]:
    """Several specialties' versions in one query."""
    ids = list(specialty_ids)
    found = dict(
        ContentVersion.objects.filter(scope__in=[PROGRAMME, *ids]).values_list("scope", "version")
    )
    programme = found.get(PROGRAMME)
    if programme is None:
        programme = _programme_epoch()
    return {pk: _format(programme, pk, found.get(pk)) for pk in ids}


def region_version() -> str:
    """The content version of the whole region: every specialty's and the programme's, in
    one query. Part of the key of a kept page that shows something of every specialty, or
    that may; a specialty added or deleted changes it too (its row is bumped)."""
    rows = list(ContentVersion.objects.order_by("scope").values_list("scope", "version"))
    if not rows or rows[0][0] != PROGRAMME:
        rows.insert(0, (PROGRAMME, _programme_epoch()))
    digest = hashlib.sha256(" ".join(f"{s}:{v}" for s, v in rows).encode()).hexdigest()[:24]
    return f"{release()}.{rows[0][1]}.region:{digest}"


# -- Keeping ---------------------------------------------------------------------------------

_request = threading.local()


def request_started(**kwargs: object) -> None:
    """Remember how deep in transactions a request starts (none in production; a test's
    own around it in tests): what it reads deeper than that is its own transaction's."""
    _request.depth = len(connection.atomic_blocks)
    _written().clear()


def request_finished(**kwargs: object) -> None:
    _request.depth = 0
    _written().clear()


def _written() -> set[int]:
    """The versions this thread has bumped since its request started."""
    if not hasattr(_request, "written"):
        _request.written = set()
    return _request.written


def may_keep() -> bool:
    """Whether what is being read may be kept: not inside a transaction that this request
    (or task, or command) opened itself, whose writes others cannot see yet and which may
    still roll back. Transactions around the whole request (a test's) are the world it
    runs in. With ``ATOMIC_REQUESTS`` a view runs inside its own and keeps nothing."""
    return len(connection.atomic_blocks) <= getattr(_request, "depth", 0)


def _key(name: str, parts: Iterable[object]) -> str:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"bass:{name}:{digest}"


def kept(name: str, *parts: object, compute: Callable[[], T], timeout: int = KEEP_FOR) -> T:
    """``compute()``, kept under ``name`` (what it is) and ``parts`` (the versions it shows
    and the cleaned parameters it depends on, never raw input) until one of them changes.

    One process computes a missing thing while the others wait for it (a lock in the
    cache): thirty readers opening a page after a write compute it once. A reader waits
    ``WAIT_FOR`` seconds at most, then computes it too. ``compute`` never returns None."""
    key = _key(name, parts)
    found = cache.get(key)
    if found is not None:
        return found
    if not may_keep():
        return compute()
    lock = f"{key}:computing"
    locked = cache.add(lock, 1, LOCK_FOR)
    # Another reader may have kept it and let go of the lock between our first look and
    # taking the lock (or while we waited): look once more before computing it again.
    found = cache.get(key) if locked else _wait_for(key, lock)
    if found is not None:
        if locked:
            cache.delete(lock)
        return found
    try:
        value = compute()
        if may_keep():
            cache.set(key, value, timeout)
    finally:
        if locked:
            cache.delete(lock)
    return value


def _wait_for(key: str, lock: str) -> Any:
    deadline = time.monotonic() + WAIT_FOR
    while time.monotonic() < deadline:
        found = cache.get(key)
        if found is not None:
            return found
        if cache.get(lock) is None:
            # Computed just now, or nobody computes it (the holder failed, or the cache is
            # away): one last look tells which.
            return cache.get(key)
        time.sleep(_POLL)
    return None


def kept_many(
    name: str,
    parts: dict[int, tuple[object, ...]],
    compute: Callable[[list[int]], dict[int, T]],
    *,
    timeout: int = KEEP_FOR,
) -> dict[int, T]:
    """``kept`` for many things of one kind at once (one round trip to the cache): ``parts``
    gives each id's key parts, ``compute`` the missing ones by their ids."""
    keys = {pk: _key(name, key_parts) for pk, key_parts in parts.items()}
    found = cache.get_many(list(keys.values()))
    result = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in result]
    if missing:
        computed = compute(missing)
        result.update(computed)
        if may_keep():
            cache.set_many({keys[pk]: computed[pk] for pk in missing}, timeout)
    return result


# -- Writing ---------------------------------------------------------------------------------


def bump(specialty_id: int | None, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Mark a specialty's content (None: the programme's reference data) as changed, in the
    transaction of the write: it commits or rolls back with it, and holds the version's row
    until then (writes to one specialty take turns)."""
    scope = PROGRAMME if specialty_id is None else specialty_id
    _written().add(scope)
    start = secrets.randbelow(2**40) if scope == PROGRAMME else 1
    target = connections[using]
    table = target.ops.quote_name(ContentVersion._meta.db_table)
    with target.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, version) VALUES (%s, %s) "  # noqa: S608 - our table
            f"ON CONFLICT (scope) DO UPDATE SET version = {table}.version + 1",
            [scope, start],
        )


def track(model: type[models.Model], path: str = "", *, ignore: Iterable[str] = ()) -> None:
    """Bump the version of the specialty ``path`` leads to (e.g. ``"ambition__specialty"``;
    ``"pk"`` for the specialty itself) whenever ``model`` is saved or deleted, or one of its
    many-to-many relations changes; with no path, the programme's. A save of only the
    ``ignore`` fields (a login's ``last_login``) changes nothing anyone sees."""
    _TRACKED[model] = (path, frozenset(ignore))
    uid = f"bass.cache:{model._meta.label}"
    post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
    post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


def specialty_of(instance: models.Model) -> int | None:
    """The id of the specialty ``instance`` belongs to, by its tracked path (one query at
    most: the first hop is read from the instance, so a deleted row still resolves)."""
    path = _TRACKED[type(instance)][0]
    if path == "pk":
        return int(instance.pk)
    first, _, rest = path.partition("__")
    first_id = getattr(instance, f"{first}_id")
    if not rest or first_id is None:
        return int(first_id) if first_id is not None else None
    parent = instance._meta.get_field(first).related_model
    assert isinstance(parent, type)
    assert issubclass(parent, models.Model)
    found = parent._default_manager.filter(pk=first_id).values_list(rest, flat=True).first()
    return int(found) if found is not None else None


def _changed(
    sender: type[models.Model],
    instance: models.Model,
    raw: bool = False,
    update_fields: Iterable[str] | None = None,
    using: str = DEFAULT_DB_ALIAS,
    **kwargs: object,
) -> None:
    path, ignore = _TRACKED[sender]
    if raw or (update_fields and set(update_fields) <= ignore):
        return  # loading fixtures, or a change nobody sees
    bump(specialty_of(instance) if path else None, using=using)


def _m2m_changed(
    instance: models.Model, action: str, using: str = DEFAULT_DB_ALIAS, **kwargs: object
) -> None:
    if action.startswith("post_") and type(instance) in _TRACKED:
        _changed(type(instance), instance, using=using)
