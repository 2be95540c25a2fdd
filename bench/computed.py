"""What users meet after a write: ``bin/benchmark computed``.

``bin/benchmark pages`` measures kept pages under wrk. This measures the pages that add up the
whole region when they are *computed*, the first request after a write, as well as kept,
and a mixed load, on the same 10x region (``bench/generate.py``) served by gunicorn on
PostgreSQL with Redis, ``DEBUG`` off (``bench.pages``' database, settings and server):

- *computed*: a writer process saves a change through a service (a milestone added to a
  random action of a random specialty, as "Konkretisering af handlinger" does), then one
  request is timed; the median of ``--samples`` such pairs. *kept*: the median of three
  requests right after, nothing written in between. Pages: Programoverblik, the open status
  round's page (one round of every specialty is opened if there is none), the overview's
  and the actions' exports (CSV and Excel), and Søg ("visitation", "ventelister");
- *mixed*: 20 reader threads request Programoverblik, the round's page, the overview's
  CSV export, the two searches and the biggest specialty's Status og fremdrift at random,
  one after the other each, while the writer saves a change every 2 s in a random
  specialty; p50/p95/p99 per page and the errors (non-200 or no answer);
- the ceilings of the same run: *bare* and *signed-in* (``bench.views``), as a median of
  single requests.

``--code DIR`` serves another checkout of the app (for a "before" figure: ``git archive``
of an older commit) on the same database, with this benchmark driving it. The database is
built by this checkout's migrations; an older checkout ignores what it does not know.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.pages import ROOT, _env, _exists, _free_port, _run, build

DATABASE = "bass_bench_figures"
MIXED_READERS = 20
WRITE_EVERY_S = 2.0


# -- In child processes, on the benchmark's database -------------------------------------------


def _setup() -> dict[str, Any]:
    """Sessions, the pages' URLs, and an open round of every specialty (opened if none)."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from bench import generate
    from people.models import ProgrammeRole, User
    from rounds import services as round_services
    from rounds.models import StatusRound
    from specialties.models import Specialty

    steering = User.objects.filter(programme_role=ProgrammeRole.STEERING_GROUP).order_by("pk")[0]
    secretariat = User.objects.filter(programme_role=ProgrammeRole.SECRETARIAT).order_by("pk")[0]
    today = timezone.localdate()
    round_ = StatusRound.objects.filter(closed_at__isnull=True).order_by("pk").first()
    if round_ is None:
        round_ = round_services.round_open(
            name="Benchmark",
            period_start=today.replace(day=1),
            period_end=today,
            deadline=today,
            specialties=list(Specialty.objects.all()),
            by=secretariat,
        )
    actions = "professional_ambition__frameworks__focus_areas__actions"
    biggest = Specialty.objects.annotate(n=Count(actions)).order_by("-n", "pk")[0]
    cookies = {}
    for name, user in {"steering": steering, "secretariat": secretariat}.items():
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "specialties.auth.MemberBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies[name] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    search = reverse("programme:search")
    pages = {
        "Programoverblik": reverse("programme:overview"),
        "Statusrunde": reverse("rounds:detail", args=[round_.pk]),
        "Eksport overblik CSV": reverse("programme:overview_export", args=["csv"]),
        "Eksport overblik Excel": reverse("programme:overview_export", args=["xlsx"]),
        "Eksport handlinger CSV": reverse("programme:actions_export", args=["csv"]),
        "Eksport handlinger Excel": reverse("programme:actions_export", args=["xlsx"]),
        "Søg visitation": search + "?q=visitation",
        "Søg ventelister": search + "?q=ventelister",
    }
    return {
        "cookie": cookies["secretariat"],
        "pages": pages,
        "mixed_extra": {
            "Status og fremdrift": reverse("professional:status", kwargs={"slug": biggest.slug})
        },
        "counts": generate.counts(),
    }


def _writer() -> None:
    """Saves a change through a service for each line read ("write"), answering "ok"."""
    import django

    django.setup()
    import datetime

    from django.utils import timezone

    from ambitions.models import Action
    from ambitions.professional import services

    ids = list(Action.objects.values_list("pk", flat=True))
    rng = random.Random(2026)  # noqa: S311 - a benchmark's choice, not a secret
    for line in sys.stdin:
        if line.strip() != "write":
            continue
        action = Action.objects.select_related("responsible").get(pk=rng.choice(ids))
        services.milestone_add(
            action=action,
            by=action.responsible,
            title="Benchmark",
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        )
        print("ok", flush=True)


# -- In the parent --------------------------------------------------------------------------


