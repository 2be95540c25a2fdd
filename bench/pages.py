"""How fast the main pages answer under load, at 1x (the demo) and 10x: ``bin/benchmark pages``.

For each size it builds its own PostgreSQL database (``bass_bench_1x``, ``bass_bench_10x``;
dropped and rebuilt unless ``--reuse``): ``migrate``, ``load_demo``, and for 10x the generator
of ``bench/generate.py``. It serves that database with gunicorn (``bench.settings``: the app's
settings and middleware, ``DEBUG`` off, a random ``SECRET_KEY``, ``ALLOWED_HOSTS=127.0.0.1``,
static files collected to a throwaway folder, Redis db 9 as the cache) and drives each main
page with wrk on loopback, signed in as the person who would open it (a session made with
Django's ``SessionStore``, sent as a cookie).

Beside each page, in the same run and with the same session, two ceilings: *bare* (a constant
response through the same gunicorn and middleware) and *signed-in* (session and user loaded,
a one-line template: the least a signed-in page can cost). The machine is shared, so the
ratios page / ceiling are the figures to compare between runs; the absolute req/s move.

Queries and HTML size per page come from one request with Django's test client in a separate
process against the same database (``CaptureQueriesContext``, after a warm-up request).
At 10x it also times the two status-report PDFs on the same generated region
(``bench/pdfs.py``'s timing child). Results are printed and written to BENCHMARKS.md (the
section between the ``pages`` markers; the PDF benchmark's section is kept).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://bass:bass@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/9"  # db 9 is the benchmark's own
SIZES = {"1x": "1×", "10x": "10×"}
START, END = "<!-- pages:start -->", "<!-- pages:end -->"

# The targets, at 10x.
MIN_SHARE_OF_SIGNED_IN = 20.0  # per cent of the signed-in ceiling's req/s
MAX_P95_MS = 150.0
MAX_PDF_SLOWDOWN = 20.0  # per cent fewer req/s of a page while a PDF renders on the worker
PDF_TARGETS = {"specialty_report": 2.0, "programme_report": 20.0}  # seconds


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    persona: str  # owner, lead, core, steering


PAGES = [
    Page("home", "Mine specialer (/)", "owner"),
    Page("specialty_list", "Specialer", "owner"),
    Page("specialty", "Speciale", "owner"),
    Page("strategic", "Strategisk ambition", "owner"),
    Page("challenges", "Udfordringer", "owner"),
    Page("decisions", "Beslutningsregister", "steering"),
    Page("overview", "Programoverblik", "steering"),
    Page("site", "Matrikel (flest handlinger)", "steering"),
    Page("professional", "Faglig ambition (oversigt)", "lead"),
    Page("framework", "Rammer for indsatsområdet (største)", "lead"),
    Page("focus_area", "Konkretisering af handlinger (største fokusområde)", "core"),
    Page("status", "Status og fremdrift", "owner"),
    Page("traceability", "Sporbarhed", "owner"),
]


# -- In a child process, on one size's database ------------------------------------------------


def _inspect(pages: list[Page] = PAGES) -> dict[str, Any]:
    """The pages' URLs, a session per persona, and the queries and HTML size of ``pages``."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from ambitions.models import AreaFramework, InterventionFocusArea
    from bench import generate, pdfs
    from people.models import ProgrammeRole, User
    from specialties.models import Membership, Site, Specialty

    actions = "professional_ambition__frameworks__focus_areas__actions"
    specialty = Specialty.objects.annotate(n=Count(actions)).order_by("-n", "pk").first()
    assert specialty is not None
    members = specialty.memberships.select_related("user").order_by("pk")
    personas: dict[str, Any] = {
        "owner": members.get(role=Membership.Role.OWNER).user,
        "lead": members.filter(role=Membership.Role.IMPLEMENTATION_LEAD).first().user,  # type: ignore[union-attr]
        "core": members.filter(role=Membership.Role.CORE_TEAM).first().user,  # type: ignore[union-attr]
        "steering": User.objects.filter(programme_role=ProgrammeRole.STEERING_GROUP)
        .order_by("pk")
        .first(),
    }
    framework = (
        AreaFramework.objects.filter(ambition__specialty=specialty)
        .annotate(n=Count("focus_areas__actions"))
        .order_by("-n", "pk")
        .first()
    )
    focus_area = (
        InterventionFocusArea.objects.filter(framework__ambition__specialty=specialty)
        .annotate(n=Count("actions"))
        .order_by("-n", "pk")
        .first()
    )
    assert framework is not None
    assert focus_area is not None
    # The acute hospital's view (issue 26) of the site most specialties work at.
    site = Site.objects.annotate(n=Count("specialties")).order_by("-n", "pk").first()
    assert site is not None
    slug = {"slug": specialty.slug}
    urls = {
        "home": reverse("home"),
        "specialty_list": reverse("specialties:list"),
        "specialty": reverse("specialties:detail", kwargs=slug),
        "strategic": reverse("ambitions:detail", kwargs=slug),
        "challenges": reverse("sustainability:challenges", kwargs=slug),
        "decisions": reverse("decision_register"),
        "overview": reverse("programme:overview"),
        "site": reverse("programme:site", kwargs={"pk": site.pk}),
        "professional": reverse("professional:overview", kwargs=slug),
        "framework": reverse("professional:framework", kwargs={**slug, "pk": framework.pk}),
        "focus_area": reverse("professional:focus_area", kwargs={**slug, "pk": focus_area.pk}),
        "status": reverse("professional:status", kwargs=slug),
        "traceability": reverse("professional:traceability", kwargs=slug),
    }
    cookies = {}
    for name, user in personas.items():
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "specialties.auth.MemberBackend"  # as a log-in records
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies[name] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    measured = {}
    for page in pages:
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(personas[page.persona])
        client.get(urls[page.key])  # warm-up: templates compiled, caches filled
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[page.key])
        measured[page.key] = {
            "url": urls[page.key],
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "html_bytes": len(response.content),
        }
    return {
        "specialty": specialty.name,
        "personas": {name: user.username for name, user in personas.items()},
        "cookies": cookies,
        "urls": urls,
        "pages": measured,
        "counts": generate.counts(),
        "pdf_subjects": [asdict(s) for s in pdfs.subjects()],
    }


