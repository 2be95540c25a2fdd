"""Safe defaults of the settings (issue #11, item 6).

With DEBUG off and no SECRET_KEY the app used the repository's development key in silence.
Now every serving process refuses to start: gunicorn's ``config.wsgi``, the commands that run
the system checks (runserver, migrate, check) and the Celery worker. X-Forwarded-Proto is
believed only when the operator says a proxy sets it.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "HTTPS", "BEHIND_PROXY", "DATABASE_URL"}
        and k not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(  # noqa: S603 - our own script and arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_gunicorns_entry_point_refuses_to_start_without_a_secret_key() -> None:
    result = run("-c", "import config.wsgi", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_gunicorns_entry_point_refuses_the_repositorys_key_given_explicitly() -> None:
    result = run("-c", "import config.wsgi", SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    "env", [{"SECRET_KEY": "a-real-secret-for-this-test-only"}, {"DEBUG": "true"}]
)
def test_with_a_key_or_in_development_it_starts(env: dict[str, str], tmp_path: Path) -> None:
    # Without DEBUG it also needs its static files collected (bass.startup): as a deployment
    # does, into a folder of its own.
    static = {"STATIC_ROOT": str(tmp_path / "static")}
    if env.get("DEBUG") != "true":
        collected = run("manage.py", "collectstatic", "--noinput", "-v0", **env, **static)
        assert collected.returncode == 0, collected.stderr
    result = run("-c", "import config.wsgi", **env, **static)
    assert result.returncode == 0, result.stderr


def test_the_deploy_checks_refuse_the_development_key_with_debug_off() -> None:
    result = run("manage.py", "check", "--deploy", DEBUG="false")
    assert result.returncode != 0
    assert "bass.E001" in result.stderr
    # The tools that only read the code run with nothing configured.
    plain = run("manage.py", "makemigrations", "--check", "--dry-run", DEBUG="false")
    assert plain.returncode == 0, plain.stderr
    assert "bass.E001" not in run("manage.py", "check", "--deploy", DEBUG="true").stderr


def test_runserver_refuses_the_development_key_with_debug_off() -> None:
    """runserver loads config.wsgi before it serves, and the entry point refuses the key."""
    result = run("manage.py", "runserver", "--noreload", "127.0.0.1:0", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_celery_worker_refuses_to_start_with_the_development_key(
    settings: object,
) -> None:
    """Through Celery's own signal: it catches and logs every ``Exception`` of a handler
    (issue 25, item 10), so the refusal must leave as ``SystemExit``."""
    from celery.signals import worker_init

    settings.DEBUG = False  # type: ignore[attr-defined]
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY  # type: ignore[attr-defined]
    with pytest.raises(SystemExit):
        worker_init.send(sender=None)
    settings.SECRET_KEY = "a-real-secret-for-this-test-only"  # type: ignore[attr-defined]
    assert all(not isinstance(answer, BaseException) for _, answer in worker_init.send(None))


def test_a_real_worker_exits_on_the_development_key() -> None:
    result = run(
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "-l",
        "warning",
        DEBUG="false",
        SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY,
        WORKER_NICENESS="0",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


PRINT_PROXY = "import django; django.setup(); from django.conf import settings; " + (
    "print(settings.SECURE_PROXY_SSL_HEADER)"
)


def test_x_forwarded_proto_is_believed_only_when_the_operator_says_so() -> None:
    key = {"SECRET_KEY": "a-real-secret-for-this-test-only"}
    assert run("-c", PRINT_PROXY, HTTPS="true", **key).stdout.strip() == "None"
    trusted = run("-c", PRINT_PROXY, HTTPS="true", BEHIND_PROXY="true", **key)
    assert trusted.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
