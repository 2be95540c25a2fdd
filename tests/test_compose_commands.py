"""docker-compose.yml's commands, run as written (issue 23, item 6).

No container engine runs on these machines, so compose's app services are proved another
way: this test reads docker-compose.yml and .env.example and runs each app service's
command with its environment, against CI's PostgreSQL (a database of its own) and Redis:
the one-shot ``migrate``, then ``web`` (gunicorn), ``worker`` and ``beat`` together. It
waits until web's own health-check command passes, then asks for a page and the health URL
through the running gunicorn with the headers the proxy (Caddyfile) sets.

What is mapped, because it only exists inside the image or on compose's network:
- ``python``, ``gunicorn`` and ``celery`` are this virtualenv's (the image's /app/.venv);
  the working directory is the repository (the image's /app);
- the addresses compose gives (db, broker, cache) are CI's PostgreSQL and Redis: the broker
  and the cache on Redis databases of their own (14, 15), so no other test's worker takes
  this worker's tasks; the database is a new one, dropped afterwards;
- /app/var/media and /app/var/beat (volumes) are folders of this test; the static files the
  image collects at build (Dockerfile) are collected into a folder of this test first;
- web binds a free loopback port instead of 0.0.0.0:8000 (also in its health check), with
  two gunicorn workers instead of WEB_WORKERS=3 (two cores);
- SECRET_KEY, which .env.example leaves for the operator, is a fresh random one.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.conftest import require_service
from tests.test_compose import COMPOSE_FILE, ENV_EXAMPLE, ROOT, load

pytestmark = pytest.mark.services

VENV_BIN = Path(sys.executable).parent
STARTED_WITHIN = 45  # seconds for web, worker and beat to pass web's health check


def env_example() -> dict[str, str]:
    """.env.example's variables, as compose's env_file reads them."""
    found = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            found[name.strip()] = value
    return found


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's ``${NAME}`` and ``${NAME:-default}`` from ``env``."""

    def value(match: re.Match[str]) -> str:
        name, _, default = match.group(1).partition(":-")
        return env.get(name) or default

    return re.sub(r"\$\{([^}]+)\}", value, text)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _redis_url(base: str, db: int) -> str:
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", "", ""))


@pytest.fixture
def database() -> Iterator[str]:
    """A new database on CI's PostgreSQL for the compose services; dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    require_service(url.startswith("postgres"), "PostgreSQL (DATABASE_URL)")
    require_service(bool(os.environ.get("REDIS_URL")), "Redis (REDIS_URL)")
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_compose"
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def service_env(
    service: dict[str, Any], *, database: str, tmp_path: Path, port: int
) -> dict[str, str]:
    """The service's environment as compose builds it (env_file, then environment), with
    the services' addresses and the image's paths mapped (see the module's docstring)."""
    assert service["env_file"] == ".env"
    env = env_example()
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env["POSTGRES_PASSWORD"] = urlsplit(database).password or ""
    env["WEB_WORKERS"] = "2"
    written = {k: interpolate(str(v), env) for k, v in service["environment"].items()}
    # compose's addresses, as written, before they are mapped to CI's services
    assert urlsplit(written["DATABASE_URL"]).hostname == "db"
    assert urlsplit(written["REDIS_URL"]).hostname == "broker"
    assert urlsplit(written["CACHE_REDIS_URL"]).hostname == "cache"
    assert written["MEDIA_ROOT"] == "/app/var/media"
    env.update(written)
    env.update(
        DATABASE_URL=database,
        REDIS_URL=_redis_url(os.environ["REDIS_URL"], 14),
        CACHE_REDIS_URL=_redis_url(os.environ["REDIS_URL"], 15),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        HOME=str(tmp_path),
        LANG="C.UTF-8",
    )
    return env


def command(service: dict[str, Any], env: dict[str, str], port: int, tmp_path: Path) -> list[str]:
    """The service's command as written, with /app's paths and web's bind address mapped."""
    args = [interpolate(str(arg), env) for arg in service["command"]]
    mapped = []
    for arg in args:
        arg = arg.replace("0.0.0.0:8000", f"127.0.0.1:{port}")
        arg = arg.replace("/app/var/beat", str(tmp_path / "beat"))
        mapped.append(arg)
    return mapped


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - compose's own commands, from the repository
        args,
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped with all its children
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def get(port: int, path: str, host: str) -> tuple[int, str]:
    """A request as Caddy passes it on (Caddyfile): the site's Host, X-Forwarded-Proto."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def test_compose_services_run_as_written_and_serve_a_page_and_the_health_url(
    database: str, tmp_path: Path
) -> None:
    services = load(COMPOSE_FILE)["services"]
    port = free_port()
    env = {
        name: service_env(services[name], database=database, tmp_path=tmp_path, port=port)
        for name in ("migrate", "web", "worker", "beat")
    }
    logs = tmp_path / "logs"
    for folder in (logs, tmp_path / "media", tmp_path / "beat"):
        folder.mkdir()
    # What the image did at build (Dockerfile: RUN ... collectstatic --noinput).
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env["web"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert collected.returncode == 0, collected.stderr

    migrate = subprocess.run(  # noqa: S603 - compose's own command
        command(services["migrate"], env["migrate"], port, tmp_path),
        cwd=ROOT,
        env=env["migrate"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    running: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name in ("web", "worker", "beat"):
            args = command(services[name], env[name], port, tmp_path)
            running[name] = start(args, env[name], logs / f"{name}.log")

        # web's health check, as compose runs it (only the port mapped).
        check = services["web"]["healthcheck"]["test"]
        assert check[0] == "CMD"
        probe = [a.replace(":8000/", f":{port}/") for a in check[1:]]
        started = time.monotonic()
        while True:
            for name, process in running.items():
                assert process.poll() is None, (
                    f"{name} stopped:\n{(logs / f'{name}.log').read_text(errors='replace')}"
                )
            passed = subprocess.run(  # noqa: S603 - compose's own health check
                probe, cwd=ROOT, env=env["web"], capture_output=True, text=True, check=False
            )
            if passed.returncode == 0:
                break
            if time.monotonic() - started > STARTED_WITHIN:
                pytest.fail(
                    f"web's health check did not pass within {STARTED_WITHIN} s: "
                    f"{passed.stderr}\n"
                    + "\n".join(
                        f"--- {n}:\n{(logs / f'{n}.log').read_text(errors='replace')[-3000:]}"
                        for n in running
                    )
                )
            time.sleep(1)

        host = env["web"]["ALLOWED_HOSTS"].split(",")[0]
        status, body = get(port, "/health/", host)
        assert status == 200, body
        # Every part OK, the tick from beat through the broker and the worker included.
        assert json.loads(body) == {
            "status": "ok",
            "failed": [],
            "checks": dict.fromkeys(["Database", "Cache", "Storage", "Broker", "Beat"], "OK"),
        }

        status, body = get(port, "/log-ind/", host)
        assert status == 200, body[:2000]
        assert 'lang="da"' in body
        assert "Adgangskode" in body
        # The static files come from the collected manifest (DEBUG is off, as in .env.example).
        assert re.search(r"/static/[^\"']+\.[0-9a-f]{12}\.css", body), body[:2000]
    finally:
        for process in running.values():
            stop(process)
    for name, process in running.items():
        assert process.returncode is not None, name
