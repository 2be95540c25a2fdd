"""The permission matrix (issue #11, item 9): every URL, persona, method and object.

Generated from the URL conf: every named URL must have an entry in ``tests/url_matrix.py``
(``ROUTES``) or be listed there as exempt with a reason, so a new URL without an
expectation fails here, by name. For each URL the test asks as each persona (anonymous, no
role, another specialty's core team, core team, implementation lead, owner, steering group,
secretariat), with GET, POST and, where the URL has one, the edit mode ``GET ?rediger=1``,
each as a plain and as an HTMX request (real ``HX-Request``/``HX-Target`` headers), for

- *own*: the objects of specialty "a", where the owner, lead and core team are personas;
- *foreign*: the objects of specialty "b", where only "another specialty's core team" is;
- *swapped*: b's ids under a's slug (every id argument swapped on its own, and all of them
  together), which must never reach b's objects: 404 for whoever may act on a's.

Each answer is compared with the rule of the table. Every refusal (login redirect, 403, 404,
405) and every GET must leave the database exactly as it was (a hash of every row of every
table but the sessions); every permitted POST (whose body is valid, so a missing check would
show) must change it. Each request runs in a savepoint that is rolled back, so all of them
start from the same world, built once per module.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import resolve, reverse

from specialties.models import Membership
from tests.url_matrix import (
    DRAFT_MARK,
    EXEMPT_NAMES,
    EXEMPT_PREFIXES,
    LOGIN,
    OK,
    PERSONAS,
    ROUTES,
    Objects,
    Route,
    Rule,
    World,
    build_world,
    is_exempt,
    named_urls,
    role_towards,
)

# The sessions change with every signed-in request, and django-axes logs every log-in and
# log-out in its access log: neither is the app's data.
UNWATCHED_TABLES = {"django_session", "axes_accesslog"}


def test_every_url_has_an_expectation() -> None:
    """A URL added to the URL conf without a row in the table fails here, by name."""
    urls = named_urls()
    missing = sorted(
        name for name in urls if not is_exempt(name, urls[name]) and name not in ROUTES
    )
    assert not missing, (
        "These URLs have no expected answers in tests/url_matrix.py ROUTES (add a row, or "
        "list them as exempt with a reason): " + ", ".join(f"{n} ({urls[n]})" for n in missing)
    )
    stale = sorted(set(ROUTES) - set(urls))
    assert not stale, "ROUTES names URLs that no longer exist: " + ", ".join(stale)
    # Each exemption carries its reason.
    assert all(EXEMPT_PREFIXES.values())
    assert all(EXEMPT_NAMES.values())


# -- The world, once per module -----------------------------------------------------------


@dataclass
class Setup:
    world: World
    clients: dict[str, Client]


@pytest.fixture(scope="module")
def setup(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Setup]:
    media: Path = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        world = build_world()
        clients = {"anonymous": Client()}
        for persona, user in world.users.items():
            clients[persona] = Client()
            clients[persona].force_login(user)
        yield Setup(world, clients)
        transaction.set_rollback(True)


def snapshot() -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of all its rows."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in UNWATCHED_TABLES:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the schema
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


def changed_tables(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> str:
    return ", ".join(t for t in sorted(after) if before.get(t) != after[t]) or "none"


# -- The cases of one URL ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    persona: str
    method: str  # GET, POST or "GET ?rediger=1"
    htmx: bool
    target: str  # own, foreign, or which ids were swapped
    url: str
    data: dict[str, Any]
    expected: frozenset[str | int]
    writes: bool  # whether a permitted request must change the database

    def __str__(self) -> str:
        how = "HTMX " if self.htmx else ""
        return f"{self.persona:<12} {how}{self.method} {self.target}: {self.url}"


def _targets(route: Route, world: World) -> list[tuple[str, str, Objects, dict[str, Any]]]:
    """(target, side whose roles count, objects for the body, URL kwargs)."""
    if not route.per_specialty:
        return [("-", "a", world.a, route.kwargs(world.a))]
    own, foreign = route.kwargs(world.a), route.kwargs(world.b)
    targets = [("own", "a", world.a, own), ("foreign", "b", world.b, foreign)]
    if "slug" not in own:
        return targets
    ids = [k for k, v in own.items() if isinstance(v, int) and v != foreign[k]]
    swaps = [[k] for k in ids] + ([ids] if len(ids) > 1 else [])
    for keys in swaps:
        swapped = {**own, **{k: foreign[k] for k in keys}}
        targets.append((f"swapped {'+'.join(keys)}", "swapped", world.a, swapped))
    return targets


def _expected(rule: Rule | None, persona: str, side: str) -> frozenset[str | int]:
    if rule is None:
        return frozenset({405})
    if side != "swapped":
        return frozenset({rule.expect(role_towards(persona, side))})
    # b's object under a's slug: never found for whoever may act on a's; whoever may not
    # is refused as for a's own objects (403 or 404, depending on which is checked first).
    on_own = rule.expect(role_towards(persona, "a"))
    if on_own == OK:
        return frozenset({404})
    if on_own == 403:
        return frozenset({403, 404})
    return frozenset({on_own})


def cases(name: str, route: Route, world: World) -> list[Case]:
    methods: list[tuple[str, Rule | None]] = [("GET", route.get), ("POST", route.post)]
    if route.edit_get is not None:
        methods.append(("GET ?rediger=1", route.edit_get))
    found = []
    for target, side, objects, kwargs in _targets(route, world):
        url = reverse(name, kwargs=kwargs or None)
        body = route.data(objects) if route.post is not None else {}
        for method, rule in methods:
            # A refused method is refused before any view code runs: once is enough. Swapped
            # ids are about finding objects, not about the response's shape: plain only.
            variants = [False] if rule is None or side == "swapped" else [False, True]
            for persona in PERSONAS:
                for htmx in variants:
                    found.append(
                        Case(
                            persona=persona,
                            method=method,
                            htmx=htmx,
                            target=target,
                            url=url + ("?rediger=1" if method.endswith("=1") else ""),
                            data=body if method == "POST" else {},
                            expected=_expected(rule, persona, side),
                            writes=route.writes and method == "POST",
                        )
                    )
    url = reverse(name, kwargs=route.kwargs(world.a) or None)
    for body in route.bodies:
        data = body.data(world)
        for persona in PERSONAS:
            for htmx in (False, True):
                found.append(
                    Case(
                        persona=persona,
                        method="POST",
                        htmx=htmx,
                        target=f"body ({body.name})",
                        url=url,
                        data=data,
                        expected=frozenset({body.rule.expect(role_towards(persona, "a"))}),
                        writes=body.writes,
                    )
                )
    return found


def outcome(response: HttpResponse) -> str | int:
    if response.status_code in (301, 302, 303):
        path = urlsplit(response["Location"]).path
        return LOGIN if resolve(path).url_name == "login" else OK
    if response.status_code in (200, 204):
        return OK
    return response.status_code


def ask(client: Client, case: Case, route: Route) -> HttpResponse:
    headers = {}
    if case.htmx:
        headers = {
            "HX-Request": "true",
            "HX-Target": route.hx_target,
            "HX-Current-URL": f"http://testserver{case.url}",
        }
    if case.method == "POST":
        return client.post(case.url, case.data, headers=headers)  # type: ignore[return-value]
    return client.get(case.url, headers=headers)  # type: ignore[return-value]


# -- The matrix ----------------------------------------------------------------------------

STATS = {"urls": 0, "requests": 0, "refusals": 0, "reads": 0, "writes": 0, "seconds": 0.0}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_permission_matrix(name: str, setup: Setup) -> None:
    started = time.monotonic()
    route = ROUTES[name]
    world = setup.world
    if route.prepare is not None:
        route.prepare(world)
    baseline = snapshot()
    problems = []
    for case in cases(name, route, world):
        STATS["requests"] += 1
        with transaction.atomic():
            client = setup.clients[case.persona]
            before = baseline
            if route.fresh_client and case.persona != "anonymous":
                client = Client()
                client.force_login(world.users[case.persona])
                before = snapshot()
            try:
                got = outcome(ask(client, case, route))
            except Exception as error:  # reported with the case
                problems.append(f"{case} -> raised {error!r}")
                transaction.set_rollback(True)
                continue
            if got not in case.expected:
                problems.append(f"{case} -> {got}, expected {' or '.join(map(str, case.expected))}")
            refused = got != OK
            if refused or case.method != "POST":
                STATS["refusals"] += refused
                STATS["reads"] += not refused
                after = snapshot()
                if after != before:
                    problems.append(f"{case} -> {got} but changed: {changed_tables(before, after)}")
            elif case.writes:
                STATS["writes"] += 1
                if snapshot() == before:
                    problems.append(f"{case} -> permitted, but the POST changed nothing")
            transaction.set_rollback(True)
    STATS["urls"] += 1
    STATS["seconds"] += time.monotonic() - started
    assert not problems, f"{name}: {len(problems)} unexpected answers:\n" + "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_the_learning_rule_shows_the_programme_only_what_was_approved(
    name: str, setup: Setup
) -> None:
    """Specialty a is approved and under revision, its draft marked with ``DRAFT_MARK``.
    Every page of a that another specialty's person may read (plain and as HTMX) shows
    the approved version and never the draft (issue 25, items 3 and 4)."""
    route = ROUTES[name]
    world = setup.world
    if route.get is None or route.get.expect(role_towards("other_core", "a")) != OK:
        return
    if route.prepare is not None:
        route.prepare(world)
    url = reverse(name, kwargs=route.kwargs(world.a) or None)
    client = setup.clients["other_core"]
    for htmx in (False, True):
        case = dataclasses.replace(_case("other_core", "GET", url, {}), htmx=htmx)
        response = ask(client, case, route)
        body = (
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            if response.streaming
            else response.content
        )
        how = "HTMX " if htmx else ""
        assert DRAFT_MARK.encode() not in body, f"{name}: the draft shows at {how}{url}"


@pytest.mark.django_db
def test_the_draft_mark_is_there_for_the_specialtys_own_people(setup: Setup) -> None:
    """The learning-rule pass is not empty: the specialty's owner reads the draft."""
    slug = setup.world.a.slug
    page = setup.clients["owner"].get(reverse("sustainability:challenges", args=[slug]))
    assert DRAFT_MARK in page.content.decode()
    trace = setup.clients["owner"].get(reverse("professional:traceability", args=[slug]))
    assert DRAFT_MARK in trace.content.decode()


