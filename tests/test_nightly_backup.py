"""bin/nightly-backup, the compose `backup` service's script (issue #23, item 4): a custom-
format pg_dump and the documents, kept BACKUP_KEEP_DAYS days, restored with pg_restore."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.services


@pytest.fixture
def server() -> Iterator[dict[str, str]]:
    """libpq variables for the PostgreSQL server of DATABASE_URL, and a scratch database."""
    url = os.environ.get("DATABASE_URL", "")
    require_service(url.startswith("postgres"), "PostgreSQL (DATABASE_URL)")
    require_service(shutil.which("pg_dump") is not None, "pg_dump and pg_restore")
    parts = urlsplit(url)
    env = {
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "",
        "PGPASSWORD": parts.password or "",
    }
    names = [f"bass_backup_{uuid.uuid4().hex[:8]}", f"bass_restore_{uuid.uuid4().hex[:8]}"]
    admin = _connect(env, "postgres")  # the maintenance database: DATABASE_URL's may not exist
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "SOURCE": names[0], "TARGET": names[1]}
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def _connect(server: dict[str, str], name: str) -> psycopg.Connection:
    return psycopg.connect(
        host=server["PGHOST"],
        port=server["PGPORT"],
        user=server["PGUSER"],
        password=server["PGPASSWORD"],
        dbname=name,
        autocommit=True,
    )


def test_a_backup_restores_and_old_ones_go(server: dict[str, str], tmp_path: Path) -> None:
    with _connect(server, server["SOURCE"]) as conn:
        conn.execute("CREATE TABLE ambition (id int primary key, title text)")
        conn.execute("INSERT INTO ambition VALUES (1, 'Færre genindlæggelser')")
    backups, media = tmp_path / "backups", tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "status.pdf").write_bytes(b"%PDF-1.7 ...")
    backups.mkdir()
    old = backups / "bass-20000101T020000Z.dump"
    old.write_bytes(b"old")
    twenty_days_ago = time.time() - 20 * 86400
    os.utime(old, (twenty_days_ago, twenty_days_ago))

    env = {
        **os.environ,
        **server,
        "PGDATABASE": server["SOURCE"],
        "BACKUP_DIR": str(backups),
        "MEDIA_DIR": str(media),
        "BACKUP_KEEP_DAYS": "14",
    }
    result = subprocess.run(  # noqa: S603 - our own script
        ["sh", str(ROOT / "bin" / "nightly-backup")],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    dumps = sorted(backups.glob("bass-*.dump"))
    assert len(dumps) == 1  # the old one is gone, the new one whole (no .part left)
    assert not list(backups.glob(".*part"))
    with tarfile.open(next(backups.glob("media-*.tar.gz"))) as archive:
        assert "./documents/status.pdf" in archive.getnames()

    # The restore the operator guide describes.
    restore = subprocess.run(  # noqa: S603
        ["pg_restore", "--no-owner", "--dbname", server["TARGET"], str(dumps[0])],  # noqa: S607
        env={**os.environ, **server},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert restore.returncode == 0, restore.stderr
    with _connect(server, server["TARGET"]) as conn:
        row = conn.execute("SELECT title FROM ambition WHERE id = 1").fetchone()
    assert row == ("Færre genindlæggelser",)
