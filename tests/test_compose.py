"""The production shape: docker-compose.yml, the Dockerfile and `check --deploy`.

No container engine runs here, so the compose file is checked by its structure: the four
services CI starts (PostgreSQL 15, Redis 7, web, worker), their commands, shared settings,
health checks and start order. The settings the web service gets must pass Django's
deployment checks.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

APP_SERVICES = ("web", "worker")
BACKING_SERVICES = ("db", "redis")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


@pytest.fixture(scope="module")
def named_volumes(compose: dict[str, Any]) -> set[str]:
    return set(compose.get("volumes") or {})


def command_text(service: dict[str, Any]) -> str:
    """A service's command as one string, whether written as a list or a string."""
    command = service["command"]
    return " ".join(command) if isinstance(command, list) else str(command)


def image_name_and_tag(image: str) -> tuple[str, str]:
    name, _, tag = image.rpartition(":")
    return name, tag


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        instructions.append((keyword.upper(), " ".join(arguments.split())))
    return instructions


def test_compose_has_the_five_services_and_no_version_key(compose: dict[str, Any]) -> None:
    """The compose spec has no `version:`; the services are what CI starts, and celery beat
    (the clock of the reminder digest)."""
    assert "version" not in compose
    assert set(compose["services"]) == {"db", "redis", "web", "worker", "beat"}


def test_db_is_postgres_15(services: dict[str, Any], named_volumes: set[str]) -> None:
    """db runs PostgreSQL 15 with its data on a named volume."""
    db = services["db"]
    name, tag = image_name_and_tag(db["image"])
    assert name == "postgres"
    assert re.match(r"15(\b|$)", tag), tag
    assert db["environment"]["POSTGRES_DB"] == "bass"
    assert db["environment"]["POSTGRES_USER"] == "bass"
    assert db["volumes"][0].split(":")[0] in named_volumes


def test_redis_is_redis_7(services: dict[str, Any]) -> None:
    """redis runs Redis 7."""
    name, tag = image_name_and_tag(services["redis"]["image"])
    assert name == "redis"
    assert re.match(r"7(\b|$)", tag), tag


def test_web_migrates_then_serves_with_gunicorn(services: dict[str, Any]) -> None:
    """web runs the migrations, then gunicorn on bass.wsgi, published on port 8000."""
    command = command_text(services["web"])
    assert "manage.py migrate --noinput" in command
    assert "gunicorn bass.wsgi:application" in command
    assert command.index("migrate") < command.index("gunicorn")
    assert "--bind 0.0.0.0:8000" in command  # inside the container, for the published port


def test_web_is_published_on_the_hosts_loopback_only(services: dict[str, Any]) -> None:
    """The reverse proxy on the host is the one way in: web is not published on 0.0.0.0
    (issue #11, item 6), and only then is the proxy's X-Forwarded-Proto believed."""
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]
    assert "ports" not in services["worker"]
    assert "ports" not in services["db"]
    assert "ports" not in services["redis"]
    assert services["web"]["environment"]["BEHIND_PROXY"] == "true"


def test_no_password_is_written_into_the_compose_file(services: dict[str, Any]) -> None:
    """The database password comes from the environment; compose refuses to start without."""
    password = services["db"]["environment"]["POSTGRES_PASSWORD"]
    assert password == "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
    database = urlsplit(services["web"]["environment"]["DATABASE_URL"])
    assert database.password == "${POSTGRES_PASSWORD}"


def test_worker_runs_celery_for_the_bass_app(services: dict[str, Any]) -> None:
    """worker runs a Celery worker of the `bass` app from the same build as web."""
    assert command_text(services["worker"]).startswith("celery -A bass worker")
    assert services["worker"]["build"] == services["web"]["build"]


def test_beat_runs_celery_beat_for_the_bass_app(services: dict[str, Any]) -> None:
    """beat runs `celery -A bass beat` (which queues the reminder digest) from the same build,
    with its schedule file where the non-root user may write, and no port."""
    beat = services["beat"]
    assert command_text(beat).startswith("celery -A bass beat")
    assert "--schedule /tmp/celerybeat-schedule" in command_text(beat)
    assert beat["build"] == services["web"]["build"]
    assert "ports" not in beat


