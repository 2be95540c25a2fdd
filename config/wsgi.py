"""WSGI entry point, served by gunicorn in production (see docker-compose.yml)."""

import os

from django.core.wsgi import get_wsgi_application

from bass.startup import raise_start_errors

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
# Without DEBUG: never with the repository's development key, never without the collected
# static files (bass.checks). gunicorn refuses before it forks (gunicorn.conf.py: three
# lines, exit code 1); this is the same refusal for any other WSGI server.
raise_start_errors()
