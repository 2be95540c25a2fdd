"""Restore a backup into an empty installation: ``python manage.py restore PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from programme.backup import BackupError, restore_backup, summary


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty installation: runs "
        "migrate, refuses a database or document storage that holds anything beyond what "
        "migrate writes, then loads every record and copies every document back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A backup folder or .tar.gz file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            manifest = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}: {summary(manifest)}."))
