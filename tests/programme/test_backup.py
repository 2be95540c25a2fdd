"""Backup and restore (issue #11, item 12): a round trip through an empty installation gives
back every record, field by field, and every document, byte for byte."""

from __future__ import annotations

import base64
import gzip
import importlib
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from documents.models import DocumentJob, DocumentKind, JobState
from people.models import User
from programme.backup import document_storage
from specialties.models import Site, Specialty
from tests.conftest import REFERENCE_DATA_MIGRATIONS

# Every byte value, and a name with Danish letters: nothing may be lost on the way.
PDF_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def records() -> dict[str, Any]:
    """Every row of every model, all field values, by primary key; many-to-many rows by
    the pair they link. Content types and permissions by natural key: ``migrate`` makes
    them, and references to them travel by natural key."""
    found: dict[str, Any] = {
        "contenttypes": sorted(ContentType.objects.values_list("app_label", "model")),
        "permissions": sorted(
            Permission.objects.values_list(
                "codename", "content_type__app_label", "content_type__model"
            )
        ),
    }
    natural = {
        ContentType: {ct.pk: ct.natural_key() for ct in ContentType.objects.all()},
        Permission: {
            p.pk: p.natural_key() for p in Permission.objects.select_related("content_type")
        },
    }
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in {"sessions.session", "contenttypes.contenttype", "auth.permission"}:
            continue
        if label == "versions.contentversion":
            continue  # this database's own: a restore starts a new epoch (bass.cache)
        by_natural_key = {
            f.attname: natural[f.related_model]  # type: ignore[index]
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in natural
        }
        rows = {}
        for row in model._base_manager.order_by("pk").values():  # type: ignore[attr-defined]
            for attname, keys in by_natural_key.items():
                row[attname] = keys.get(row[attname])
            rows[row[model._meta.pk.attname]] = row  # type: ignore[union-attr]
        if model._meta.auto_created:
            # A many-to-many row's own id is referenced by nothing: the pairs are the data.
            rows = {
                tuple(v for k, v in r.items() if k != "id"): r | {"id": None} for r in rows.values()
            }
        found[label] = rows
    return found


def stored_files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _fill_installation() -> None:
    """The demo region, plus what it lacks: rendered documents, a changed reference record,
    a group with a permission (references by natural key)."""
    call_command("load_demo", verbosity=0)
    cardiology = Specialty.objects.get(slug="im-kardiologi")
    owner = User.objects.get(username="ejer")
    for kind, name in [
        (DocumentKind.STRATEGIC_AMBITION, "strategisk-ambition-kardiologi.pdf"),
        (DocumentKind.STATUS, "status-og-fremdrift-æøå.pdf"),
    ]:
        job = DocumentJob.objects.create(
            kind=kind,
            specialty=cardiology,
            requested_by=owner,
            state=JobState.DONE,
            finished_at=timezone.now(),
        )
        job.file.save(name, ContentFile(PDF_BYTES + name.encode()), save=True)
    site = Site.objects.get(short_name="Holbæk")
    site.name = "Holbæk Sygehus (omdøbt af sekretariatet)"
    site.save(update_fields=["name"])
    group = Group.objects.create(name="Referencedata")
    group.permissions.add(Permission.objects.get(codename="change_site"))
    User.objects.get(username="sekretariat").groups.add(group)