# The specialty's own people who are removed in the removed-member pass (issue 25, item 3).
REMOVED = ("core", "lead", "owner")


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_removed_member_is_answered_as_an_outsider(name: str, setup: Setup) -> None:
    """Each of specialty a's people first uses the URL (so whatever is kept for them is
    warm), then loses every role in a, and asks again with the same session: every method
    answers as it answers a signed-in person with no role, and a refusal changes nothing.
    Nothing kept may let a removed member keep access (issue 25, items 1 and 3)."""
    route = ROUTES[name]
    world = setup.world
    if route.prepare is not None:
        route.prepare(world)
    methods: list[tuple[str, Rule | None]] = [("GET", route.get), ("POST", route.post)]
    if route.edit_get is not None:
        methods.append(("GET ?rediger=1", route.edit_get))
    url = reverse(name, kwargs=route.kwargs(world.a) or None)
    body = route.data(world.a) if route.post is not None else {}
    problems = []
    for persona in REMOVED:
        with transaction.atomic():
            client = Client()
            client.force_login(world.users[persona])
            for method, _rule in methods:
                if method != "POST":  # warm what is kept for them; reads change nothing
                    ask(client, _case(persona, method, url, {}), route)
            Membership.objects.filter(
                user=world.users[persona], specialty__slug=world.a.slug
            ).delete()
            for method, rule in methods:
                expected = _expected(rule, "no_role", "a")
                case = _case(persona, method, url, body if method == "POST" else {})
                before = snapshot()
                try:
                    got = outcome(ask(client, case, route))
                except Exception as error:  # reported with the case
                    problems.append(f"removed {case} -> raised {error!r}")
                    break
                if got not in expected:
                    problems.append(
                        f"removed {case} -> {got}, expected {' or '.join(map(str, expected))}"
                    )
                if got != OK and snapshot() != before:
                    problems.append(f"removed {case} -> {got} but changed the database")
            transaction.set_rollback(True)
    assert not problems, f"{name}: {len(problems)} unexpected answers:\n" + "\n".join(problems)


