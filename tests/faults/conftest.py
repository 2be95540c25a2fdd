"""Throwaway services for the fault tests: each test starts and breaks its OWN instances.

The shared PostgreSQL and Redis that the rest of the suite (and other people on the machine)
use are never stopped. Here a test starts, on a free loopback port, a Redis
(``redis-server --save ''``), a PostgreSQL cluster (``initdb``/``pg_ctl``, as the postgres
user when we are root, since initdb refuses root), a Celery worker, the web app under
gunicorn, or an SMTP server that refuses; then it breaks one of them and watches what the
app does. Everything started is stopped by its PID.

In CI (CI=true) every binary is installed and a missing one fails the test; on a laptop
without them the test is skipped (``tests.conftest.require_service``).
"""

from __future__ import annotations

import glob
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import require_service

ROOT = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(what: str, check: Callable[[], Any], timeout: float = 30, every: float = 0.05) -> Any:
    """Poll ``check`` until it returns something true; fail with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout} s")
        time.sleep(every)


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def stop(process: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def database_url_of_this_run() -> str:
    """The URL of the test database this process uses (its rows are what the servers see)."""
    require_service(bool(os.environ.get("DATABASE_URL")), "PostgreSQL (DATABASE_URL)")
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def service_env(**values: str) -> dict[str, str]:
    """The environment of a process started here: this one's, with ``values`` over it.

    This process's key, so the server accepts the sessions the test signs in with, and
    DEBUG, so a server started without the repository's key check (the tests' key may be
    the development key) and without ``collectstatic`` serves its static files itself.
    """
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PYTEST_CURRENT_TEST"}}
    env.update(
        {
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    env.update(values)
    return env


# -- Redis ------------------------------------------------------------------------------------


class RedisServer:
    """``redis-server`` on its own port, without persistence, that a test can stop and start."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        require_service(binary is not None, "redis-server")
        assert binary is not None
        self.binary = binary
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                *(self.binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"redis-server on {self.port}", lambda: port_open(self.port), timeout=10)
        return self

    def stop(self) -> None:
        stop(self.process)
        self.process = None

    def client(self) -> Any:
        import redis

        return redis.Redis.from_url(self.url)


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.stop()


# -- PostgreSQL -------------------------------------------------------------------------------


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    return found[-1] or None


class PostgresCluster:
    """A throwaway PostgreSQL cluster: initdb in a temporary folder, pg_ctl start/restart."""

    def __init__(self) -> None:
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        require_service(initdb is not None and pg_ctl is not None, "PostgreSQL (initdb, pg_ctl)")
        assert initdb is not None
        assert pg_ctl is not None
        self.initdb, self.pg_ctl = initdb, pg_ctl
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="bass-fault-pg-"))
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: run the cluster as postgres
            runuser = shutil.which("runuser")
            require_service(runuser is not None, "runuser (to run PostgreSQL as postgres)")
            shutil.chown(self.dir, user="postgres")
            self.as_user = [str(runuser), "-u", "postgres", "--"]
        self.dir.chmod(0o700)

    @property
    def url(self) -> str:
        return f"postgres://bass@127.0.0.1:{self.port}/bass"

    def _run(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - our own arguments
            [*self.as_user, *args], check=True, capture_output=True, cwd="/"
        )

    def _options(self) -> str:
        return (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )

    def create(self) -> PostgresCluster:
        data = str(self.dir / "data")
        self._run(self.initdb, "-D", data, "-U", "bass", "--auth=trust", "-E", "UTF8")
        self.start()
        psql_env = {**os.environ, "PGHOST": str(self.dir), "PGPORT": str(self.port)}
        subprocess.run(  # noqa: S603 - our own arguments
            [*self.as_user, _pg_bin("createdb") or "createdb", "-U", "bass", "bass"],
            check=True,
            capture_output=True,
            env=psql_env,
            cwd="/",
        )
        return self

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        self._ctl("restart")

    def stop(self) -> None:
        self._ctl("stop")

    def _ctl(self, action: str) -> None:
        args = [self.pg_ctl, "-D", str(self.dir / "data"), "-w", "-m", "fast", action]
        if action != "stop":
            args += ["-o", self._options(), "-l", str(self.dir / "log")]
        self._run(*args)

    def destroy(self) -> None:
        if (self.dir / "data" / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def postgres_cluster() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    try:
        yield cluster.create()
    finally:
        cluster.destroy()


# -- The app's processes ----------------------------------------------------------------------


@dataclass
class Process:
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        stop(self.process, sig)


def start_process(args: list[str], env: dict[str, str], log: Path) -> Process:
    handle = log.open("wb")
    process = subprocess.Popen(  # noqa: S603 - our own arguments
        args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )
    handle.close()
    return Process(process, log)


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Callable[..., Process]]:
    """Start app processes (``start(name, args, env)``); all are stopped after the test."""
    started: list[Process] = []

    def start(name: str, args: list[str], env: dict[str, str]) -> Process:
        process = start_process(args, env, tmp_path / f"{name}.log")
        started.append(process)
        return process

    yield start
    for process in reversed(started):
        # Cold shutdown (Celery) and quick shutdown (gunicorn): nothing left to finish.
        process.stop(signal.SIGQUIT)


