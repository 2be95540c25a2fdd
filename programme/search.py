"""Search across the ambitions' parts, challenges, intervention areas, actions and comments.

On PostgreSQL it is full-text search with the Danish configuration: words are stemmed
("ventelisten" finds "ventelister"). Each searchable record keeps its words in a stored,
GIN-indexed ``search_vector`` that a trigger updates on every write (``bass.search_triggers``),
so a search reads the index, not every record's text; the hits are ranked, and only the
hits shown are marked by ``ts_headline`` (a second query for those few). On SQLite
(development, the quick test run) a plain fallback finds the records that contain every
word, ranks them by how often the words occur and marks them in Python. Either way only
what the person may read is searched:

- everything of the specialties whose working copy the person reads
  (``permissions.can_view_ambition``);
- learning across specialties (``permissions.LEARNING_RULE``): of the other specialties
  with an approved version, the actions of the professional ambition and what the approved
  page shows: the approved version's parts, core challenges and intervention areas
  (``VersionSection``, frozen with the version), also while a revision is drafted; never
  the working copy, other challenges or comments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    Action,
    AmbitionPart,
    Comment,
    InterventionArea,
    PartKind,
    VersionSection,
)
from bass import text as bass_text
from bass.permissions import AnyUser
from specialties import permissions as specialty_permissions
from specialties.models import Specialty
from sustainability.models import Challenge

MIN_QUERY_LENGTH = 2
PER_KIND = 25
CONFIG = "danish"
# ts_headline's markers: control characters no one types, replaced by <mark> after the
# text around them is escaped, so nothing a person wrote becomes HTML.
START, STOP = "\x02", "\x03"

KIND_LABELS: dict[str, str | Promise] = {
    "part": _("Part of a strategic ambition"),
    "challenge": _("Challenge"),
    "area": _("Strategic intervention area"),
    "action": _("Action"),
    "comment": _("Comment"),
}


@dataclass(frozen=True)
class Hit:
    kind: str
    specialty: Specialty
    title: str
    snippet: SafeString
    url: str
    rank: float

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass(frozen=True)
class Readable:
    """The specialty pks whose content the person may search, by how much."""

    full: set[int]  # working copy, challenges, comments, actions
    approved_only: set[int]  # learning: actions, and the approved version's sections
    approved_versions: set[int]  # the approved versions of ``approved_only``


def readable(user: AnyUser) -> tuple[Readable, dict[int, Specialty]]:
    specialties = {s.pk: s for s in Specialty.objects.with_people()}
    full = {pk for pk, s in specialties.items() if specialty_permissions.can_view_ambition(user, s)}
    learning = {
        pk
        for pk, s in specialties.items()
        if pk not in full and ambition_permissions.can_view_professional_ambition(user, s)
    }
    versions = {
        version
        for pk in learning
        if (ambition := getattr(specialties[pk], "strategic_ambition", None)) is not None
        and (version := ambition.approved_version_id) is not None
    }
    return Readable(full=full, approved_only=learning, approved_versions=versions), specialties


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Source:
    """One kind of record: its queryset (limited to what may be read), the fields searched
    (the first is the title), and how a hit links and names its specialty."""

    kind: str
    queryset: QuerySet
    fields: Sequence[str]
    specialty: Callable[[Any], int]
    title: Callable[[Any], str]
    url: Callable[[Any, Specialty, bool], str]


def _sources(allowed: Readable) -> list[Source]:
    everything = allowed.full | allowed.approved_only

    def detail(slug: str, anchor: str, full: bool) -> str:
        name = "ambitions:detail" if full else "ambitions:approved"
        return reverse(name, kwargs={"slug": slug}) + anchor

    return [
        Source(
            "part",
            AmbitionPart.objects.filter(ambition__specialty_id__in=allowed.full).select_related(
                "ambition"
            ),
            ["text"],
            lambda p: p.ambition.specialty_id,
            lambda p: str(p.get_kind_display()),
            lambda p, s, full: detail(s.slug, f"#{p.anchor}", True),
        ),
        Source(
            # The approved page of another specialty: its parts, core challenges and areas.
            "approved",
            VersionSection.objects.filter(version_id__in=allowed.approved_versions).annotate(
                specialty_pk=F("version__ambition__specialty_id")
            ),
            ["title", "text"],
            lambda v: v.specialty_pk,
            lambda v: v.title or str(PartKind(v.part).label),
            lambda v, s, full: detail(s.slug, f"#approved-{v.part}", False),
        ),
        Source(
            "challenge",
            Challenge.objects.filter(specialty_id__in=allowed.full),
            ["title", "description"],
            lambda c: c.specialty_id,
            lambda c: c.title,
            lambda c, s, full: (
                reverse("sustainability:challenges", kwargs={"slug": s.slug}) + f"#challenge-{c.pk}"
            ),
        ),
        Source(
            "area",
            InterventionArea.objects.filter(ambition__specialty_id__in=allowed.full).select_related(
                "ambition"
            ),
            ["title", "description"],
            lambda a: a.ambition.specialty_id,
            lambda a: a.title,
            lambda a, s, full: detail(s.slug, "#part-section-strategiske-indsatsomraader", True),
        ),
        Source(
            "action",
            Action.objects.filter(
                focus_area__framework__ambition__specialty_id__in=everything
            ).annotate(specialty_pk=F("focus_area__framework__ambition__specialty_id")),
            ["title", "purpose", "success_criteria", "process_goals"],
            lambda a: a.specialty_pk,
            lambda a: a.title,
            lambda a, s, full: (
                reverse(
                    "professional:focus_area",
                    kwargs={"slug": s.slug, "pk": a.focus_area_id},
                )
                + f"#action-{a.pk}"
            ),
        ),
        Source(
            "comment",
            Comment.objects.filter(part__ambition__specialty_id__in=allowed.full)
            .select_related("part__ambition")
            .annotate(specialty_pk=F("part__ambition__specialty_id")),
            ["text"],
            lambda c: c.specialty_pk,
            lambda c: str(c.part.get_kind_display()),
            lambda c, s, full: detail(s.slug, f"#{c.part.anchor}", True),
        ),
    ]


def _document(fields: Sequence[str]) -> Concat | F:
    if len(fields) == 1:
        return F(fields[0])
    parts: list[object] = []
    for name in fields:
        if parts:
            parts.append(Value(" · "))
        parts.append(F(name))
    return Concat(*parts, output_field=TextField())


def _marked(headline: str) -> SafeString:
    """``ts_headline``'s output, escaped, with its markers turned into ``<mark>``."""
    text = escape(bass_text.unmarked(headline))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def words_of(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query.lower()) if len(w) >= MIN_QUERY_LENGTH]