def _case(persona: str, method: str, url: str, data: dict[str, Any]) -> Case:
    return Case(
        persona=persona,
        method=method,
        htmx=False,
        target="own",
        url=url + ("?rediger=1" if method.endswith("=1") else ""),
        data=data,
        expected=frozenset(),
        writes=False,
    )


@pytest.mark.django_db
def test_matrix_size(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    """Every route is asked by every persona with GET and POST, plain and as HTMX; and when
    the matrix ran before this test (pytest keeps a module's order), it sent exactly those
    requests. Then says how big it was."""
    for route in ROUTES.values():  # what a route's cases name exists once it is prepared
        if route.prepare is not None:
            route.prepare(setup.world)
    planned = {name: cases(name, route, setup.world) for name, route in ROUTES.items()}
    for name, route_cases in planned.items():
        assert {c.persona for c in route_cases} == set(PERSONAS), name
        assert {c.method for c in route_cases} >= {"GET", "POST"}, name
    total = sum(map(len, planned.values()))
    assert total >= len(ROUTES) * len(PERSONAS) * 3
    if STATS["urls"]:
        assert STATS["urls"] == len(ROUTES)
        assert STATS["requests"] == total
        assert STATS["refusals"] + STATS["reads"] + STATS["writes"] <= total
        assert STATS["writes"] > 0
        assert STATS["refusals"] > STATS["reads"] > 0
    with capsys.disabled():
        print(
            "\npermission matrix: {urls} URLs x {p} personas, {requests} requests; "
            "unchanged database checked after {refusals} refusals and {reads} permitted "
            "reads; {writes} permitted writes seen to write; {seconds:.1f} s".format(
                p=len(PERSONAS), **STATS
            )
        )
