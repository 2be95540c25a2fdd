"""Where one request of a page spends its time: ``python -m bench.profile --size 10x PAGE ...``.

Runs against the page benchmark's database of that size (build it first with
``bin/benchmark pages``; ``--reuse`` keeps it), with ``bench.settings`` and ``DEBUG`` off, and
for each page named (the keys of ``bench/pages.py``'s ``PAGES``; default: all) makes one warm-up
request and then one measured request with the test client, as the benchmark's persona, and
prints:

- the wall time, the queries and the HTML size;
- the model objects instantiated, per model (a ``post_init`` receiver counts them);
- the template nodes with the most *own* time (their children's time taken off), by template
  and line, with how often each ran: the per-row template work;
- pyinstrument's call tree of the request (``--html DIR`` also writes it as HTML).
"""

from __future__ import annotations

import argparse
import collections
import os
import time
from pathlib import Path
from typing import Any

from bench.pages import PAGES, PG


def _template_timer() -> tuple[dict[Any, float], collections.Counter[Any], Any]:
    """Wrap ``Node.render_annotated`` to sum each node's own time, keyed by template and line."""
    from django.template import base

    own: dict[Any, float] = collections.defaultdict(float)
    calls: collections.Counter[Any] = collections.Counter()
    original = base.Node.render_annotated
    stack: list[float] = []  # the time of children, per open node

    def render_annotated(self: Any, context: Any) -> Any:
        stack.append(0.0)
        started = time.perf_counter()
        try:
            return original(self, context)
        finally:
            spent = time.perf_counter() - started
            children = stack.pop()
            if stack:
                stack[-1] += spent
            token = getattr(self, "token", None)
            origin = getattr(self, "origin", None)
            key = (
                getattr(origin, "template_name", None) or "?",
                getattr(token, "lineno", 0),
                type(self).__name__,
                (getattr(token, "contents", "") or "")[:70],
            )
            own[key] += spent - children
            calls[key] += 1

    base.Node.render_annotated = render_annotated  # type: ignore[method-assign]
    return own, calls, original


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("pages", nargs="*", help="page keys (default: all)")
    parser.add_argument("--size", default="10x", choices=["1x", "10x"])
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--html", type=Path, help="write pyinstrument's HTML here")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = f"{PG}/bass_bench_{args.size}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models.signals import post_init
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from bench import pages as bench_pages

    # The test client with the real static storage would need collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    info = bench_pages._inspect(pages=[])  # URLs and personas only
    from people.models import User

    wanted = args.pages or [p.key for p in PAGES]
    for page in [p for p in PAGES if p.key in wanted]:
        url = info["urls"][page.key]
        user = User.objects.get(username=info["personas"][page.persona])
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        client.get(url)  # warm-up

        objects: collections.Counter[str] = collections.Counter()

        def count(sender: Any, **kwargs: Any) -> None:
            objects[sender.__name__] += 1  # noqa: B023 - read right after the request

        post_init.connect(count, weak=False)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            plain = time.perf_counter() - started
        post_init.disconnect(count)
        captured = list(queries.captured_queries)  # later requests reset the log

        own, calls, original = _template_timer()
        client.get(url)
        from django.template import base

        base.Node.render_annotated = original  # type: ignore[method-assign]

        profiler = Profiler(interval=0.0005)
        profiler.start()
        client.get(url)
        profiler.stop()

        print("=" * 100)
        print(
            f"{page.key} {url} as {user.username}: {plain * 1000:.0f} ms, "
            f"{len(captured)} queries "
            f"({sum(float(q['time']) for q in captured) * 1000:.0f} ms in the "
            f"database), {len(response.content) / 1024:.0f} KiB HTML, "
            f"{sum(objects.values())} model objects"
        )
        print("  objects:", ", ".join(f"{n} {m}" for m, n in objects.most_common()))
        total = sum(own.values())
        print(f"  template nodes by own time (total {total * 1000:.0f} ms):")
        for key, spent in sorted(own.items(), key=lambda item: -item[1])[: args.top]:
            name, line, kind, contents = key
            node = (
                f"{{{{ {contents} }}}}" if kind == "VariableNode" else f"{kind} {{% {contents} %}}"
            )
            print(f"    {spent * 1000:7.1f} ms {calls[key]:6}x {name}:{line} {node}")
        print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True))
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            (args.html / f"{args.size}-{page.key}.html").write_text(profiler.output_html())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
