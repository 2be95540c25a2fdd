"""The content of a strategic ambition as data: what a version freezes and what is compared.

``snapshot(ambition)`` turns the working copy into plain JSON (parts, core challenges,
intervention areas). A frozen ``AmbitionVersion.content`` has the same shape, so any two
versions, or a version and the working copy, compare section by section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ambitions.models import (
    AmbitionPart,
    AmbitionVersion,
    InterventionArea,
    PartKind,
    StrategicAmbition,
    VersionSection,
)
from bass.history import DiffChunk, word_diff
from sustainability.models import Challenge, LensAnswer

CONTENT_FORMAT = 1


def snapshot(ambition: StrategicAmbition) -> dict[str, Any]:
    """The working copy as JSON-serialisable data, in document order."""
    parts = AmbitionPart.objects.filter(ambition=ambition).order_by("order")
    challenges = (
        Challenge.objects.filter(specialty_id=ambition.specialty_id, is_core=True)
        .select_related("primary_perspective")
        .prefetch_related(
            Prefetch(
                "lens_answers",
                queryset=LensAnswer.objects.select_related("perspective").order_by(
                    "perspective__order"
                ),
            ),
            "focus_areas",
        )
        .order_by("core_order", "pk")
    )
    areas = (
        InterventionArea.objects.filter(ambition=ambition)
        .prefetch_related("challenges", "perspectives")
        .order_by("order", "pk")
    )
    return {
        "format": CONTENT_FORMAT,
        "parts": [{"kind": p.kind, "text": p.text} for p in parts],
        "core_challenges": [
            {
                # The live id, so what was approved can be told from later drafts (the
                # learning rule's readers, ``ambitions.professional.learning``).
                "id": c.pk,
                "title": c.title,
                "description": c.description,
                "primary_perspective": c.primary_perspective.name,
                "lenses": [
                    {"perspective": a.perspective.name, "text": a.text}
                    for a in c.lens_answers.all()
                ],
                "focus_areas": [f.name for f in c.focus_areas.all()],
            }
            for c in challenges
        ],
        "intervention_areas": [
            {
                "id": a.pk,
                "title": a.title,
                "description": a.description,
                "challenges": [c.title for c in a.challenges.all()],
                "perspectives": [p.name for p in a.perspectives.all()],
            }
            for a in areas
        ],
    }


def version_sections(version: AmbitionVersion) -> list[VersionSection]:
    """The frozen content as the search finds it, unsaved: each written part, each core
    challenge (with its lenses) and each intervention area, under the part of the approved
    page that shows it. A part's title is its kind's label, given when it is shown."""
    frozen = version.content
    sections = [
        VersionSection(
            version=version, kind=VersionSection.Kind.PART, part=p["kind"], text=p["text"]
        )
        for p in frozen.get("parts", [])
        if p["text"].strip()
    ]
    for c in frozen.get("core_challenges", []):
        lenses = [f"{lens['perspective']}: {lens['text']}" for lens in c.get("lenses", [])]
        sections.append(
            VersionSection(
                version=version,
                kind=VersionSection.Kind.CHALLENGE,
                part=PartKind.CHALLENGES,
                title=c["title"][:300],
                text="\n".join([c.get("description", ""), *lenses]).strip(),
            )
        )
    sections += [
        VersionSection(
            version=version,
            kind=VersionSection.Kind.AREA,
            part=PartKind.INTERVENTION_AREAS,
            title=a["title"][:300],
            text=a.get("description", ""),
        )
        for a in frozen.get("intervention_areas", [])
    ]
    for order, section in enumerate(sections):
        section.order = order
    return sections


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    text: str


def sections(content: dict[str, Any]) -> list[Section]:
    """A content as titled text sections, the unit that versions are compared in."""
    texts = {p["kind"]: p["text"] for p in content.get("parts", [])}
    result = []
    for kind in PartKind:
        result.append(Section(kind.value, str(kind.label), texts.get(kind.value, "")))
        if kind == PartKind.CHALLENGES:
            result.append(
                Section(
                    "core-challenges-list",
                    _("The core challenges, in order"),
                    _challenges_text(content.get("core_challenges", [])),
                )
            )
        if kind == PartKind.INTERVENTION_AREAS:
            result.append(
                Section(
                    "intervention-areas-list",
                    _("The intervention areas"),
                    _areas_text(content.get("intervention_areas", [])),
                )
            )
    return result


def _challenges_text(challenges: list[dict[str, Any]]) -> str:
    blocks = []
    for i, c in enumerate(challenges, start=1):
        lines = [f"{i}. {c['title']} ({c['primary_perspective']})"]
        if c.get("description"):
            lines.append(c["description"])
        lines += [f"{lens['perspective']}: {lens['text']}" for lens in c.get("lenses", [])]
        if c.get("focus_areas"):
            lines.append(_("Focus areas") + ": " + ", ".join(c["focus_areas"]))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _areas_text(areas: list[dict[str, Any]]) -> str:
    blocks = []
    for i, a in enumerate(areas, start=1):
        lines = [f"{i}. {a['title']}"]
        if a.get("description"):
            lines.append(a["description"])
        if a.get("challenges"):
            lines.append(_("Answers") + ": " + ", ".join(a["challenges"]))
        if a.get("perspectives"):
            lines.append(_("Perspectives") + ": " + ", ".join(a["perspectives"]))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@dataclass(frozen=True)
class SectionDiff:
    key: str
    title: str
    changed: bool
    chunks: list[DiffChunk]


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[SectionDiff]:
    """Two contents, section by section."""
    old_sections = {s.key: s for s in sections(old)}
    result = []
    for section in sections(new):
        before = old_sections[section.key].text
        changed = before != section.text
        chunks = word_diff(before, section.text) if changed else [DiffChunk("same", before)]
        result.append(SectionDiff(section.key, section.title, changed, chunks))
    return result


def changed_titles(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [d.title for d in compare(old, new) if d.changed]
