"""The refusals at start (issue 23, item 5): with DEBUG off, the repository's development
SECRET_KEY and missing collected static files are system-check errors (bass.E001, bass.E002),
and every process that serves prints three lines per problem and exits with code 1, with no
traceback: runserver, migrate, gunicorn, the Celery worker and beat refuse the key; the two
that serve pages (runserver, gunicorn) also the missing static files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# The processes that serve pages, and so also need the collected static files.
PAGES = {"runserver", "gunicorn"}
COMMANDS = {
    "runserver": ["manage.py", "runserver", "--noreload", "127.0.0.1:0"],
    "migrate": ["manage.py", "migrate", "--noinput"],
    # As docker-compose.yml's web runs it, from the directory of gunicorn.conf.py.
    "gunicorn": ["-m", "gunicorn", "config.wsgi:application", "--bind", "127.0.0.1:0"],
    "worker": ["-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "warning"],
    "beat": ["-m", "celery", "-A", "config", "beat", "-l", "warning"],
}


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``args`` in a clean environment: DEBUG off, no key, this test's own empty STATIC_ROOT
    and SQLite file; nothing configured otherwise, as on a new server."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "STATIC_ROOT"}
        and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    base = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def refusals(output: str) -> list[str]:
    return [line for line in output.splitlines() if "BASS Ambitions refuses to start" in line]


@pytest.mark.parametrize("process", COMMANDS)
def test_without_a_key_and_static_files_each_process_refuses_in_three_lines(
    process: str, tmp_path: Path
) -> None:
    args = COMMANDS[process]
    if process == "beat":
        args = [*args, "--schedule", str(tmp_path / "beat-schedule")]

    result = run(args, tmp_path)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    expected = [
        ("bass.E001", "SECRET_KEY is not set", "SECRET_KEY=\"$(python3 -c 'import secrets"),
        ("bass.E002", "static files are not collected", "collectstatic --noinput"),
    ]
    if process not in PAGES:
        expected = expected[:1]  # the worker, beat and migrate render no page
    assert len(refusals(output)) == len(expected), output
    lines = output.splitlines()
    for code, what, remedy in expected:
        first = next(i for i, line in enumerate(lines) if what in line)
        assert "refuses to start" in lines[first]
        assert remedy in lines[first + 1]
        assert code in lines[first + 2]
    # Refused before anything touched the database (migrate did not create it).
    assert not (tmp_path / "db.sqlite3").exists()


def test_with_a_key_only_the_static_files_are_refused(tmp_path: Path) -> None:
    result = run(COMMANDS["runserver"], tmp_path, SECRET_KEY="a-real-secret-for-this-test-only")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert refusals(output) == [
        f"BASS Ambitions refuses to start: DEBUG is off and the static files are not "
        f"collected ({tmp_path / 'static' / 'staticfiles.json'} is missing)."
    ]
    assert "Traceback" not in output


def test_the_published_development_key_given_explicitly_is_refused(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text("{}")
    result = run(COMMANDS["migrate"], tmp_path, SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert len(refusals(output)) == 1
    assert "bass.E001" in output
    assert "Traceback" not in output


def test_check_deploy_reports_both_as_errors(tmp_path: Path) -> None:
    result = run(["manage.py", "check", "--deploy"], tmp_path)
    assert result.returncode == 1
    assert "(bass.E001)" in result.stderr
    assert "(bass.E002)" in result.stderr
    assert "Traceback" not in result.stderr
