"""Issue #10, point 13: starting the app on another port, quietly, with a favicon, and a
clear refusal instead of a 500 on every page when the static files are not collected."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client

from bass.startup import require_collected_static
from programme.management.commands.load_demo import DEMO_LOGINS
from specialties.models import Membership

ROOT = Path(settings.BASE_DIR)


def _settings_value(name: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    code = f"from django.conf import settings; print(settings.{name})"
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_e_mail_links_follow_the_port_unless_site_url_is_set() -> None:
    assert _settings_value("SITE_URL", PORT="8011") == "http://127.0.0.1:8011"
    assert _settings_value("SITE_URL") == "http://127.0.0.1:8000"
    assert (
        _settings_value("SITE_URL", PORT="8011", SITE_URL="https://bass.example.org/")
        == "https://bass.example.org"
    )


def test_bin_start_exports_the_port() -> None:
    script = (ROOT / "bin" / "start").read_text()
    assert 'export PORT="${PORT:-8000}"' in script


def test_the_in_memory_broker_names_a_host(caplog: pytest.LogCaptureFixture) -> None:
    """kombu warns "No hostname was supplied" for every eager task without one."""
    from kombu import Connection

    # The broker URL the settings give without REDIS_URL (CI sets one for the whole run).
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    url = subprocess.run(
        [sys.executable, "-c", "from config import settings; print(settings.CELERY_BROKER_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert url.startswith("memory://")
    with caplog.at_level("WARNING", logger="kombu.connection"):
        Connection(url).info()
    assert "No hostname was supplied" not in caplog.text


@pytest.mark.django_db
def test_favicon_ico_is_not_a_404() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")
    assert (ROOT / "static" / "favicon.svg").exists()


def test_without_debug_and_without_collected_static_it_refuses_to_start(
    settings: object, tmp_path: Path
) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    settings.STATIC_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with pytest.raises(ImproperlyConfigured, match="collectstatic --noinput"):
        require_collected_static()
    (tmp_path / "staticfiles.json").write_text("{}")
    require_collected_static()  # collected: starts
    settings.DEBUG = True  # type: ignore[attr-defined]
    (tmp_path / "staticfiles.json").unlink()
    require_collected_static()  # DEBUG: the finders serve the files


@pytest.mark.django_db
def test_the_readme_names_every_specialty_the_demo_owner_owns() -> None:
    call_command("load_demo", stdout=io.StringIO())
    owned = Membership.objects.filter(user__username="ejer", role=Membership.Role.OWNER)
    names = sorted(owned.values_list("specialty__name", flat=True))
    assert len(names) == 2
    readme_line = next(
        line for line in (ROOT / "README.md").read_text().splitlines() if "`ejer`" in line
    )
    printed = next(login.role for login in DEMO_LOGINS if login.username == "ejer")
    for name in names:
        assert name in readme_line
        assert name in printed


def test_bin_start_installs_the_app_only_and_bootstraps_uv_in_a_venv() -> None:
    """Issue #23, item 5: the app's dependencies without the test tools; uv from a
    throwaway virtual environment where pip may not install into the system Python; each
    step said in Danish. bin/test still installs the test tools."""
    script = (ROOT / "bin" / "start").read_text()
    assert "uv sync --frozen --no-dev --quiet" in script
    assert "python3 -m pip install" not in script
    assert 'python3 -m venv "$bootstrap"' in script
    assert "bootstrap=.cache/uv-bootstrap" in script
    assert script.count('say "') >= 4
    assert "uv sync --frozen --quiet" in (ROOT / "bin" / "test").read_text()
