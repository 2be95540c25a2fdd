"""WSGI entry point, served by gunicorn in production (see docker-compose.yml)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bass.settings")

application = get_wsgi_application()

# gunicorn runs no system checks: refuse the repository's development key here.
from bass.checks import refuse_development_key  # noqa: E402

refuse_development_key()