class Server:
    """gunicorn serving ``code`` (a checkout of the app) with ``bench.settings``."""

    def __init__(self, env: dict[str, str], code: Path, workers: int, log: Path) -> None:
        self.port = _free_port()
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                *[sys.executable, "-m", "gunicorn", "config.wsgi:application"],
                *["--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)],
                *["--timeout", "120", "--log-level", "warning"],
            ],
            cwd=code,
            env={**env, "PYTHONPATH": str(code)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {log}")
            if get(self.port, "/bench/bare/", "")[0] == 200:
                return
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def get(port: int, url: str, cookie: str) -> tuple[int, float]:
    """One GET (path and query) read to the end: its status (0: no answer) and seconds."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        response.read()
        status = response.status
        conn.close()
    except OSError:
        status = 0
    return status, time.perf_counter() - started


class Writer:
    def __init__(self, env: dict[str, str], code: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.computed", "--child-writer"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lock = threading.Lock()

    def write(self) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        with self.lock:
            self.process.stdin.write("write\n")
            self.process.stdin.flush()
            if self.process.stdout.readline().strip() != "ok":
                raise SystemExit("the writer failed")

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(20)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def computed_and_kept(
    port: int, cookie: str, pages: dict[str, str], writer: Writer, samples: int
) -> dict[str, dict[str, Any]]:
    result = {}
    for label, url in pages.items():
        computed, kept, statuses = [], [], set()
        for _ in range(samples):
            writer.write()
            status, seconds = get(port, url, cookie)
            statuses.add(status)
            computed.append(seconds)
            for _ in range(3):
                status, seconds = get(port, url, cookie)
                statuses.add(status)
                kept.append(seconds)
        result[label] = {
            "computed_ms": 1000 * statistics.median(computed),
            "kept_ms": 1000 * statistics.median(kept),
            "statuses": sorted(statuses),
        }
        print(
            f"  {label}: computed {result[label]['computed_ms']:.0f} ms, "
            f"kept {result[label]['kept_ms']:.0f} ms {sorted(statuses)}",
            flush=True,
        )
        if statuses != {200}:
            # A page that fails answers fast: its time says nothing, so no table is written.
            raise SystemExit(f"{label} answered {sorted(statuses)}; see the gunicorn log")
    return result


def mixed(
    port: int, cookie: str, pages: dict[str, str], writer: Writer, duration: float
) -> dict[str, dict[str, Any]]:
    times: dict[str, list[float]] = {label: [] for label in pages}
    errors: dict[str, int] = dict.fromkeys(pages, 0)
    stop = time.monotonic() + duration
    labels = list(pages)

    def reader(seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311
        while time.monotonic() < stop:
            label = rng.choice(labels)
            status, seconds = get(port, pages[label], cookie)
            times[label].append(seconds)  # list.append is atomic under the GIL
            if status != 200:
                errors[label] += 1

    def writing() -> None:
        while time.monotonic() < stop:
            writer.write()
            time.sleep(WRITE_EVERY_S)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(MIXED_READERS)]
    threads.append(threading.Thread(target=writing))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        label: {
            "requests": len(values),
            "p50_ms": 1000 * _percentile(values, 0.50) if values else None,
            "p95_ms": 1000 * _percentile(values, 0.95) if values else None,
            "p99_ms": 1000 * _percentile(values, 0.99) if values else None,
            "errors": errors[label],
        }
        for label, values in times.items()
    }


def run(code: Path, samples: int, duration: float, workers: int, env: dict[str, str]) -> dict:
    setup = json.loads(
        subprocess.run(
            [sys.executable, "-m", "bench.computed", "--child-setup"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    log = Path(tempfile.gettempdir()) / "bench-computed-gunicorn.log"
    server = Server(env, code, workers, log)
    writer = Writer(env, code)
    try:
        cookie = setup["cookie"]
        for _ in range(3):  # warm-up: templates compiled, connections made
            get(server.port, "/bench/signed-in/", cookie)
        ceilings = {
            "bare_ms": 1000
            * statistics.median(get(server.port, "/bench/bare/", "")[1] for _ in range(20)),
            "signed_in_ms": 1000
            * statistics.median(
                get(server.port, "/bench/signed-in/", cookie)[1] for _ in range(20)
            ),
        }
        print(f"  ceilings: {ceilings}", flush=True)
        single = computed_and_kept(server.port, cookie, setup["pages"], writer, samples)
        # The pages people read in a meeting; of the exports the overview's.
        reading = [
            "Programoverblik",
            "Statusrunde",
            "Eksport overblik CSV",
            "Søg visitation",
            "Søg ventelister",
        ]
        load = mixed(
            server.port,
            cookie,
            {**{k: setup["pages"][k] for k in reading}, **setup["mixed_extra"]},
            writer,
            duration,
        )
    finally:
        writer.stop()
        server.stop()
    return {"counts": setup["counts"], "ceilings": ceilings, "single": single, "mixed": load}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child-setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-writer", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--samples", type=int, default=3, help="computed requests per page")
    parser.add_argument("--mixed", type=float, default=30.0, help="seconds of mixed load")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--out", type=Path, help="write the results here as JSON")
    args = parser.parse_args(argv)
    if args.child_setup:
        print(json.dumps(_setup()))
        return 0
    if args.child_writer:
        _writer()
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="bench-computed-"))
    env = _env(DATABASE, workdir / "static", workdir / "media")
    env["REDIS_URL"] = args.redis_url
    if not (args.reuse and _exists(DATABASE)):
        build("10x", DATABASE, env, 2026)
    else:  # kept from an earlier run: brought up to the code's migrations
        _run(env, "manage.py", "migrate", "--verbosity", "0")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=args.code,
        env={**env, "PYTHONPATH": str(args.code)},
        check=True,
    )
    result = run(args.code.resolve(), args.samples, args.mixed, args.workers, env)
    result["code"] = str(args.code)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    raise SystemExit(main())
