"""Back up a whole installation and restore it into an empty one (issue #11, item 12).

A backup is a folder, or the same folder packed as one ``.tar.gz``:

- ``data.json``: ``dumpdata`` of every app (JSON with times to the microsecond, see
  ``programme.serializers``), with natural keys for foreign keys to content
  types, permissions and users (so it loads into any installation) and every primary key
  kept (ids appear in URLs people have bookmarked and in the history tables);
- ``media/``: every file of the document storage (the rendered PDFs), wherever it is;
- ``manifest.json``: when it was made, how many records per model, and each file's size
  and SHA-256, checked before a restore touches anything; the release that made it and
  every app's applied migrations, so that a restore refuses a backup its code cannot take
  (``programme.backup_migrations``).

Left out on purpose: sessions (everyone signs in again), content types and permissions
(``migrate`` makes them; references to them are by natural key) and django-axes' log-in
attempts (who tried to sign in from which address: personal data a restore does not need).

A backup holds every password hash and every draft (issue 25, item 5), so it is written for
the operator's account only: the folder 0700, every file 0600 (also inside the archive);
and, when ``BACKUP_ENCRYPTION_KEY`` is set, the ``.tar.gz`` is encrypted with that Fernet key
(AES-128-CBC with an HMAC-SHA256: a changed byte is refused, not restored). ``restore``
recognises an encrypted backup and asks for the same key.

Restoring needs an *empty* installation: ``migrate`` has run (the command runs it) and
nothing else, i.e. no rows beyond the reference data and the content types and permissions
that ``migrate`` itself writes. The reference data is then replaced by the backup's own, so
the secretariat's edits to it come back too.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import Storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.test.utils import override_settings

from documents.models import DocumentJob
from programme.backup_migrations import migration_state, restore_refusal
from programme.serializers import NAME as EXACT_JSON

FORMAT = 1
# The content versions are this database's own (bass.cache): a restored database starts a
# new epoch, so nothing kept for another database under the same cache is ever shown. The
# log-in attempts (axes: addresses and user names) are not the programme's content.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "versions"]
GZIP_MAGIC = b"\x1f\x8b"
# What ``migrate`` writes into a new installation: its own bookkeeping and the reference data
# of the data migrations (with the many-to-many rows between them).
MIGRATION_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "versions.contentversion",
    "specialties.site",
    "specialties.specialty",
    "specialties.profession",
    "sustainability.perspective",
    "sustainability.focusarea",
    "sustainability.perspectiveexample",
    "ambitions.principle",
    "inspiration.classification",
    "inspiration.case",
    "inspiration.taskshift",
}


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why, for the operator."""


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[models.Model]]:
    """Every model whose rows a backup holds (auto-created many-to-many tables included)."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in EXCLUDED
        and _label(m) not in EXCLUDED
        and not m._meta.proxy
        and m._meta.managed
    ]


def _register_serializer() -> None:
    serializers.register_serializer(EXACT_JSON, "programme.serializers")


def document_storage() -> Storage:
    """Where the rendered documents are: the storage of ``DocumentJob.file``, as the
    download view reads it (files under MEDIA_ROOT, or an object store)."""
    field = DocumentJob._meta.get_field("file")
    assert isinstance(field, models.FileField)
    return field.storage


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the document storage."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever stored
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _is_archive(path: Path) -> bool:
    return path.name.endswith((".tar.gz", ".tgz"))


def _fernet() -> Fernet | None:
    """The backups' key, if the operator set one."""
    key = settings.BACKUP_ENCRYPTION_KEY
    if not key:
        return None
    try:
        return Fernet(key)
    except ValueError as exc:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is not a Fernet key (32 url-safe base64-encoded bytes; "
            "make one with `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'`)."
        ) from exc


@contextmanager
def _private_files() -> Iterator[None]:
    """Everything created inside is for the operator's account only (0600 / 0700)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _private_member(member: tarfile.TarInfo) -> tarfile.TarInfo:
    member.mode = 0o700 if member.isdir() else 0o600
    return member


def _write_private(target: Path, data: Iterator[bytes]) -> None:
    """A new file, 0600 from its first byte (never world-readable for a moment)."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in data:
            out.write(chunk)


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        yield from iter(lambda: handle.read(1 << 20), b"")


def create_backup(target: Path) -> dict[str, object]:
    """Write a backup to ``target`` (a new folder, or a ``.tar.gz``); returns its manifest."""
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new path.")
    fernet = _fernet()
    if fernet is not None and not _is_archive(target):
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is set, so the backup is encrypted: give a PATH ending "
            "in .tar.gz."
        )
    with _private_files():
        return _create_backup(target, fernet)


def _create_backup(target: Path, fernet: Fernet | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "backup" if _is_archive(target) else target
        folder.mkdir(parents=True, mode=0o700)
        _register_serializer()
        # One transaction, so the records and the list of files are of the same moment.
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                # PostgreSQL's default isolation gives every statement its own snapshot; a
                # backup of a running installation needs one snapshot for all the tables.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                format=EXACT_JSON,
                exclude=EXCLUDED,
                natural_foreign=True,
                use_base_manager=True,
                output=str(folder / "data.json"),
                verbosity=0,
            )
            counts = {_label(m): m._base_manager.count() for m in backed_up_models()}
            files = {}
            storage = document_storage()
            for name in _walk(storage):
                destination = folder / "media" / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                with storage.open(name, "rb") as source, destination.open("wb") as out:
                    shutil.copyfileobj(source, out)
                files[name] = {"size": destination.stat().st_size, "sha256": _sha256(destination)}
        manifest: dict[str, object] = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": connection.vendor,
            **migration_state(),
            "records": counts,
            "files": files,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        if _is_archive(target):
            packed = Path(scratch) / "backup.tar.gz"
            with tarfile.open(packed, "w:gz") as archive:
                archive.add(folder, arcname="backup", filter=_private_member)
            if fernet is None:
                _write_private(target, _chunks(packed))
            else:
                # Fernet encrypts a whole message in memory: fine for this app's size (the
                # demo region's backup is a few MB).
                _write_private(target, iter([fernet.encrypt(packed.read_bytes())]))
    return manifest


