"""How long the documents take to make, and how much memory, on the demo region and on a
region ten times larger: ``bin/benchmark pdfs`` (``python -m bench.pdfs``).

It never touches anyone's data: before Django starts, it points ``DATABASE_URL`` at a new
SQLite file in a throwaway folder (``MEDIA_ROOT`` too, and no Redis), migrates it and loads
the demo region (``load_demo``). The ten-times region is the page benchmark's: the demo
filled up by ``bench/generate.py`` (about 30 specialties, 6,000 actions, 50,000 measurements,
300 people; ``--seed`` makes it the same region every run), so the documents are timed on
the same data as the pages (``bin/benchmark pages`` times the two status reports on it too,
on PostgreSQL).

For each document kind and region, three child processes are started, each warmed up by
rendering a tiny document first (fonts, Pango and WeasyPrint's caches, as in a worker that
has made a document before):

- *timing*: renders the document once more (templates compiled, database connection open),
  then ``--repeat`` times in turns: the application's full render, as the Celery task does
  it (``render_html``: queries, builder and Django template; then ``pdf.write_pdf``), and
  WeasyPrint alone (*bare*) on the same HTML string with the same options (and more
  times for short documents, within a time budget: the shorter the render, the more a busy
  machine's noise weighs). Taking them in
  turns in one process, each first every other time and each after a garbage collection,
  means a busy machine slows both alike and neither pays for the other's garbage. The
  times are medians; the overhead is the median of (app - bare) / bare over the pairs.
- *app memory* and *bare memory*: one render each in a fresh process, measured as the
  growth of the process's peak resident set (``resource.getrusage(RUSAGE_SELF).ru_maxrss``,
  everything including the C libraries), then one more under ``tracemalloc`` for the peak
  of Python allocations (apart from the timing: tracing slows Python down).

The results go to ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import io
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zlib
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    # kind: (region, seconds): the targets for the app's wall time
    "specialty_report": (None, 2.0),
    "programme_report": ("10×", 20.0),
}
ORDER = ["strategic_ambition", "framework", "actions", "status", "specialty_report"]
MAX_OVERHEAD = 20.0  # per cent of WeasyPrint's bare render
TIME_BUDGET = 12.0  # seconds of timing per document, beyond the --repeat pairs
MAX_RUNS = 40
TINY = '<!DOCTYPE html><html lang="da"><title>Varm op</title><p>Varm op – æøå ÆØÅ</p></html>'


def _throwaway_environment(workdir: Path) -> None:
    """Point the settings at the throwaway database and folder (for every child process)."""
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'benchmark.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.pop("REDIS_URL", None)  # Celery eager: nothing leaves the process
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")


def _setup_django() -> None:
    import django

    django.setup()


# -- The regions ------------------------------------------------------------------------------


def build_demo() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())


def region_counts() -> dict[str, int]:
    from ambitions.models import (
        Action,
        AreaFramework,
        InterventionFocusArea,
        Measurement,
        Milestone,
        ProgressIndicator,
    )
    from people.models import User
    from specialties.models import Specialty
    from sustainability.models import Challenge

    return {
        "specialties": Specialty.objects.count(),
        "people": User.objects.count(),
        "challenges": Challenge.objects.count(),
        "frameworks": AreaFramework.objects.count(),
        "focus areas": InterventionFocusArea.objects.count(),
        "actions": Action.objects.count(),
        "milestones": Milestone.objects.count(),
        "indicators": ProgressIndicator.objects.count(),
        "measurements": Measurement.objects.count(),
    }


# -- What is measured -------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """One document to measure: its kind and identity, and a label for the table."""

    kind: str
    specialty_id: int | None
    object_id: int | None
    label: str


def subjects() -> list[Subject]:
    """One document of each kind, of the specialty with the most actions (and the most
    actions in a focus area), so the per-specialty documents are the demo's largest."""
    from django.db.models import Count

    from ambitions.models import AreaFramework, InterventionFocusArea, StrategicAmbition
    from specialties.models import Specialty

    specialty = (
        Specialty.objects.annotate(
            n=Count("professional_ambition__frameworks__focus_areas__actions")
        )
        .order_by("-n", "pk")
        .first()
    )
    assert specialty is not None
    found = [
        Subject("specialty_report", specialty.pk, None, specialty.name),
        Subject("programme_report", None, None, "all specialties"),
    ]
    ambition = StrategicAmbition.objects.filter(specialty=specialty).first()
    if ambition is not None:
        number = ambition.approved_version.number if ambition.approved_version else None
        found.append(
            Subject(
                "strategic_ambition",
                specialty.pk,
                number,
                f"{specialty.name}, version {number}" if number else specialty.name,
            )
        )
    framework = (
        AreaFramework.objects.filter(ambition__specialty=specialty).order_by("order").first()
    )
    focus_area = (
        InterventionFocusArea.objects.filter(framework__ambition__specialty=specialty)
        .annotate(n=Count("actions"))
        .order_by("-n", "pk")
        .first()
    )
    if framework is not None:
        found += [
            Subject("framework", specialty.pk, framework.pk, framework.title),
            Subject("status", specialty.pk, None, specialty.name),
        ]
    if focus_area is not None:
        found.append(Subject("actions", specialty.pk, focus_area.pk, focus_area.title))
    order = [*ORDER, "programme_report"]
    return sorted(found, key=lambda s: order.index(s.kind))


