"""Settings for the page benchmark only: the app's own settings plus the two ceiling views.

``bench/urls.py`` mounts the ceilings beside ``config.urls``; nothing in production imports this
module, so the ceilings are never reachable there. Everything else (middleware, templates,
database, cache) is the app's, read from the same environment.
"""

from pathlib import Path

from config.settings import *  # noqa: F403 - the app's settings, unchanged but for the below
from config.settings import BASE_DIR, env_str

ROOT_URLCONF = "bench.urls"

# collectstatic writes the manifest here, so the real static storage runs without touching
# the checkout's staticfiles/.
STATIC_ROOT = Path(env_str("BENCH_STATIC_ROOT") or BASE_DIR / "var" / "bench-static")
