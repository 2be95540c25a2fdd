"""`manage.py health [name ...]`: the health URL's checks from the command line.

Prints each check with OK or what failed and exits 1 if any failed: beat's health check in
docker-compose.yml runs `manage.py health beat`, and an operator can run it on any machine.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bass import health


class Command(BaseCommand):
    help = "Check the database, cache, document storage, broker and beat (as /health/ does)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="*", help="only these checks, e.g. beat")

    def handle(self, *args: Any, names: list[str], **options: Any) -> None:
        results = health.run(names or None)
        if names and not results:
            raise CommandError(f"no such check here: {', '.join(names)}")
        for name, status in results.items():
            self.stdout.write(f"{name}: {status}")
        failed = [name for name, status in results.items() if status != "OK"]
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}")