@dataclass(frozen=True)
class Timing:
    """Wall times of the app's and WeasyPrint's renders, taken in turns in one process so
    that a busy machine slows both alike."""

    app_times: list[float]
    html_times: list[float]  # the part of app_times before WeasyPrint: queries and template
    bare_times: list[float]
    pages: int
    html_kib: int

    @property
    def app(self) -> float:
        return statistics.median(self.app_times)

    @property
    def html(self) -> float:
        return statistics.median(self.html_times)

    @property
    def bare(self) -> float:
        return statistics.median(self.bare_times)


@dataclass(frozen=True)
class Memory:
    rss_growth_kib: int  # ru_maxrss growth during the first render after the warm-up
    python_peak_kib: int  # tracemalloc's peak during one more render


def _child(job: dict[str, Any]) -> None:
    """In a fresh process: build a region, or warm up and then time both renders, or
    measure one's memory."""
    _setup_django()
    if job["mode"] in ("demo", "tenfold"):
        if job["mode"] == "demo":
            build_demo()
        else:
            from bench import generate

            generate.generate(generate.TENFOLD, job["seed"])
        print(json.dumps({"counts": region_counts(), "subjects": [asdict(s) for s in subjects()]}))
        return
    import weasyprint
    from django.conf import settings
    from weasyprint.urls import URLFetcher

    from documents import pdf, rendering

    def bare(html: str) -> bytes:
        document = weasyprint.HTML(
            string=html,
            base_url=settings.SITE_URL + "/",
            url_fetcher=URLFetcher(allowed_protocols={"data"}),
        )
        data: bytes = document.write_pdf(pdf_variant=pdf.PDF_VARIANT)
        return data

    def app() -> tuple[str, bytes]:
        rendered = rendering.render_html(job["kind"], job["specialty_id"], job["object_id"])
        return rendered.html, pdf.write_pdf(rendered.html)

    html_path = Path(job["html"])
    bare(TINY)  # fonts, Pango and WeasyPrint's caches, as in a worker that is running
    if job["mode"] == "timing":
        html, data = app()  # the templates compiled and the connection open, likewise
        html_path.write_text(html, encoding="utf-8")
        app_times, html_times, bare_times = [], [], []

        def time_app() -> None:
            nonlocal data
            gc.collect()
            started = time.perf_counter()
            rendered = rendering.render_html(job["kind"], job["specialty_id"], job["object_id"])
            html_times.append(time.perf_counter() - started)
            data = pdf.write_pdf(rendered.html)
            app_times.append(time.perf_counter() - started)

        def time_bare() -> None:
            gc.collect()
            started = time.perf_counter()
            bare(html)
            bare_times.append(time.perf_counter() - started)

        # At least --repeat pairs, and more for small documents until the time budget is
        # spent: the shorter the render, the more a busy machine's noise weighs.
        started_all, run = time.perf_counter(), 0
        while run < job["repeat"] or (
            time.perf_counter() - started_all < TIME_BUDGET and run < MAX_RUNS
        ):
            # In turns, each first every other time, each from a collected heap: neither
            # pays for the other's garbage or profits from going second.
            for measure_one in (time_app, time_bare) if run % 2 == 0 else (time_bare, time_app):
                measure_one()
            run += 1
        timing = Timing(app_times, html_times, bare_times, _pages(data), len(html.encode()) // 1024)
        print(json.dumps(asdict(timing)))
        return

    if job["mode"] == "app":

        def render() -> object:
            return app()

    else:
        html = html_path.read_text(encoding="utf-8")

        def render() -> object:
            return bare(html)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    render()
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    tracemalloc.start()
    render()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps(asdict(Memory(rss_growth_kib=growth, python_peak_kib=peak // 1024))))


def _pages(data: bytes) -> int:
    """The number of pages, read from the PDF's (compressed) objects."""
    objects = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            objects.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", b"".join(objects)))


def _run_child(workdir: Path, job: dict[str, Any]) -> Any:
    out = subprocess.run(  # noqa: S603 - this very module, with our own arguments
        [sys.executable, "-m", "bench.pdfs", "--child", json.dumps(job)],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(workdir: Path, region: str, subject: Subject, repeat: int) -> Row:
    """Time first (it also writes the HTML the bare memory child renders), then memory."""
    job = {
        "kind": subject.kind,
        "specialty_id": subject.specialty_id,
        "object_id": subject.object_id,
        "repeat": repeat,
        "html": str(workdir / f"{region}-{subject.kind}.html"),
    }
    timing = Timing(**_run_child(workdir, {**job, "mode": "timing"}))
    app = Memory(**_run_child(workdir, {**job, "mode": "app"}))
    bare = Memory(**_run_child(workdir, {**job, "mode": "bare"}))
    return Row(region, subject, timing, app, bare)


# -- The report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    region: str
    subject: Subject
    timing: Timing
    app: Memory
    bare: Memory

    @property
    def overhead(self) -> float:
        """(app - bare) / bare in per cent, the median over the pairs of renders."""
        t = self.timing
        return 100 * statistics.median(
            (a - b) / b for a, b in zip(t.app_times, t.bare_times, strict=True)
        )

    @property
    def html_share(self) -> float:
        """The app's own work (queries and template) against the bare render, in per cent:
        the overhead without the noise of two WeasyPrint runs."""
        t = self.timing
        return 100 * statistics.median(
            h / b for h, b in zip(t.html_times, t.bare_times, strict=True)
        )

    def target(self) -> str:
        region, seconds = TARGETS.get(self.subject.kind, (None, None))
        if seconds is None or (region is not None and region != self.region):
            return ""
        met = "met" if self.timing.app < seconds else "**missed**"
        return f"< {seconds:g} s: {met}"


def _mib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def write_report(
    path: Path,
    rows: list[Row],
    counts: dict[str, dict[str, int]],
    command: str,
    repeat: int,
    seed: int,
) -> None:
    labels = {
        "strategic_ambition": "Strategisk ambition",
        "framework": "Rammer for indsatsområdet",
        "actions": "Konkretisering af handlinger",
        "status": "Status og fremdrift",
        "specialty_report": "Specialty status report",
        "programme_report": "Programme status report",
    }
    lines = [
        "# Benchmarks: PDF documents",
        "",
        "Made by `bin/benchmark pdfs` (`bench/pdfs.py`, whose docstring explains the method)"
        ". Times are wall-clock medians of renders taken in turns in one warmed-up process; "
        "*app* is the application's full render (queries, builder, Django template and "
        "WeasyPrint, as the Celery task does it), *bare* is WeasyPrint alone on the same HTML "
        "string with the same options; *of which HTML* is the app's part before WeasyPrint "
        "(queries, builder and template); *overhead* is (app − bare) / bare and *HTML / bare* "
        "the app's own work against the bare render, both medians over the pairs of renders "
        "(the second is free of the noise between two WeasyPrint runs). Memory, each in a "
        "fresh warmed-up process: *RSS growth* is the growth of the process's peak resident "
        "set (`resource.getrusage(RUSAGE_SELF).ru_maxrss`, C libraries included) during one "
        "render; *Python peak* is the peak of Python allocations (`tracemalloc`) during "
        "another.",
        "",
        "## Machine and run",
        "",
        f"- Date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Command: `{command}`",
        f"- CPUs (nproc): {os.cpu_count()}; {platform.machine()}, {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}, WeasyPrint {version('weasyprint')}, "
        f"Django {version('django')}, SQLite {sqlite3.sqlite_version} (a throwaway file)",
        f"- Pairs of renders per document: at least {repeat}, more for short documents "
        f"(up to {MAX_RUNS}, within {TIME_BUDGET:g} s); seed of the ten-times region: {seed}",
        "",
        "## Regions",
        "",
        "| | " + " | ".join(counts["demo"]) + " |",
        "|---|" + "---:|" * len(counts["demo"]),
    ]
    for region, numbers in counts.items():
        lines.append(f"| {region} | " + " | ".join(str(n) for n in numbers.values()) + " |")
    lines += [
        "",
        "## Results",
        "",
        "| region | document | pages | HTML KiB | pairs | app s | of which HTML s | bare s | "
        "overhead | HTML / bare | "
        "app RSS growth MiB | bare RSS growth MiB | app Python peak MiB | "
        "bare Python peak MiB | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        overhead = f"{row.overhead:.1f} %"
        if row.overhead >= MAX_OVERHEAD:
            overhead = f"**{overhead}**"
        lines.append(
            f"| {row.region} | {labels[row.subject.kind]} ({row.subject.label}) | "
            f"{row.timing.pages} | {row.timing.html_kib} | {len(row.timing.app_times)} | "
            f"{row.timing.app:.3f} | "
            f"{row.timing.html:.3f} | {row.timing.bare:.3f} | {overhead} | "
            f"{row.html_share:.1f} % | "
            f"{_mib(row.app.rss_growth_kib)} | "
            f"{_mib(row.bare.rss_growth_kib)} | {_mib(row.app.python_peak_kib)} | "
            f"{_mib(row.bare.python_peak_kib)} | {row.target()} |"
        )
    worst = max(rows, key=lambda r: r.overhead)
    worst_share = max(rows, key=lambda r: r.html_share)
    lines += [
        "",
        "## Against the targets",
        "",
        *[
            f"- {labels[r.subject.kind]}, {r.region}: {r.timing.app:.2f} s ({r.target()})"
            for r in rows
            if r.target()
        ],
        f"- App overhead over the bare render, < {MAX_OVERHEAD:g} %: "
        + ("met" if worst.overhead < MAX_OVERHEAD else "**missed**")
        + f" (largest: {worst.overhead:.1f} %, {labels[worst.subject.kind]}, {worst.region});"
        f" the app's own work (HTML / bare) is at most {worst_share.html_share:.1f} %"
        f" ({labels[worst_share.subject.kind]}, {worst_share.region})",
        "",
    ]
    # Keep what comes before this section (the page benchmark's, bench/pages.py, and the
    # notes on it) in the same file.
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = old.split(lines[0], 1)[0] if lines[0] in old else old.rstrip() + "\n\n" * bool(old)
    path.write_text(kept + "\n".join(lines), encoding="utf-8")


# -- Running ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bin/benchmark",
        description="Time and memory of the PDF documents on the demo and a ten-times region.",
    )
    parser.add_argument(
        "--repeat", type=lambda v: max(1, int(v)), default=6, help="renders per measurement"
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the ten-times region")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(json.loads(args.child))
        return 0

    # This process stays small and never starts Django: on Linux a child's ru_maxrss starts
    # at its parent's peak, which would hide the children's own growth.
    workdir = Path(tempfile.mkdtemp(prefix="bass-benchmark-"))
    command = "bin/benchmark pdfs " + " ".join(argv if argv is not None else sys.argv[1:])
    try:
        _throwaway_environment(workdir)
        print(f"Throwaway database and files in {workdir}", flush=True)
        counts: dict[str, dict[str, int]] = {}
        rows: list[Row] = []
        for region, build in [("demo", "demo"), ("10×", "tenfold")]:
            print(f"Building the {region} region …", flush=True)
            built = _run_child(workdir, {"mode": build, "seed": args.seed})
            counts[region] = built["counts"]
            for subject in [Subject(**s) for s in built["subjects"]]:
                row = measure(workdir, region, subject, args.repeat)
                rows.append(row)
                print(
                    f"{region:5} {subject.kind:20} app {row.timing.app:7.3f} s  "
                    f"bare {row.timing.bare:7.3f} s  overhead {row.overhead:5.1f} %",
                    flush=True,
                )
        write_report(args.output, rows, counts, command.strip(), args.repeat, args.seed)
        print(f"Written to {args.output}")
    finally:
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
