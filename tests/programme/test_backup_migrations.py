"""A backup records its release and migration state; a restore refuses a backup of another
release's migrations before it touches anything (issue 23, item 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.recorder import MigrationRecorder

from bass.cache import release
from people.models import User
from tests.programme.test_backup import _empty_installation

ROOT = Path(django_settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _documents_on_disk(settings: Any, tmp_path: Path) -> None:
    """As in test_backup: the documents on disk, in this test's own folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "documents.storage.PrivateStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media-before"


def _manifest(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "manifest.json").read_text())  # type: ignore[no-any-return]


def _rewrite(folder: Path, change: dict[str, Any]) -> None:
    manifest = _manifest(folder) | change
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_a_backup_records_the_release_and_every_applied_migration(
    reference_data: None, tmp_path: Path
) -> None:
    call_command("backup", str(tmp_path / "backup"), verbosity=0)

    manifest = _manifest(tmp_path / "backup")
    applied = MigrationRecorder.Migration.objects.values_list("app", "name")
    recorded = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    assert recorded == set(applied)
    assert {"people", "programme", "auth", "contenttypes"} <= manifest["migrations"].keys()
    assert manifest["release"] == release()


def test_restore_refuses_a_backup_from_a_newer_release_before_touching_anything(
    reference_data: None, tmp_path: Path
) -> None:
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    migrations = _manifest(tmp_path / "backup")["migrations"]
    migrations["people"].append("9999_from_the_future")
    _rewrite(tmp_path / "backup", {"migrations": migrations, "release": "v9.0"})

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "backup"), verbosity=0)

    message = str(refused.value)
    # In the app's language (Danish) through gettext, naming the release and the migration.
    assert "nyere udgave (v9.0)" in message
    assert "people.9999_from_the_future" in message
    assert "Gendan den med den udgave, der lavede den" in message
    assert "ikke tom" not in message  # refused for the release, before the emptiness check


def test_restore_refuses_a_backup_from_an_older_release_and_says_how_to_upgrade(
    reference_data: None, tmp_path: Path
) -> None:
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    migrations = _manifest(tmp_path / "backup")["migrations"]
    latest = migrations["people"].pop()  # the backup's database predates people's latest
    _rewrite(tmp_path / "backup", {"migrations": migrations, "release": "v0.9"})

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "backup"), verbosity=0)

    message = str(refused.value)
    assert "ældre udgave (v0.9)" in message
    assert f"people.{latest}" in message
    assert "dens migrate bringer den gendannede database up to date" in message


def test_a_backup_of_the_same_migrations_restores(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    User.objects.create(username="kept", email="kept@example.org")
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    _empty_installation(settings, tmp_path / "media-after")

    call_command("restore", str(tmp_path / "backup"), verbosity=0)

    assert User.objects.filter(username="kept").exists()


def test_a_backup_made_before_backups_recorded_migrations_still_restores(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    User.objects.create(username="kept", email="kept@example.org")
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    manifest = _manifest(tmp_path / "backup")
    del manifest["migrations"], manifest["release"]
    (tmp_path / "backup" / "manifest.json").write_text(json.dumps(manifest))
    _empty_installation(settings, tmp_path / "media-after")

    call_command("restore", str(tmp_path / "backup"), verbosity=0)

    assert User.objects.filter(username="kept").exists()


def test_manage_py_restore_of_a_newer_backup_exits_1_with_the_message_and_no_traceback(
    tmp_path: Path,
) -> None:
    """Through manage.py as an operator runs it: the refusal comes before the database is
    touched, so an empty SQLite file of its own is enough."""
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "data.json").write_text("[]")
    manifest = {
        "format": 1,
        "release": "v9.0",
        "migrations": {"people": ["0001_initial", "9999_from_the_future"]},
        "records": {},
        "files": {},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    env = os.environ | {
        "SECRET_KEY": "x",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("REDIS_URL", None)

    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert "people.9999_from_the_future" in done.stderr
    assert "nyere udgave (v9.0)" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "db.sqlite3").exists() or (tmp_path / "db.sqlite3").stat().st_size == 0
