"""Content versions: what lets a page keep a rendered fragment until its content changes.

Every specialty has a content version, and the programme one more for the reference data
(perspectives, principles, sites, people's names) that every specialty shows. A fragment
cached under the current versions can never be stale: every write of a tracked model, by
a service, the admin or a shell, bumps the version of the specialty it belongs to (or the
programme's), so the next request looks under a new key. Old keys simply expire.

Apps declare their models in ``AppConfig.ready`` with ``track(Model, "path__to__specialty")``
(a lookup from the model to its specialty's id) or ``track(Model)`` for reference data. The
versions live in the cache (Redis in production, shared by every process; local memory by
default); if the cache forgets them, the versions start again from a fresh random base, so a
forgotten version cannot bring back an old fragment. Every version begins with the release
(a digest of the code, templates and translations), so a new release keeps nothing an older
one rendered.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Iterable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

_PROGRAMME = "bass:cv:programme"
_SPECIALTY = "bass:cv:specialty:{}"
# Versions live longer than any fragment or object kept under them.
_VERSION_TIMEOUT = 60 * 60 * 24 * 30
# What is kept under a version is dropped after a day at the latest; a new version replaces
# it sooner, and the old keys are never asked for again.
KEEP_FOR = 60 * 60 * 24

# Model -> (lookup path from the model to its specialty, fields whose change is no content).
_TRACKED: dict[type[models.Model], tuple[str, frozenset[str]]] = {}


def _version(key: str) -> str:
    value = cache.get(key)
    if value is None:
        # Unknown (first use, or the cache forgot): a random base, so it never repeats.
        cache.add(key, secrets.randbelow(2**40), _VERSION_TIMEOUT)
        value = cache.get(key, 0)
    return str(value)


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
    """A digest of the code, templates and translations this process runs: part of every
    version, so a new release never shows what an older one rendered or loaded, and every
    process running the same release (on any machine) shares what it keeps."""
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
    return _digest(root, files)


def version(specialty_id: int | None = None) -> str:
    """The version of the programme's reference data and, given one, of a specialty's
    content: part of every key a fragment is cached under (one round trip to the cache)."""
    if specialty_id is None:
        return f"{release()}.{_version(_PROGRAMME)}"
    return versions([specialty_id])[specialty_id]


def versions(specialty_ids: Iterable[int]) -> dict[int, str]:
    """Several specialties' versions in one round trip to the cache."""
    ids = list(specialty_ids)
    keys = {_SPECIALTY.format(pk): pk for pk in ids}
    found = cache.get_many([_PROGRAMME, *keys])
    programme = str(found[_PROGRAMME]) if _PROGRAMME in found else _version(_PROGRAMME)
    programme = f"{release()}.{programme}"
    result = {}
    for key, pk in keys.items():
        result[pk] = f"{programme}.{found[key] if key in found else _version(key)}"
    return result


def may_keep() -> bool:
    """Whether what this request just read may be kept under the version read before it:
    not inside a transaction of its own, whose writes others cannot see yet and which may
    still roll back (a test's own transaction around the whole test does not count)."""
    return not any(
        not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache: a fresh random base is a new version too
        cache.add(key, secrets.randbelow(2**40), _VERSION_TIMEOUT)


def bump(specialty_id: int | None) -> None:
    """Mark a specialty's content (None: the programme's reference data) as changed, now
    and again when the transaction commits, so no request can cache what it read before."""
    key = _PROGRAMME if specialty_id is None else _SPECIALTY.format(specialty_id)
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


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
    **kwargs: object,
) -> None:
    path, ignore = _TRACKED[sender]
    if raw or (update_fields and set(update_fields) <= ignore):
        return  # loading fixtures, or a change nobody sees
    bump(specialty_of(instance) if path else None)


def _m2m_changed(instance: models.Model, action: str, **kwargs: object) -> None:
    if action.startswith("post_") and type(instance) in _TRACKED:
        _changed(type(instance), instance)