# -- In the parent: databases, gunicorn and wrk ---------------------------------------------


def _env(database: str, static_root: Path, media_root: Path) -> dict[str, str]:
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=f"{PG}/{database}",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS="false",
        REDIS_URL=REDIS_URL,
        BENCH_STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
    )
    return env


def _psql(sql: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else []


def _exists(database: str) -> bool:
    return (database,) in _psql("SELECT datname FROM pg_database")


def _run(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def build(size: str, database: str, env: dict[str, str], seed: int) -> None:
    """A fresh database of one size. Only ever drops its own ``bass_bench_*`` database."""
    assert database.startswith("bass_bench_"), database
    started = time.perf_counter()
    _psql(f'DROP DATABASE IF EXISTS "{database}"')
    _psql(f'CREATE DATABASE "{database}"')
    _run(env, "manage.py", "migrate", "--verbosity", "0")
    _run(env, "manage.py", "load_demo")
    if size == "10x":
        _run(env, "-m", "bench.generate", "--seed", str(seed))
    print(f"  built {database} in {time.perf_counter() - started:.0f} s", flush=True)


def _redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Gunicorn:
    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        self.port = _free_port()
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {log}")
            if _get(self.base + "/bench/bare/", "")[0] == 200:
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


def _get(url: str, cookie: str) -> tuple[int, str]:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
        conn.request("GET", parts.path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    except OSError:
        return 0, ""


@dataclass(frozen=True)
class Load:
    """One wrk run: 20 concurrent connections on loopback for --duration seconds."""

    requests: int
    duration_us: int
    bytes: int
    non2xx: int
    socket_errors: int
    p50_us: int
    p95_us: int
    p99_us: int
    mean_us: float

    @property
    def rps(self) -> float:
        return self.requests / (self.duration_us / 1e6) if self.duration_us else 0.0

    @property
    def errors(self) -> int:
        return self.non2xx + self.socket_errors


def _drain(base: str) -> None:
    """Wait until the requests wrk left queued are served. When wrk stops, up to one
    request per connection is still in gunicorn's backlog; with a slow page that is seconds
    of work, which would otherwise be charged to the next run."""
    deadline, fast = time.monotonic() + 120, 0
    while fast < 3 and time.monotonic() < deadline:
        started = time.perf_counter()
        _get(base + "/bench/bare/", "")
        fast = fast + 1 if time.perf_counter() - started < 0.05 else 0


def wrk(url: str, cookie: str, duration: float, connections: int, threads: int) -> Load:
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--timeout", "30s",
        "-s", str(ROOT / "bench" / "wrk.lua"), url,
    ]  # fmt: skip
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    _drain(url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    line = next(x for x in out.stdout.splitlines() if x.startswith("BENCH "))
    return Load(**json.loads(line[len("BENCH ") :]))


@dataclass(frozen=True)
class Result:
    size: str
    page: Page
    url: str
    persona: str
    queries: int
    html_bytes: int
    load: Load
    bare: Load
    signed_in: Load
    alone_ms: float  # the median of three requests one at a time, on an idle server

    @property
    def p95(self) -> str:
        """p95 in ms, or "> duration" when no request finished within the run."""
        if not self.load.requests:
            return f"> {self.load.duration_us / 1e6:.0f} s"
        return _ms(self.load.p95_us)

    @property
    def share_bare(self) -> float:
        return 100 * self.load.rps / self.bare.rps if self.bare.rps else 0.0

    @property
    def share_signed_in(self) -> float:
        return 100 * self.load.rps / self.signed_in.rps if self.signed_in.rps else 0.0


def measure_size(
    size: str, info: dict[str, Any], server: Gunicorn, args: argparse.Namespace
) -> list[Result]:
    results = []
    for page in PAGES:
        data = info["pages"][page.key]
        cookie = info["cookies"][page.persona]
        url = server.base + data["url"]
        status, location = _get(url, cookie)
        if status != 200:
            print(f"  ! {page.key}: HTTP {status} {location}", flush=True)
        # Every worker compiles its templates and opens its connection before the clock.
        wrk(url, cookie, min(2.0, args.duration), args.connections, args.threads)
        bare = wrk(server.base + "/bench/bare/", "", args.duration, args.connections, args.threads)
        signed_in = wrk(
            server.base + "/bench/signed-in/", cookie, args.duration, args.connections, args.threads
        )
        load = wrk(url, cookie, args.duration, args.connections, args.threads)
        alone = []
        for _ in range(3):
            started = time.perf_counter()
            _get(url, cookie)
            alone.append(1000 * (time.perf_counter() - started))
        result = Result(
            SIZES[size],
            page,
            data["url"],
            info["personas"][page.persona],
            data["queries"],
            data["html_bytes"],
            load,
            bare,
            signed_in,
            sorted(alone)[1],
        )
        results.append(result)
        print(
            f"  {SIZES[size]:4} {page.key:15} {load.rps:7.1f} req/s "
            f"({result.share_bare:5.1f} % of bare {bare.rps:6.0f}, "
            f"{result.share_signed_in:5.1f} % of signed-in {signed_in.rps:6.0f})  "
            f"p95 {result.p95:>9} ms  alone {result.alone_ms:6.0f} ms  errors {load.errors}  "
            f"queries {data['queries']}  {data['html_bytes'] / 1024:.0f} KiB",
            flush=True,
        )
    return results


# The page measured while a programme report renders, and the niceness the worker runs at in
# the worker lowers itself to (settings.WORKER_NICENESS, config/celery.py): PDFs yield to pages.
DURING_PDF_PAGE = "status"
WORKER_NICENESS = 10


def pages_during_pdf(
    info: dict[str, Any],
    server: Gunicorn,
    env: dict[str, str],
    workdir: Path,
    args: argparse.Namespace,
) -> list[dict[str, Any]]:
    """Status og fremdrift under load: alone, then while the programme report renders over and
    over in another process, as a worker would (at the worker's niceness, and at none)."""
    subject = next(s for s in info["pdf_subjects"] if s["kind"] == "programme_report")
    job = {
        "kind": subject["kind"],
        "specialty_id": subject["specialty_id"],
        "object_id": subject["object_id"],
        "repeat": 1000,  # stopped when the run is over
        "html": str(workdir / "during.html"),
        "mode": "timing",
    }
    page = info["pages"][DURING_PDF_PAGE]
    cookie = info["cookies"][next(p.persona for p in PAGES if p.key == DURING_PDF_PAGE)]
    url = server.base + page["url"]
    child_env = {k: v for k, v in env.items() if k != "REDIS_URL"}
    command = [sys.executable, "-m", "bench.pdfs", "--child", json.dumps(job)]
    rows = []
    for label, niceness in (
        ("alone", None),
        ("PDF at nice 10", WORKER_NICENESS),
        ("PDF at nice 0", 0),
    ):
        renderer = None
        if niceness is not None:
            renderer = subprocess.Popen(  # noqa: S603 - our own module
                [shutil.which("nice") or "/usr/bin/nice", "-n", str(niceness), *command],
                cwd=ROOT,
                env=child_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(3)  # past its start-up, into the rendering
        try:
            load = wrk(url, cookie, args.duration, args.connections, args.threads)
        finally:
            if renderer is not None:
                renderer.kill()
                renderer.wait()
        _drain(server.base)
        rows.append({"label": label, "rps": load.rps, "p95_us": load.p95_us, "errors": load.errors})
        print(f"  during PDF: {label:15} {load.rps:7.1f} req/s  p95 {load.p95_us / 1000:.0f} ms")
    return rows


def time_pdfs(info: dict[str, Any], env: dict[str, str], workdir: Path) -> list[dict[str, Any]]:
    """The two status reports at 10x, timed by bench/pdfs.py's child on this database."""
    from bench import pdfs

    rows = []
    saved = os.environ.copy()
    os.environ.clear()
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)  # render in-process; nothing is queued
    try:
        for subject in info["pdf_subjects"]:
            if subject["kind"] not in PDF_TARGETS:
                continue
            job = {
                "kind": subject["kind"],
                "specialty_id": subject["specialty_id"],
                "object_id": subject["object_id"],
                "repeat": 1,
                "html": str(workdir / f"{subject['kind']}.html"),
                "mode": "timing",
            }
            timing = pdfs.Timing(**pdfs._run_child(workdir, job))
            rows.append(
                {
                    "kind": subject["kind"],
                    "label": subject["label"],
                    "app": timing.app,
                    "html": timing.html,
                    "bare": timing.bare,
                    "pages": timing.pages,
                    "html_kib": timing.html_kib,
                    "runs": len(timing.app_times),
                }
            )
            print(
                f"  PDF {subject['kind']:18} app {timing.app:6.2f} s (HTML {timing.html:5.2f} s, "
                f"WeasyPrint alone {timing.bare:6.2f} s), {timing.pages} pages",
                flush=True,
            )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return rows


# -- The report -------------------------------------------------------------------------------


def _ms(us: float) -> str:
    return f"{us / 1000:.1f}"


def verdicts(
    results: list[Result],
    pdf_rows: list[dict[str, Any]],
    during: list[dict[str, Any]] | None = None,
) -> list[tuple[str, bool]]:
    """Each of the issue's targets at 10x, as (what, met)."""
    checks = []
    by_size = {(r.size, r.page.key): r for r in results}
    for r in results:
        if r.size != SIZES["10x"]:
            continue
        name = r.page.label
        checks.append(
            (
                f"{name}: ≥ {MIN_SHARE_OF_SIGNED_IN:g} % of the signed-in ceiling "
                f"({r.share_signed_in:.1f} %)",
                r.share_signed_in >= MIN_SHARE_OF_SIGNED_IN,
            )
        )
        checks.append(
            (
                f"{name}: p95 < {MAX_P95_MS:g} ms ({r.p95} ms)",
                bool(r.load.requests) and r.load.p95_us < MAX_P95_MS * 1000,
            )
        )
        checks.append((f"{name}: no errors ({r.load.errors})", r.load.errors == 0))
        small = by_size.get((SIZES["1x"], r.page.key))
        if small is not None:
            checks.append(
                (
                    f"{name}: same queries at 1× and 10× ({small.queries} / {r.queries})",
                    small.queries == r.queries,
                )
            )
    for row in pdf_rows:
        limit = PDF_TARGETS[row["kind"]]
        checks.append(
            (f"PDF {row['kind']} at 10×: < {limit:g} s ({row['app']:.2f} s)", row["app"] < limit)
        )
    if during:
        alone, worker = during[0], during[1]
        slower = _slowdown(alone, worker)
        checks.append(
            (
                f"a programme PDF rendering (worker at nice {WORKER_NICENESS}) slows "
                f"Status og fremdrift by ≤ {MAX_PDF_SLOWDOWN:g} % ({slower:.0f} %)",
                slower <= MAX_PDF_SLOWDOWN,
            )
        )
    return checks


def _slowdown(alone: dict[str, Any], during: dict[str, Any]) -> float:
    """How much fewer requests a second were served, in % of those served alone."""
    return 100 * (1 - during["rps"] / alone["rps"]) if alone["rps"] else 0.0


def report(
    results: list[Result],
    counts: dict[str, dict[str, int]],
    pdf_rows: list[dict[str, Any]],
    args: argparse.Namespace,
    command: str,
    during: list[dict[str, Any]] | None = None,
) -> str:
    lines = [
        "# Benchmarks: pages",
        "",
        "Made by `bin/benchmark pages` (`bench/pages.py`, whose docstring explains the method). "
        f"Each page is driven by wrk on loopback with {args.connections} concurrent connections "
        f"for {args.duration:g} s, signed in as the person named, served by gunicorn "
        f"({args.workers} sync workers) on PostgreSQL with `DEBUG` off. Beside each page, in "
        "the same run: *bare*, a constant response through the same gunicorn and middleware, "
        "and *signed-in*, session and user loaded and a one-line template – the least a "
        "signed-in page can cost. The machine is shared: compare the percentages between runs, "
        "not the absolute req/s. *Errors* are non-2xx responses plus socket errors; *queries* "
        "and *HTML* come from one request with the test client on the same database; *alone* "
        "is the median wall time of three requests one at a time after the run (no queueing). "
        "A p95 of *> N s* means no request finished within the run.",
        "",
        "## Machine and run",
        "",
        f"- Date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Command: `{command}`",
        f"- CPUs (nproc): {os.cpu_count()}; {platform.machine()}, {platform.system()} "
        f"{platform.release()}; load average before the run: {args.load_before}",
        f"- Python {platform.python_version()}, Django {version('django')}, gunicorn "
        f"{version('gunicorn')}, {_first_line(['wrk', '--version'])}, PostgreSQL "
        f"{args.pg_version}",
        f"- Seed of the 10× region: {args.seed}",
        "",
        "## Regions",
        "",
    ]
    names = list(next(iter(counts.values())))
    lines += ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for size, numbers in counts.items():
        lines.append(f"| {size} | " + " | ".join(str(numbers[n]) for n in names) + " |")
    lines += [
        "",
        "## Results",
        "",
        "| size | page | as | req/s | % of bare | % of signed-in | p50 ms | p95 ms | p99 ms | "
        "errors | queries | HTML KiB | alone ms | bare req/s | signed-in req/s | "
        "signed-in p95 ms |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.size} | {r.page.label} | {r.persona} | {r.load.rps:.1f} | "
            f"{r.share_bare:.1f} | {r.share_signed_in:.1f} | {_ms(r.load.p50_us)} | "
            f"{r.p95} | {_ms(r.load.p99_us)} | {r.load.errors} | {r.queries} | "
            f"{r.html_bytes / 1024:.0f} | {r.alone_ms:.0f} | {r.bare.rps:.0f} | "
            f"{r.signed_in.rps:.0f} | "
            f"{_ms(r.signed_in.p95_us)} |"
        )
    if pdf_rows:
        lines += [
            "",
            "## PDFs at 10× (the same generated region)",
            "",
            "Wall-clock medians in one warmed-up process, as `bin/benchmark pdfs` measures them: "
            "*app* is the full render (queries, builder, template, WeasyPrint), *of which HTML* "
            "the part before WeasyPrint, *WeasyPrint alone* the bare render of the same HTML.",
            "",
            "| document | pages | HTML KiB | runs | app s | of which HTML s | WeasyPrint alone s |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in pdf_rows:
            lines.append(
                f"| {row['kind']} ({row['label']}) | {row['pages']} | {row['html_kib']} | "
                f"{row['runs']} | {row['app']:.2f} | {row['html']:.2f} | {row['bare']:.2f} |"
            )
    if during:
        lines += [
            "",
            "## Pages while a PDF renders (10×)",
            "",
            "Status og fremdrift under the same load, alone and while another process renders "
            "the programme report over and over, as a worker does: at niceness "
            f"{WORKER_NICENESS}, as the worker sets itself (`WORKER_NICENESS`), and at none. "
            "Web and worker share the machine's cores here; on machines of their own they would "
            "not meet at all.",
            "",
            "| while | req/s | slower by | p95 ms | errors |",
            "|---|---:|---:|---:|---:|",
        ]
        for row in during:
            lines.append(
                f"| {row['label']} | {row['rps']:.1f} | {_slowdown(during[0], row):.0f} % | "
                f"{_ms(row['p95_us'])} | {row['errors']} |"
            )
    checks = verdicts(results, pdf_rows, during)
    lines += ["", "## Against the targets (10×)", ""]
    if checks:
        met = sum(ok for _, ok in checks)
        lines.append(f"{met} of {len(checks)} met.")
        lines.append("")
        lines += [f"- {'pass' if ok else '**FAIL**'}: {what}" for what, ok in checks]
    else:
        lines.append("Not measured in this run (the targets apply at 10×).")
    return "\n".join(lines) + "\n"


def _first_line(command: list[str]) -> str:
    out = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    return (out.stdout or out.stderr).splitlines()[0].split(" Copyright")[0].strip()


def write_section(path: Path, text: str) -> None:
    """Put the pages section first in ``path``, keeping everything else in it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        before, rest = old.split(START, 1)
        after = rest.split(END, 1)[1]
        new = before + START + "\n" + text + END + after
    else:
        new = START + "\n" + text + END + "\n\n" + old
    path.write_text(new, encoding="utf-8")


# -- Running ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bin/benchmark pages",
        description="The main pages under load with gunicorn, PostgreSQL and wrk, at 1× and 10×.",
    )
    parser.add_argument("--quick", action="store_true", help="1× only, 3 s per wrk run")
    parser.add_argument("--duration", type=float, help="seconds per wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--sizes", default=None, help="comma-separated: 1x,10x")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the 10× region")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    parser.add_argument("--no-pdfs", action="store_true", help="skip the PDF timings at 10×")
    parser.add_argument(
        "--output", type=Path, help="default BENCHMARKS.md; --quick writes only with --output"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "inspect":
        print("INSPECT " + json.dumps(_inspect()))
        return 0
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if not _redis_answers(REDIS_URL):
        # Without it every kept page is computed and each request first waits for the
        # refused connection: the table would measure a broken setup, not the app.
        raise SystemExit(f"Redis does not answer at {REDIS_URL}: start redis-server first")
    args.duration = args.duration or (3.0 if args.quick else 10.0)
    sizes = (args.sizes or ("1x" if args.quick else "1x,10x")).split(",")
    if any(s not in SIZES for s in sizes):
        raise SystemExit(f"--sizes takes {', '.join(SIZES)}")
    output = args.output or (None if args.quick else ROOT / "BENCHMARKS.md")
    args.load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    args.pg_version = str(_psql("SHOW server_version")[0][0]).split(" ")[0]
    given = argv if argv is not None else sys.argv[1:]
    command = ("bin/benchmark pages " + " ".join(given)).strip()

    workdir = Path(tempfile.mkdtemp(prefix="bass-pages-"))
    results: list[Result] = []
    counts: dict[str, dict[str, int]] = {}
    pdf_rows: list[dict[str, Any]] = []
    during: list[dict[str, Any]] = []
    try:
        static_root = workdir / "static"
        for size in sizes:
            database = f"bass_bench_{size}"
            env = _env(database, static_root, workdir / "media")
            print(f"{SIZES[size]} region in {database}", flush=True)
            if not (args.reuse and _exists(database)):
                build(size, database, env, args.seed)
            else:  # kept from an earlier run: brought up to the code's migrations
                _run(env, "manage.py", "migrate", "--verbosity", "0")
            if not static_root.exists():
                _run(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
            out = _run(env, "-m", "bench.pages", "--child", "inspect")
            info = json.loads(next(x for x in out.splitlines() if x.startswith("INSPECT "))[8:])
            counts[SIZES[size]] = info["counts"]
            print(f"  pages of {info['specialty']}", flush=True)
            server = Gunicorn(env, args.workers, workdir / f"gunicorn-{size}.log")
            try:
                results += measure_size(size, info, server, args)
                if size == "10x" and not args.no_pdfs:
                    during = pages_during_pdf(info, server, env, workdir, args)
            finally:
                server.stop()
            if size == "10x" and not args.no_pdfs:
                pdf_rows = time_pdfs(info, env, workdir)
        text = report(results, counts, pdf_rows, args, command, during)
        print()
        print(text)
        if output is not None:
            write_section(output, text)
            print(f"Written to {output}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