def worker_args(*, pool: str = "solo") -> list[str]:
    args = [sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={pool}"]
    if pool == "prefork":
        args.append("--concurrency=1")
    return [*args, "--loglevel=info", "--without-gossip", "--without-mingle", "--hostname=fault@%h"]


def wait_for_worker(worker: Process, timeout: float = 60) -> None:
    def ready() -> bool:
        if worker.process.poll() is not None:
            pytest.fail(f"the worker stopped:\n{worker.output()[-3000:]}")
        return "ready." in worker.output()

    wait_for("the Celery worker", ready, timeout=timeout, every=0.1)


def gunicorn_args(port: int) -> list[str]:
    gunicorn = str(VENV_BIN / "gunicorn")
    bind = f"127.0.0.1:{port}"
    return [
        gunicorn,
        "config.wsgi:application",
        "--bind",
        bind,
        "--workers",
        "1",
        "--timeout",
        "60",
    ]


def send_task(broker_url: str, name: str, args: list[Any]) -> None:
    """Put a task on ``broker_url`` as the app would, with a Celery app of its own (this
    process's app is bound to the shared broker)."""
    from celery import Celery

    sender = Celery("fault-test", broker=broker_url, set_as_current=False)
    sender.conf.task_serializer = "json"
    sender.conf.broker_connection_retry_on_startup = False
    sender.send_task(name, args=args, ignore_result=True)
    sender.close()


# -- Talking to a server started here ---------------------------------------------------------


@dataclass
class Browser:
    """A signed-in person's requests to a server on loopback (session cookie from the test
    database, CSRF cookie from the first page)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    @classmethod
    def signed_in(cls, port: int, user: Any) -> Browser:
        client = Client()
        client.force_login(user)
        return cls(port, {"sessionid": client.cookies["sessionid"].value})

    def request(
        self, method: str, path: str, data: dict[str, str] | None = None, htmx: bool = False
    ) -> tuple[int, str, float]:
        headers = {
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if htmx:
            headers["HX-Request"] = "true"
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(data or {})
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
        finally:
            connection.close()
        return response.status, text, time.monotonic() - started

    def get(self, path: str, htmx: bool = False) -> tuple[int, str, float]:
        return self.request("GET", path, htmx=htmx)

    def post(self, path: str, data: dict[str, str], htmx: bool = False) -> tuple[int, str, float]:
        return self.request("POST", path, data, htmx=htmx)


def wait_for_server(server: Process, port: int) -> None:
    def up() -> bool:
        if server.process.poll() is not None:
            pytest.fail(f"the web server stopped:\n{server.output()[-3000:]}")
        return port_open(port)

    wait_for("the web server", up, timeout=30, every=0.1)


@pytest.fixture
def worker_media_cleanup() -> Iterator[list[str]]:
    """Names of files a worker started here wrote, removed after the test."""
    from documents.storage import documents_storage

    names: list[str] = []
    yield names
    for name in names:
        if name:
            documents_storage().delete(name)
