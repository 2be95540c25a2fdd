"""The migration state a backup records, and the releases a restore can take it from
(issue 23, item 4).

A backup is ``dumpdata`` of the models as they were when it was made. ``loaddata`` reads it
through *this* code's models, so it only fits a database at the same migrations:

- a backup from a **newer** release has migrations this code does not know (new tables,
  columns, data moved by its data migrations): restoring it here would lose or misplace
  records, so the restore refuses before it touches anything, and says to use the release
  that made it (or a newer one);
- a backup from an **older** release lacks some of this code's migrations: its records would
  be loaded into tables that have moved on, and the data migrations in between would never
  run on them. The safe way is the upgrade path the installation takes anyway: restore it
  with the release that made it, then start this release, whose ``migrate`` brings the
  restored database up to date (and take a new backup). The restore refuses and says so;
- a backup made before backups recorded their migrations has no state to compare: it is
  restored as before (those backups all come from the release that introduced the format).
"""

from __future__ import annotations

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from bass.cache import release

# How many migration names a message lists before "and N more".
SHOWN = 5


def applied_migrations() -> dict[str, list[str]]:
    """Every app's applied migrations in this database, by app label, names sorted."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations or {}):
        state.setdefault(app_label, []).append(name)
    return state


def migration_state() -> dict[str, object]:
    """What a backup records of the code and database that made it."""
    return {"release": release(), "migrations": applied_migrations()}


def known_migrations() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Every migration this code has on disk (squashed ones and those they replace), and
    those a database fully migrated by this code has applied (the graph's nodes)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.disk_migrations), set(loader.graph.nodes)


def _listing(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    if len(names) > SHOWN:
        shown += " " + _("and %(count)d more") % {"count": len(names) - SHOWN}
    return shown


def restore_refusal(manifest: dict[str, object]) -> str | None:
    """Why this code cannot restore the backup of ``manifest``, or None if it can."""
    recorded = manifest.get("migrations")
    if not isinstance(recorded, dict):
        return None  # made before backups recorded their migrations: restored as before
    theirs = {(app, name) for app, names in recorded.items() for name in names}
    on_disk, needed = known_migrations()
    made_by = str(manifest.get("release") or _("an unknown release"))
    unknown = sorted(f"{app}.{name}" for app, name in theirs - on_disk)
    if unknown:
        return _(
            "This backup was made by a newer release (%(release)s): it has %(count)d "
            "migration(s) this release does not know (%(names)s). Restoring it here would "
            "lose records. Restore it with the release that made it, or a newer one."
        ) % {"release": made_by, "count": len(unknown), "names": _listing(unknown)}
    missing = sorted(f"{app}.{name}" for app, name in needed - theirs)
    if missing:
        return _(
            "This backup was made by an older release (%(release)s): it lacks %(count)d "
            "migration(s) of this release (%(names)s), so its records do not fit this "
            "release's tables. Restore it with the release that made it, then start this "
            "release: its migrate brings the restored database up to date. Then take a "
            "new backup."
        ) % {"release": made_by, "count": len(missing), "names": _listing(missing)}
    return None
