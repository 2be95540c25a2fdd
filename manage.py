#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    if len(sys.argv) > 1 and sys.argv[1] in {"runserver", "migrate"}:
        # With DEBUG off they serve (or change) the installation people use: refuse at once,
        # in three lines, a development SECRET_KEY, and for runserver's pages missing static
        # files (bass.startup).
        import django

        django.setup()
        from bass.startup import refuse_to_start

        refuse_to_start(pages=sys.argv[1] == "runserver")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
