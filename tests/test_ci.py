"""The service start-up of .ci/run (``.ci/services.sh``), with stand-ins for the Debian
commands (issue #11, item 6).

CI once took PostgreSQL to be up because *a* cluster was online (a second one, on another
port), started nothing, waited 30 s for port 5432 without complaint and ran 470 tests into
"connection refused". Now the cluster configured for the port is the one checked and
started, and a service that does not answer stops CI with a message naming it.
"""

import os
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / ".ci" / "services.sh"


def stand_in(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    """Two clusters: 16/other online on 5433, 15/main down on 5432. pg_ctlcluster records
    what it is asked; pg_isready answers on 5432 only once 15/main was started."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    stand_in(
        bin_dir,
        "pg_lsclusters",
        "cat <<'END'\n"
        "16  other 5433 online postgres /var/lib/postgresql/16/other /var/log/x.log\n"
        "15  main  5432 down   postgres /var/lib/postgresql/15/main  /var/log/y.log\n"
        "END\n",
    )
    stand_in(bin_dir, "pg_ctlcluster", f'echo "pg_ctlcluster $*" >> {log}\n')
    stand_in(
        bin_dir,
        "pg_isready",
        f'case "$*" in *"-p 5432"*) grep -q "15 main start" {log} 2>/dev/null ;; '
        "*) exit 0 ;; esac\n",
    )
    return tmp_path


def run(machine: Path, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    path = f"{machine / 'bin'}:{os.environ['PATH']}"
    return subprocess.run(  # noqa: S603 - our own script and arguments
        ["bash", "-c", f"set -euo pipefail; . {SERVICES}; {script}"],  # noqa: S607
        env={**os.environ, "PATH": path, "CI_WAIT_SECONDS": "2", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_cluster_on_our_port_is_started_though_another_is_online(machine: Path) -> None:
    result = run(machine, 'start_postgres 5432; echo "started=$PG_STARTED cluster=$PG_CLUSTER"')
    assert result.returncode == 0, result.stderr
    assert (machine / "log").read_text().splitlines() == ["pg_ctlcluster 15 main start"]
    assert "started=1 cluster=15 main" in result.stdout


def test_an_online_cluster_on_our_port_is_left_alone(machine: Path) -> None:
    result = run(machine, 'start_postgres 5433; echo "started=[$PG_STARTED]"')
    assert result.returncode == 0, result.stderr
    assert not (machine / "log").exists()
    assert "started=[]" in result.stdout


def test_no_cluster_on_the_port_stops_with_a_message(machine: Path) -> None:
    result = run(machine, "start_postgres 5999; echo reached")
    assert result.returncode != 0
    assert "no PostgreSQL cluster is configured for port 5999" in result.stderr
    assert "reached" not in result.stdout


def test_a_cluster_that_never_answers_stops_with_a_message(machine: Path) -> None:
    stand_in(machine / "bin", "pg_isready", "exit 2\n")
    result = run(machine, "start_postgres 5432; echo reached")
    assert result.returncode != 0
    assert "PostgreSQL 15/main on 127.0.0.1:5432 did not answer within 2 s" in result.stderr
    assert "reached" not in result.stdout


def test_redis_that_never_answers_stops_with_a_message(machine: Path) -> None:
    stand_in(machine / "bin", "redis-cli", "exit 1\n")
    stand_in(machine / "bin", "redis-server", "exit 0\n")
    result = run(machine, f"start_redis 6399 {machine / 'redis.pid'}; echo reached")
    assert result.returncode != 0
    assert "Redis on 127.0.0.1:6399 did not answer within 2 s" in result.stderr
    assert "reached" not in result.stdout


def test_ci_run_uses_these_functions_and_the_port_it_exports() -> None:
    run_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ". .ci/services.sh" in run_script
    assert 'start_postgres "$pg_port"' in run_script
    assert "pg_lsclusters -h | awk '{print $4}' | grep -q online" not in run_script
    assert 'DATABASE_URL="postgres://bass:bass@127.0.0.1:${pg_port}/bass"' in run_script