def _plain_snippet(text: str, words: Sequence[str]) -> SafeString:
    """Up to 200 characters around the first match, escaped, the words in ``<mark>``."""
    text = bass_text.unmarked(text)
    lower = text.lower()
    first = min((i for w in words if (i := lower.find(w)) >= 0), default=0)
    start = max(0, first - 60)
    excerpt = Truncator(text[start:]).chars(200)
    if start:
        excerpt = "…" + excerpt
    escaped = str(escape(excerpt))
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.sub(
            f"({re.escape(escape(word))})",
            lambda m: START + m.group(1) + STOP,
            escaped,
            flags=re.IGNORECASE,
        )
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _ranked(source: Source, query: str) -> list[tuple[Any, float, SafeString]]:
    """PostgreSQL: the best ``PER_KIND`` records by their stored vector (the GIN index
    finds them), then the marked excerpt of those only: ``ts_headline`` reads the whole text
    of each record it marks, so it never runs for a record that is not shown."""
    search_query = SearchQuery(query, config=CONFIG, search_type="websearch")
    found = list(
        source.queryset.filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by("-rank", "pk")[:PER_KIND]
    )
    if not found:
        return []
    headlines = dict(
        source.queryset.model.objects.filter(pk__in=[r.pk for r in found])
        .annotate(
            headline=SearchHeadline(
                _document(source.fields),
                search_query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
            )
        )
        .values_list("pk", "headline")
    )
    return [(r, float(r.rank), _marked(headlines[r.pk])) for r in found]


def _plain(source: Source, words: Sequence[str]) -> list[tuple[Any, float, SafeString]]:
    """SQLite: the records that contain every word, ranked by how often they occur."""
    condition = Q()
    for word in words:
        condition &= Q(*[Q(**{f"{f}__icontains": word}) for f in source.fields], _connector=Q.OR)
    rows = []
    for r in source.queryset.filter(condition).annotate(document=_document(source.fields))[
        :PER_KIND
    ]:
        text = str(r.document)
        rank = sum(text.lower().count(w) for w in words) / (1 + len(text) / 500)
        rows.append((r, rank, _plain_snippet(text, words)))
    return rows


def search(user: AnyUser, query: str) -> list[Hit]:
    """The records matching ``query`` that ``user`` may read, the best first."""
    query = query.strip()
    words = words_of(query)
    if not words:
        return []
    allowed, specialties = readable(user)
    if not allowed.full and not allowed.approved_only:
        return []
    hits: list[Hit] = []
    for source in _sources(allowed):
        rows = _ranked(source, query) if is_postgresql() else _plain(source, words)
        for record, rank, snippet in rows:
            specialty = specialties[source.specialty(record)]
            full = specialty.pk in allowed.full
            hits.append(
                Hit(
                    # An approved section is found as what it is: a part, challenge or area.
                    kind=record.kind if source.kind == "approved" else source.kind,
                    specialty=specialty,
                    title=source.title(record),
                    snippet=snippet,
                    url=source.url(record, specialty, full),
                    rank=rank,
                )
            )
    return sorted(hits, key=lambda h: -h.rank)
