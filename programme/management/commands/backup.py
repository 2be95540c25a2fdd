"""Back up the whole installation: ``python manage.py backup PATH`` (see programme.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from programme.backup import BackupError, create_backup, summary


class Command(BaseCommand):
    help = (
        "Write every record (dumpdata of all apps, natural foreign keys) and every rendered "
        "document to PATH: a new folder, or one file if PATH ends in .tar.gz."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A new folder, or a file ending in .tar.gz.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            manifest = create_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}: {summary(manifest)}."))
