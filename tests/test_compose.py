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
ENV_EXAMPLE = ROOT / ".env.example"

APP_SERVICES = ("web", "worker")
BACKING_SERVICES = ("db", "broker", "cache")


class ComposeLoader(yaml.SafeLoader):
    """PyYAML with compose's merge tags (`!override`, `!reset`) read as plain values."""


ComposeLoader.add_constructor("!override", lambda loader, node: loader.construct_sequence(node))
ComposeLoader.add_constructor("!reset", lambda loader, node: None)


def load(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ComposeLoader)  # noqa: S506


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load(COMPOSE_FILE)


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


def test_compose_has_its_services_and_no_version_key(compose: dict[str, Any]) -> None:
    """The compose spec has no `version:`; the services are what CI starts, beat, the
    one-shot migrate, the nightly backup and the TLS proxy."""
    assert "version" not in compose
    assert set(compose["services"]) == {
        "db", "broker", "cache", "migrate", "web", "worker", "beat", "backup", "proxy",
    }  # fmt: skip


def test_db_is_postgres_15(services: dict[str, Any], named_volumes: set[str]) -> None:
    """db runs PostgreSQL 15 with its data on a named volume."""
    db = services["db"]
    name, tag = image_name_and_tag(db["image"])
    assert name == "postgres"
    assert re.match(r"15(\b|$)", tag), tag
    assert db["environment"]["POSTGRES_DB"] == "bass"
    assert db["environment"]["POSTGRES_USER"] == "bass"
    assert db["volumes"][0].split(":")[0] in named_volumes


def test_broker_persists_and_never_evicts(
    services: dict[str, Any], named_volumes: set[str]
) -> None:
    """Celery's queue survives a restart: an append-only file on a volume, no eviction."""
    broker = services["broker"]
    name, tag = image_name_and_tag(broker["image"])
    assert (name, tag[:1]) == ("redis", "7")
    command = command_text(broker)
    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command
    assert broker["volumes"][0].split(":")[:2] == ["broker", "/data"]
    assert "broker" in named_volumes


def test_cache_has_a_memory_limit_and_lru(services: dict[str, Any]) -> None:
    """The page cache is a server of its own (a memory policy is per server): limited
    memory, least recently used keys evicted, nothing written to disk."""
    cache = services["cache"]
    assert image_name_and_tag(cache["image"])[0] == "redis"
    command = command_text(cache)
    assert "--maxmemory ${CACHE_MAXMEMORY:-256mb}" in command
    assert "--maxmemory-policy allkeys-lru" in command
    assert "--appendonly no" in command
    assert "volumes" not in cache


