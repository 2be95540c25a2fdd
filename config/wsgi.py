"""WSGI entry point, served by gunicorn in production (see docker-compose.yml)."""

import os

from django.core.wsgi import get_wsgi_application

from bass.checks import refuse_development_key
from bass.startup import require_collected_static

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
# gunicorn runs no system checks: refuse the repository's development key here, first.
refuse_development_key()
# Without DEBUG every page names its CSS through the manifest that `collectstatic` writes;
# without it every page would be a 500. Say so once, at start, instead.
require_collected_static()