def _decrypted(source: Path, scratch: Path) -> Path:
    """The plain ``.tar.gz`` of ``source``: itself, or what its encryption hides."""
    with source.open("rb") as handle:
        if handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC:
            return source
    fernet = _fernet()
    if fernet is None:
        raise BackupError(f"{source} is encrypted: set BACKUP_ENCRYPTION_KEY to its key.")
    try:
        plain = fernet.decrypt(source.read_bytes())
    except InvalidToken:
        raise BackupError(
            f"{source} cannot be decrypted: BACKUP_ENCRYPTION_KEY is not its key, or the "
            "file is damaged."
        ) from None
    decrypted = scratch / "decrypted.tar.gz"
    _write_private(decrypted, iter([plain]))
    return decrypted


def _unpack(source: Path, scratch: Path) -> Path:
    if source.is_dir():
        return source
    if not _is_archive(source) or not source.is_file():
        raise BackupError(f"{source} is neither a backup folder nor a .tar.gz backup.")
    with tarfile.open(_decrypted(source, scratch), "r:gz") as archive:
        archive.extractall(scratch, filter="data")
    return scratch / "backup"


def _read_manifest(folder: Path) -> dict[str, object]:
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} has no readable manifest.json: {exc}") from exc
    if manifest.get("format") != FORMAT or not (folder / "data.json").is_file():
        raise BackupError(f"{folder} is not a backup this version can restore.")
    files = manifest.get("files")
    assert isinstance(files, dict)
    for name, meta in files.items():
        path = folder / "media" / name
        if not path.is_file() or _sha256(path) != meta["sha256"]:
            raise BackupError(f"The backup is damaged: {name} is missing or changed.")
    return manifest


def rows_beyond_migrate() -> dict[str, int]:
    """Tables with rows that ``migrate`` does not write (a user, an ambition, a job…)."""
    reference = {apps.get_model(label) for label in MIGRATION_MODELS}
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower == "sessions.session" or not model._meta.managed:
            continue
        if model in reference:
            continue
        through_of = getattr(model._meta, "auto_created", None)
        if through_of in reference:
            continue  # e.g. which sites a reference specialty is present at
        if getattr(model, "instance_type", None) in reference:
            continue  # the history of the reference data (a specialty's), replaced with it
        count = model._base_manager.count()
        if count:
            found[_label(model)] = count
    return found


def restore_backup(source: Path) -> dict[str, object]:
    """Restore ``source`` into this installation, which must be empty but for ``migrate``."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = _unpack(source, Path(scratch))
        manifest = _read_manifest(folder)
        # Before anything is touched: a backup of another release's migrations does not fit.
        refusal = restore_refusal(manifest)
        if refusal is not None:
            raise BackupError(refusal)
        call_command("migrate", interactive=False, verbosity=0)
        occupied = rows_beyond_migrate()
        if occupied:
            # People first: they are what an operator recognises.
            tables = sorted(occupied.items(), key=lambda item: (item[0] != "people.user", item))
            listing = ", ".join(f"{label} ({n} rows)" for label, n in tables[:5])
            if len(tables) > 5:
                listing += f" and {len(tables) - 5} more tables"
            raise BackupError(
                "Refusing to restore into a database that is not empty: it holds "
                f"{listing}. Restore into a new, migrated database."
            )
        storage = document_storage()
        stored = list(_walk(storage))
        if stored:
            raise BackupError(
                f"Refusing to restore: the document storage already holds {len(stored)} "
                f"file(s), e.g. {stored[0]}. Use an empty MEDIA_ROOT."
            )
        with transaction.atomic():
            # Only the reference data of migrate is here; the backup brings its own (with
            # whatever the secretariat changed in it). Foreign keys are checked at commit.
            with connection.cursor() as cursor:
                for model in backed_up_models():
                    table = connection.ops.quote_name(model._meta.db_table)
                    cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a name from the schema
            _register_serializer()
            # The backup holds the history as it was; django-simple-history would add a
            # "changed" record for every many-to-many relation loaddata sets.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("loaddata", str(folder / "data.json"), format=EXACT_JSON, verbosity=0)
        files = manifest["files"]
        assert isinstance(files, dict)
        for name in files:
            with (folder / "media" / name).open("rb") as handle:
                saved = storage.save(name, File(handle))
            if saved != name:  # pragma: no cover - the storage was checked empty
                raise BackupError(f"{name} was stored as {saved}.")
    return manifest


def summary(manifest: dict[str, object]) -> str:
    records = manifest["records"]
    files = manifest["files"]
    assert isinstance(records, dict)
    assert isinstance(files, dict)
    size = sum(int(meta["size"]) for meta in files.values())
    return (
        f"{sum(records.values())} records of {len(records)} models, "
        f"{len(files)} document file(s) ({size} bytes)"
    )