def test_migrate_runs_once_before_the_app(services: dict[str, Any]) -> None:
    """One migrate, however many web containers: web, worker and beat wait until it has
    completed successfully, and web itself does not migrate."""
    migrate = services["migrate"]
    assert command_text(migrate) == "python manage.py migrate --noinput"
    assert migrate["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert "migrate" not in command_text(services[name])


def test_web_serves_with_gunicorn_behind_the_proxy_only(services: dict[str, Any]) -> None:
    """web runs gunicorn on config.wsgi and is not published: Caddy is the one way in, and
    only then is its X-Forwarded-Proto believed."""
    command = command_text(services["web"])
    assert "gunicorn config.wsgi:application" in command
    assert "--bind 0.0.0.0:8000" in command  # inside the container, for the proxy
    for name in ("web", "worker", "db", "broker", "cache", "migrate", "beat", "backup"):
        assert "ports" not in services[name], name
    assert services["web"]["environment"]["BEHIND_PROXY"] == "true"


def test_the_proxy_is_caddy_with_the_committed_caddyfile(services: dict[str, Any]) -> None:
    """Caddy terminates TLS for SITE_URL's host, keeps its certificates on volumes, and
    passes the client's address in X-Real-IP (the log-in throttle counts it)."""
    proxy = services["proxy"]
    assert image_name_and_tag(proxy["image"]) == ("caddy", "2")
    assert set(proxy["ports"]) == {"80:80", "443:443"}
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert proxy["environment"]["CADDY_SITE_ADDRESS"] == "${SITE_URL}"
    caddyfile = (ROOT / "Caddyfile").read_text(encoding="utf-8")
    assert "{$CADDY_SITE_ADDRESS} {" in caddyfile
    assert "reverse_proxy web:8000" in caddyfile
    assert "header_up X-Real-IP {remote_host}" in caddyfile
    # No trusted_proxies: Caddy replaces a client's X-Forwarded-Proto with its own.
    assert "trusted_proxies" not in caddyfile
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"


def test_the_trial_file_serves_plain_http_on_loopback() -> None:
    """docker-compose.trial.yml: HTTPS off for every app service, Caddy on plain HTTP,
    published on this machine's loopback only."""
    trial = load(ROOT / "docker-compose.trial.yml")["services"]
    for name in ("migrate", "web", "worker", "beat"):
        env = trial[name]["environment"]
        assert env["HTTPS"] == "false"
        assert env["SITE_URL"] == "http://localhost:8000"
    assert trial["proxy"]["environment"]["CADDY_SITE_ADDRESS"] == ":8000"
    assert trial["proxy"]["ports"] == ["127.0.0.1:8000:8000"]
    assert "ports: !override" in (ROOT / "docker-compose.trial.yml").read_text()


def test_no_password_is_written_into_the_compose_file(services: dict[str, Any]) -> None:
    """The database password comes from .env."""
    assert services["db"]["environment"]["POSTGRES_PASSWORD"] == "${POSTGRES_PASSWORD}"
    database = urlsplit(services["web"]["environment"]["DATABASE_URL"])
    assert database.password == "${POSTGRES_PASSWORD}"


def test_worker_runs_celery_for_the_bass_app(services: dict[str, Any]) -> None:
    """worker runs a Celery worker of the `bass` app from the same build as web."""
    assert command_text(services["worker"]).startswith("celery -A config worker")
    assert services["worker"]["build"] == services["web"]["build"]


def test_beat_keeps_its_schedule_on_a_volume(
    services: dict[str, Any], named_volumes: set[str]
) -> None:
    """beat runs `celery -A config beat` with its schedule file on the beat volume, so a
    restart remembers when each job last ran."""
    beat = services["beat"]
    assert command_text(beat).startswith("celery -A config beat")
    assert "--schedule /app/var/beat/celerybeat-schedule" in command_text(beat)
    assert "beat:/app/var/beat" in beat["volumes"]
    assert "beat" in named_volumes
    assert beat["build"] == services["web"]["build"]
    assert "mkdir -p /app/var/media /app/var/beat" in DOCKERFILE.read_text()


def test_app_services_share_one_environment(services: dict[str, Any]) -> None:
    """One environment for migrate, web, worker and beat: .env, and the service addresses
    compose knows (PostgreSQL, the broker and the cache on their own servers)."""
    web = services["web"]
    for name in ("migrate", "worker", "beat"):
        assert services[name]["environment"] == web["environment"]
        assert services[name]["env_file"] == web["env_file"] == ".env"
    env = web["environment"]
    database = urlsplit(env["DATABASE_URL"])
    assert (database.scheme, database.hostname, database.port) == ("postgres", "db", 5432)
    assert urlsplit(env["REDIS_URL"]).hostname == "broker"
    assert urlsplit(env["CACHE_REDIS_URL"]).hostname == "cache"


def test_web_and_worker_share_the_media_volume(
    services: dict[str, Any], named_volumes: set[str]
) -> None:
    """Uploads live on one named volume at MEDIA_ROOT, seen by web and worker alike, and
    read by the backup."""
    media_root = services["web"]["environment"]["MEDIA_ROOT"]
    for name in APP_SERVICES:
        mounts = {tuple(volume.split(":")[:2]) for volume in services[name]["volumes"]}
        assert any(source in named_volumes and target == media_root for source, target in mounts)
    assert "media:/media:ro" in services["backup"]["volumes"]


def test_the_backup_runs_nightly_onto_its_volume(services: dict[str, Any]) -> None:
    """The backup service runs bin/nightly-backup in a loop with PostgreSQL's own tools."""
    backup = services["backup"]
    assert image_name_and_tag(backup["image"]) == image_name_and_tag(services["db"]["image"])
    assert command_text(backup) == "sh /app/bin/nightly-backup --loop"
    assert "backups:/backups" in backup["volumes"]
    assert backup["environment"]["BACKUP_KEEP_DAYS"] == "${BACKUP_KEEP_DAYS:-14}"


@pytest.mark.parametrize(
    "name", ["db", "broker", "cache", "web", "worker", "beat", "backup", "proxy"]
)
def test_every_long_running_service_has_a_healthcheck(services: dict[str, Any], name: str) -> None:
    """Each service says how to tell it is healthy."""
    test = services[name]["healthcheck"]["test"]
    assert test[0] in {"CMD", "CMD-SHELL"}
    assert len(test) > 1


def test_healthchecks_probe_the_right_thing(services: dict[str, Any]) -> None:
    """db and the Redis servers answer their pings, web its health URL, the worker a Celery
    ping, and beat its tick (the health URL's beat part)."""

    def text(name: str) -> str:
        return " ".join(services[name]["healthcheck"]["test"])

    assert "pg_isready -U bass -d bass" in text("db")
    assert "redis-cli ping" in text("broker")
    assert "redis-cli ping" in text("cache")
    assert text("web") == "CMD python -m bass.probe http://127.0.0.1:8000/health/"
    assert "celery -A config inspect ping" in text("worker")
    assert text("beat") == "CMD python manage.py health beat"


@pytest.mark.parametrize("name", [*APP_SERVICES, "beat"])
def test_app_services_wait_for_healthy_backing_services(
    services: dict[str, Any], name: str
) -> None:
    """web, worker and beat start only once PostgreSQL and both Redis servers are healthy."""
    depends_on = services[name]["depends_on"]
    for backing in BACKING_SERVICES:
        assert depends_on[backing]["condition"] == "service_healthy"


def test_long_running_services_restart(services: dict[str, Any]) -> None:
    """Every service but the one-shot migrate comes back after a crash or a reboot."""
    for name, service in services.items():
        expected = "no" if name == "migrate" else "unless-stopped"
        assert service.get("restart") == expected, name


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
    assert "config.wsgi:application" in cmd


def test_dockerignore_keeps_local_state_out_of_the_image() -> None:
    """The build context leaves out the virtualenv, the git history and local databases."""
    patterns = {
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", ".git", "db.sqlite3", "staticfiles", "var"} <= patterns


def env_example() -> dict[str, str]:
    """The uncommented NAME=value lines of .env.example."""
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value
    return values


def settings_env_names() -> set[str]:
    """Every environment variable config/settings.py reads (through its env_* helpers or
    os.environ)."""
    source = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    pattern = r"(?:env_(?:str|int|bool|list)|os\.environ\.get|os\.getenv)\(\s*\"([A-Z0-9_]+)\""
    return set(re.findall(pattern, source))


# Fixed by the image or meaningful only outside compose; .env.example names them, commented.
SET_OUTSIDE_COMPOSE = {"STATIC_ROOT", "PORT"}


def test_settings_are_read_through_the_helpers() -> None:
    """The scan below finds what settings.py reads (a sanity check of the scan itself)."""
    names = settings_env_names()
    assert {"SECRET_KEY", "SITE_URL", "EMAIL_HOST", "S3_BUCKET", "LOG_LEVEL"} <= names
    assert len(names) >= 36


def test_env_example_names_every_setting_and_compose_passes_it(services: dict[str, Any]) -> None:
    """Every variable the settings read is in .env.example, with a comment, and reaches the
    app services: uncommented there (passed by env_file) or set by compose itself."""
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    given = env_example()
    set_by_compose = set(services["web"]["environment"])
    missing = []
    for name in sorted(settings_env_names()):
        if not re.search(rf"^(# )?{name}=", text, re.MULTILINE):
            missing.append(f"{name}: not in .env.example")
        elif name not in given and name not in set_by_compose and name not in SET_OUTSIDE_COMPOSE:
            missing.append(f"{name}: commented out in .env.example and not set by compose")
    assert not missing, missing
    for name in ("migrate", "web", "worker", "beat"):
        assert services[name]["env_file"] == ".env"


def test_env_example_fills_every_variable_compose_interpolates() -> None:
    """`docker compose config` with .env.example as .env names every variable: each
    ${NAME} in the compose files is in .env.example."""
    given = env_example()
    for path in (COMPOSE_FILE, ROOT / "docker-compose.trial.yml"):
        for name in set(re.findall(r"\$\{([A-Z0-9_]+)", path.read_text(encoding="utf-8"))):
            assert name in given, f"{path.name}: ${{{name}}} is not in .env.example"


def test_env_example_has_safe_defaults() -> None:
    """No secret is filled in (the app and PostgreSQL refuse to start without one), TLS is
    on, DEBUG off, and e-mail goes to a mail server."""
    given = env_example()
    assert given["SECRET_KEY"] == ""
    assert given["POSTGRES_PASSWORD"] == ""
    assert given["HTTPS"] == "true"
    assert given["DEBUG"] == "false"
    assert given["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert given["SITE_URL"].startswith("https://")


def _check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    environment = os.environ.copy()
    # Without the services the settings fall back to SQLite and eager Celery: the deploy
    # checks look at the security settings, not at the database or broker.
    # DJANGO_ALLOW_ASYNC_UNSAFE belongs to the browser tests (Playwright), never to a deployment.
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(name, None)
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_checks(
    services: dict[str, Any], tmp_path: Path
) -> None:
    """`check --deploy` finds nothing to warn about with .env.example filled in as the
    operator must (a key) and what compose adds; the image has collected its static files
    (bass.E002), here a manifest of its own stands for them."""
    (tmp_path / "staticfiles.json").write_text("{}")
    env = {k: v for k, v in env_example().items() if v != ""}
    env["STATIC_ROOT"] = str(tmp_path)
    env.update({k: v for k, v in services["web"]["environment"].items() if "$" not in v})
    env.pop("REDIS_URL")
    env.pop("CACHE_REDIS_URL")
    result = _check_deploy(**env, SECRET_KEY=secrets.token_urlsafe(45))  # 60 characters
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"


def test_deploy_checks_warn_of_a_loopback_site_url_and_console_e_mail() -> None:
    """With DEBUG off, a SITE_URL on loopback (every e-mail link to the reader's own
    machine) and the console e-mail backend (nothing sent) are warned about."""
    result = _check_deploy(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(45),
        ALLOWED_HOSTS="bass.example.org",
        HTTPS="true",
        SITE_URL="http://127.0.0.1:8000",
        EMAIL_BACKEND="",
    )
    assert result.returncode == 1
    assert "bass.W010" in result.stderr
    assert "bass.W011" in result.stderr
    debug = _check_deploy(DEBUG="true", SITE_URL="http://127.0.0.1:8000", EMAIL_BACKEND="")
    assert "bass.W010" not in debug.stderr
    assert "bass.W011" not in debug.stderr