def test_web_and_worker_share_the_production_environment(services: dict[str, Any]) -> None:
    """One environment for web, worker and beat: PostgreSQL and Redis services, DEBUG off,
    a SECRET_KEY that must be given, TLS on by default."""
    web_env = services["web"]["environment"]
    assert services["worker"]["environment"] == web_env
    assert services["beat"]["environment"] == web_env

    database = urlsplit(web_env["DATABASE_URL"])
    assert database.scheme in {"postgres", "postgresql"}
    assert database.hostname == "db"
    assert database.port == 5432
    redis = urlsplit(web_env["REDIS_URL"])
    assert redis.scheme == "redis"
    assert redis.hostname == "redis"

    assert str(web_env["DEBUG"]).lower() == "false"
    assert ":?" in web_env["SECRET_KEY"]
    assert ":-" not in web_env["SECRET_KEY"]
    assert "ALLOWED_HOSTS" in web_env
    assert web_env["HTTPS"] == "${HTTPS:-true}"


def test_web_and_worker_share_the_media_volume(
    services: dict[str, Any], named_volumes: set[str]
) -> None:
    """Uploads live on one named volume at MEDIA_ROOT, seen by web and worker alike."""
    media_root = services["web"]["environment"]["MEDIA_ROOT"]
    for name in APP_SERVICES:
        mounts = {tuple(volume.split(":")[:2]) for volume in services[name]["volumes"]}
        assert any(source in named_volumes and target == media_root for source, target in mounts)


@pytest.mark.parametrize("name", ["db", "redis", "web", "worker", "beat"])
def test_every_service_has_a_healthcheck(services: dict[str, Any], name: str) -> None:
    """Each service says how to tell it is healthy."""
    test = services[name]["healthcheck"]["test"]
    if isinstance(test, list):
        assert test[0] in {"CMD", "CMD-SHELL"}
        assert len(test) > 1
    else:
        assert test.strip()


def test_healthchecks_probe_the_right_thing(services: dict[str, Any]) -> None:
    """db and redis answer their own pings, web serves the login page behind the TLS proxy,
    and the worker answers a Celery ping."""

    def text(name: str) -> str:
        test = services[name]["healthcheck"]["test"]
        return " ".join(test) if isinstance(test, list) else test

    assert "pg_isready -U bass -d bass" in text("db")
    assert "redis-cli ping" in text("redis")
    assert "/log-ind/" in text("web")
    assert "X-Forwarded-Proto" in text("web")
    assert "celery -A bass inspect ping" in text("worker")


@pytest.mark.parametrize("name", [*APP_SERVICES, "beat"])
def test_app_services_wait_for_healthy_db_and_redis(services: dict[str, Any], name: str) -> None:
    """web and worker start only once PostgreSQL and Redis are healthy."""
    depends_on = services[name]["depends_on"]
    for backing in BACKING_SERVICES:
        assert depends_on[backing]["condition"] == "service_healthy"


def test_long_running_services_restart(services: dict[str, Any]) -> None:
    """Every service comes back after a crash or a reboot."""
    for name, service in services.items():
        assert service.get("restart") == "unless-stopped", name


def test_dockerfile_installs_the_locked_dependencies_and_runs_gunicorn() -> None:
    """The image installs from uv.lock with --frozen, runs as a non-root user and serves
    with gunicorn by default."""
    instructions = dockerfile_instructions()
    assert instructions[0][0] == "FROM"
    assert instructions[0][1].startswith("python:3.11")

    def first(keyword: str, needle: str) -> int:
        return next(
            index
            for index, (found, arguments) in enumerate(instructions)
            if found == keyword and needle in arguments
        )

    sync = instructions[first("RUN", "uv sync")][1]
    assert "--frozen" in sync
    assert "--no-dev" in sync
    # The lock is copied and synced before the source, so the dependency layer is cached.
    assert first("COPY", "uv.lock") < first("RUN", "uv sync") < first("COPY", ". .")
    assert first("COPY", ". .") < first("RUN", "collectstatic --noinput")

    user = [arguments for keyword, arguments in instructions if keyword == "USER"]
    assert user
    assert user[-1] not in {"root", "0"}

    cmd = [arguments for keyword, arguments in instructions if keyword == "CMD"][-1]
    assert "gunicorn" in cmd
    assert "bass.wsgi:application" in cmd


def test_dockerignore_keeps_local_state_out_of_the_image() -> None:
    """The build context leaves out the virtualenv, the git history and local databases."""
    patterns = {
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", ".git", "db.sqlite3", "staticfiles", "var"} <= patterns


def test_production_settings_pass_the_deploy_checks() -> None:
    """`check --deploy` finds nothing to warn about with the environment web gets."""
    env = os.environ.copy()
    # Without the services the settings fall back to SQLite and eager Celery: the deploy
    # checks look at the security settings, not at the database or broker.
    # DJANGO_ALLOW_ASYNC_UNSAFE belongs to the browser tests (Playwright), never to a deployment.
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="bass.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(45),  # 60 characters
        ALLOWED_HOSTS="bass.example.org",
        HTTPS="true",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