@pytest.fixture(autouse=True)
def _documents_on_disk(settings: Any) -> None:
    """These tests move installations between folders (MEDIA_ROOT): the documents are on
    disk here even where CI points the rest of the suite at an object store, whose one
    shared bucket is never empty. The backup reads and writes the same storage API either
    way (``programme.backup.document_storage``)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "documents.storage.PrivateStorage"},
    }


def _empty_installation(settings: Any, media: Path) -> None:
    """What a new installation holds after ``migrate``: no people, no work, the reference
    data of the data migrations, and an empty document storage."""
    call_command("flush", interactive=False, verbosity=0)
    for module in REFERENCE_DATA_MIGRATIONS:
        importlib.import_module(module).load(apps, None)
    settings.MEDIA_ROOT = media


@pytest.mark.parametrize("name", ["backup.tar.gz", "backup-folder"])
def test_round_trip_gives_back_every_record_and_file(
    name: str, reference_data: None, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media-before"
    _fill_installation()
    before, files_before = records(), stored_files(tmp_path / "media-before")
    assert len(files_before) == 2
    assert len(before["people.user"]) > 40
    assert before["ambitions.historicalambitionpart"]  # the history travels too

    call_command("backup", str(tmp_path / name), verbosity=0)
    _empty_installation(settings, tmp_path / "media-after")
    assert not User.objects.exists()
    call_command("restore", str(tmp_path / name), verbosity=0)

    after, files_after = records(), stored_files(tmp_path / "media-after")
    assert after.keys() == before.keys()
    differences = [
        f"{label} {pk}: {field} {value!r} -> {after[label].get(pk, {}).get(field)!r}"
        for label in before
        if label not in ("contenttypes", "permissions")
        for pk, row in before[label].items()
        for field, value in row.items()
        if after[label].get(pk, {}).get(field) != value
    ]
    differences += [
        f"{label} {pk}: only after the restore: {row!r}"
        for label in before
        if label not in ("contenttypes", "permissions")
        for pk, row in after[label].items()
        if pk not in before[label]
    ]
    assert not differences, "\n".join(differences[:20])
    assert after == before
    assert files_after == files_before
    job = DocumentJob.objects.order_by("pk").first()
    assert job is not None
    with document_storage().open(job.file.name) as restored:  # as the download view reads it
        assert restored.read().startswith(PDF_BYTES)


def test_restore_refuses_a_database_that_is_not_empty(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    _fill_installation()
    call_command("backup", str(tmp_path / "backup.tar.gz"), verbosity=0)
    before = records()

    with pytest.raises(CommandError, match=r"not empty: it holds people\.user"):
        call_command("restore", str(tmp_path / "backup.tar.gz"), verbosity=0)
    assert records() == before


def test_restore_refuses_a_damaged_backup(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    _fill_installation()
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    pdf = next((tmp_path / "backup" / "media").rglob("*.pdf"))
    pdf.write_bytes(b"not the document")
    _empty_installation(settings, tmp_path / "media-after")

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "backup"), verbosity=0)
    assert not User.objects.exists()


def test_backup_does_not_overwrite(reference_data: None, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "taken").mkdir()
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(tmp_path / "taken"), verbosity=0)


def test_restore_refuses_a_document_storage_that_is_not_empty(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    _fill_installation()
    call_command("backup", str(tmp_path / "backup.tar.gz"), verbosity=0)
    _empty_installation(settings, tmp_path / "media")  # the old documents are still there

    with pytest.raises(CommandError, match="document storage already holds 2 file"):
        call_command("restore", str(tmp_path / "backup.tar.gz"), verbosity=0)
    assert not User.objects.exists()


def test_restore_refuses_what_is_not_a_backup(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "notes.txt").write_text("not a backup")
    (tmp_path / "folder").mkdir()
    with pytest.raises(CommandError, match="neither a backup folder nor"):
        call_command("restore", str(tmp_path / "notes.txt"), verbosity=0)
    with pytest.raises(CommandError, match="no readable manifest"):
        call_command("restore", str(tmp_path / "folder"), verbosity=0)


# -- Sealed backups (issue 25, item 5) --------------------------------------------------------


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mode & 0o777 for p in [root, *root.rglob("*")]}


def test_a_backup_folder_is_for_the_operator_only_and_holds_no_log_in_attempts(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    from axes.models import AccessAttempt, AccessLog

    settings.MEDIA_ROOT = tmp_path / "media"
    _fill_installation()
    AccessAttempt.objects.create(
        username="ejer", ip_address="10.1.2.3", user_agent="x", failures_since_start=3
    )
    AccessLog.objects.create(username="ejer", ip_address="10.1.2.3", user_agent="x")
    call_command("backup", str(tmp_path / "backup"), verbosity=0)

    modes = _modes(tmp_path / "backup")
    assert modes["."] == 0o700
    assert {m for name, m in modes.items() if (tmp_path / "backup" / name).is_dir()} == {0o700}
    assert {m for name, m in modes.items() if (tmp_path / "backup" / name).is_file()} == {0o600}
    data = (tmp_path / "backup" / "data.json").read_text()
    assert "10.1.2.3" not in data
    assert '"axes.' not in data


def test_a_backup_archive_is_0600_inside_and_out(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    import tarfile

    settings.MEDIA_ROOT = tmp_path / "media"
    _fill_installation()
    call_command("backup", str(tmp_path / "backup.tar.gz"), verbosity=0)
    assert (tmp_path / "backup.tar.gz").stat().st_mode & 0o777 == 0o600
    with tarfile.open(tmp_path / "backup.tar.gz") as archive:
        assert {m.mode for m in archive.getmembers() if m.isfile()} == {0o600}
        assert {m.mode for m in archive.getmembers() if m.isdir()} == {0o700}


def test_an_encrypted_backup_restores_only_with_its_key(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    from cryptography.fernet import Fernet

    settings.MEDIA_ROOT = tmp_path / "media-before"
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    _fill_installation()
    users = sorted(User.objects.values_list("username", "password"))
    backup = tmp_path / "backup.tar.gz"
    with pytest.raises(CommandError, match=r"give a PATH ending in \.tar\.gz"):
        call_command("backup", str(tmp_path / "folder"), verbosity=0)
    call_command("backup", str(backup), verbosity=0)
    sealed = backup.read_bytes()
    # The file is a Fernet token, not an archive: none of the people's password
    # hashes can be read in it (a whole hash, so that base64's own letters can
    # never spell it by chance), and with the key it opens to the archive that
    # holds them.
    assert not tarfile.is_tarfile(backup)
    hashes = [password.encode() for _, password in users]
    ciphertext = base64.urlsafe_b64decode(sealed)
    assert not any(h in sealed or h in ciphertext for h in hashes)
    archive = gzip.decompress(Fernet(settings.BACKUP_ENCRYPTION_KEY).decrypt(sealed))
    assert all(h in archive for h in hashes)
    _empty_installation(settings, tmp_path / "media-after")

    key = settings.BACKUP_ENCRYPTION_KEY
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="is encrypted: set BACKUP_ENCRYPTION_KEY"):
        call_command("restore", str(backup), verbosity=0)
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="cannot be decrypted"):
        call_command("restore", str(backup), verbosity=0)
    settings.BACKUP_ENCRYPTION_KEY = "not a key"
    with pytest.raises(CommandError, match="not a Fernet key"):
        call_command("restore", str(backup), verbosity=0)
    assert not User.objects.exists()

    settings.BACKUP_ENCRYPTION_KEY = key
    call_command("restore", str(backup), verbosity=0)
    assert sorted(User.objects.values_list("username", "password")) == users
    assert len(stored_files(tmp_path / "media-after")) == 2
