"""The specialty's population picture (issue 26, item 2): who the specialty serves where.

Per site of the specialty, the services it offers there and to which patient groups, drawn
as a sites-by-services grid (one SVG for the page and the PDFs, with a real table next to it
as the accessible alternative), and its named strength positions, each checked against the
programme's "at least two hospitals": two distinct ``Site.hospital``, not two sites (SUH Køge
and SUH Roskilde are one hospital). The specialty's description is the picture's
introduction. Everything is read in two queries after the specialty (``get_specialty``).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from bass.editing import record_as
from bass.history import Change, changes
from people.models import User
from specialties.models import (
    MIN_HOSPITALS_PER_STRENGTH_POSITION,
    Service,
    Site,
    SiteService,
    Specialty,
    StrengthPosition,
)

INK = "#1f2933"
MUTED = "#52606d"
OFFERED = "#0b5cad"
EMPTY = "#f0f4f8"
STRENGTH = "#fff4d6"
FLAG = "#b7410e"
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


@dataclass(frozen=True)
class SiteRow:
    """One site of the specialty: a cell per service (the row offered, or None) and the
    strength positions the site carries."""

    site: Site
    cells: list[SiteService | None]
    strength_positions: list[StrengthPosition]

    @property
    def offered(self) -> list[SiteService]:
        return [cell for cell in self.cells if cell is not None]


@dataclass(frozen=True)
class PopulationPicture:
    specialty: Specialty
    rows: list[SiteRow]
    strength_positions: list[StrengthPosition]

    @property
    def services(self) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in Service.choices]

    @property
    def flagged(self) -> list[StrengthPosition]:
        """The strength positions whose sites are not of at least two hospitals."""
        return [p for p in self.strength_positions if not p.is_met]

    @property
    def is_empty(self) -> bool:
        return not any(row.offered for row in self.rows) and not self.strength_positions

    @property
    def min_hospitals(self) -> int:
        return MIN_HOSPITALS_PER_STRENGTH_POSITION

    @property
    def svg(self) -> SafeString:
        """The grid as drawn on the pages and in the PDFs (each its own document)."""
        return population_svg(self, dom_id="population-grid")


def population_picture(specialty: Specialty) -> PopulationPicture:
    """The picture of a specialty loaded with ``with_people`` (its sites are prefetched)."""
    services = {
        (s.site_id, s.service): s
        for s in SiteService.objects.filter(specialty=specialty).select_related("site")
    }
    positions = list(StrengthPosition.objects.filter(specialty=specialty).prefetch_related("sites"))
    sites = sorted(specialty.sites.all(), key=lambda s: (s.order, s.name))
    rows = [
        SiteRow(
            site=site,
            cells=[services.get((site.pk, value)) for value in Service.values],
            strength_positions=[
                p for p in positions if any(s.pk == site.pk for s in p.sites.all())
            ],
        )
        for site in sites
    ]
    return PopulationPicture(specialty=specialty, rows=rows, strength_positions=positions)


# -- Writing it -------------------------------------------------------------------------------


@transaction.atomic
def introduction_save(*, specialty: Specialty, text: str, by: User) -> None:
    """The picture's introduction: the specialty's description, until now only the admin's."""
    specialty.description = text
    record_as(specialty, by).save(update_fields=["description"])


@transaction.atomic
def site_services_save(
    *, specialty: Specialty, site: Site, offered: dict[str, tuple[str, str]], by: User
) -> None:
    """What the specialty offers at ``site``: ``offered`` maps each offered service to its
    patient groups and (for "other") what it is; a service left out is no longer offered."""
    current = {
        s.service: s
        for s in SiteService.objects.select_for_update().filter(specialty=specialty, site=site)
    }
    for service, gone in current.items():
        if service not in offered:
            record_as(gone, by).delete()
    for service, (groups, other) in offered.items():
        row = current.get(service)
        if row is None:
            record_as(
                SiteService(
                    specialty=specialty,
                    site=site,
                    service=service,
                    patient_groups=groups,
                    other=other,
                ),
                by,
            ).save()
        elif (row.patient_groups, row.other) != (groups, other):
            row.patient_groups, row.other = groups, other
            record_as(row, by).save(update_fields=["patient_groups", "other"])


@transaction.atomic
def strength_position_add(
    *, specialty: Specialty, name: str, sites: list[Site], by: User
) -> StrengthPosition:
    position = record_as(
        StrengthPosition(
            specialty=specialty,
            name=name,
            order=StrengthPosition.objects.filter(specialty=specialty).count(),
        ),
        by,
    )
    position.save()
    position.sites.set(sites)
    return position


@transaction.atomic
def strength_position_remove(*, position: StrengthPosition, by: User) -> None:
    record_as(position, by).delete()


# -- Drawing it --------------------------------------------------------------------------------


def _text(
    x: float,
    y: float,
    body: str,
    *,
    size: int = 11,
    fill: str = INK,
    anchor: str = "start",
    bold: bool = False,
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}"{weight} {FONT}>{escape(body)}</text>'
    )


def population_svg(picture: PopulationPicture, *, dom_id: str) -> SafeString:
    """The sites-by-services grid: a filled square where the specialty offers the service at
    the site, an empty one where not; a site that carries a strength position is tinted and
    starred. The table next to it says the same in words, with the patient groups."""
    columns = picture.services
    left, top, col_w, row_h = 190, 64, 78, 34
    width = left + col_w * len(columns) + 8
    height = top + row_h * max(1, len(picture.rows)) + 40
    title = _("Population picture: %(specialty)s") % {"specialty": picture.specialty.name}
    offered = sum(len(row.offered) for row in picture.rows)
    desc = _(
        "%(sites)s sites × %(services)s services; %(offered)s offered. "
        "★ marks a site that carries a strength position."
    ) % {"sites": len(picture.rows), "services": len(columns), "offered": offered}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="population-grid" role="img" id="{dom_id}" '
        f'aria-labelledby="{dom_id}-title {dom_id}-desc">',
        f'<title id="{dom_id}-title">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for i, (_value, label) in enumerate(columns):
        x = left + col_w * i + col_w / 2
        lines = textwrap.wrap(label, 12) or [label]
        for j, line in enumerate(lines[:3]):
            parts.append(_text(x, top - 40 + 13 * j, line, size=10, fill=MUTED, anchor="middle"))
    for r, row in enumerate(picture.rows):
        y = top + row_h * r
        if row.strength_positions:
            parts.append(
                f'<rect x="0" y="{y:.1f}" width="{width}" height="{row_h}" fill="{STRENGTH}"/>'
            )
        name = f"★ {row.site.name}" if row.strength_positions else row.site.name
        parts.append(_text(6, y + 15, textwrap.shorten(name, 28, placeholder="…"), bold=True))
        parts.append(
            _text(
                6,
                y + 28,
                textwrap.shorten(row.site.hospital, 32, placeholder="…"),
                size=9,
                fill=MUTED,
            )
        )
        for c, cell in enumerate(row.cells):
            x = left + col_w * c + col_w / 2 - 10
            fill = OFFERED if cell is not None else EMPTY
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 7:.1f}" width="20" height="20" rx="3" '
                f'fill="{fill}" stroke="{MUTED}" stroke-width="0.5"/>'
            )
    legend_y = top + row_h * max(1, len(picture.rows)) + 24
    parts.append(
        f'<rect x="6" y="{legend_y - 12:.1f}" width="14" height="14" rx="2" fill="{OFFERED}"/>'
    )
    parts.append(_text(26, legend_y, _("offered"), size=10, fill=MUTED))
    parts.append(
        f'<rect x="96" y="{legend_y - 12:.1f}" width="14" height="14" rx="2" fill="{EMPTY}" '
        f'stroke="{MUTED}" stroke-width="0.5"/>'
    )
    parts.append(_text(116, legend_y, _("not offered"), size=10, fill=MUTED))
    parts.append(_text(206, legend_y, _("★ strength position"), size=10, fill=MUTED))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


# -- Its history -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PictureChange:
    """One change to the picture: what it was about (the introduction, a site's service, a
    strength position) and the change itself."""

    subject: str
    change: Change


def picture_history(specialty: Specialty, *, limit: int = 30) -> list[PictureChange]:
    """The picture's latest changes, newest first, from the three histories."""
    found: list[PictureChange] = []
    intro = Specialty.history.filter(id=specialty.pk).select_related("history_user")
    for change in changes(
        Specialty,
        intro.order_by("history_date", "history_id"),
        ["description"],
        labels={"description": _("Introduction")},
    ):
        found.append(PictureChange(_("Introduction"), change))
    site_names = {s.pk: s.name for s in Site.objects.all()}
    by_row: dict[int, list[Any]] = {}
    for record in (
        SiteService.history.filter(specialty_id=specialty.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        by_row.setdefault(record.id, []).append(record)
    for records in by_row.values():
        last = records[-1]
        subject = f"{site_names.get(last.site_id, '–')}: {last.instance.label}"
        for change in changes(SiteService, records, ["patient_groups", "other"]):
            found.append(PictureChange(subject, change))
    by_position: dict[int, list[Any]] = {}
    for record in (
        StrengthPosition.history.filter(specialty_id=specialty.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        by_position.setdefault(record.id, []).append(record)
    for records in by_position.values():
        subject = _("Strength position “%(name)s”") % {"name": records[-1].name}
        for change in changes(StrengthPosition, records, ["name"]):
            found.append(PictureChange(subject, change))
    found.sort(key=lambda c: c.change.when, reverse=True)
    return found[:limit]


# -- One site, across the specialties ---------------------------------------------------------


@dataclass(frozen=True)
class AtSite:
    """What one specialty's population picture says of one site: the services it offers
    there and to which patient groups, the strength positions the site helps carry, and the
    latest changes to those services (the site's page, issue 26 item 3)."""

    services: list[SiteService]
    strength_positions: list[StrengthPosition]
    changes: list[PictureChange]


def at_site(site: Site, specialty_ids: list[int], *, changes_each: int = 10) -> dict[int, AtSite]:
    """Each specialty's picture at ``site``, by specialty id: four queries, however many
    specialties (the services, the strength positions with their sites, the services'
    history). The changes are each specialty's newest ``changes_each``, newest first."""
    services: dict[int, list[SiteService]] = {pk: [] for pk in specialty_ids}
    for service in SiteService.objects.filter(site=site, specialty_id__in=specialty_ids).order_by(
        "specialty_id", "service"
    ):
        services[service.specialty_id].append(service)
    positions: dict[int, list[StrengthPosition]] = {pk: [] for pk in specialty_ids}
    for position in (
        StrengthPosition.objects.filter(specialty_id__in=specialty_ids, sites=site)
        .prefetch_related("sites")
        .order_by("specialty_id", "order", "name")
    ):
        positions[position.specialty_id].append(position)
    records: dict[int, dict[int, list[Any]]] = {pk: {} for pk in specialty_ids}
    for record in (
        SiteService.history.filter(site_id=site.pk, specialty_id__in=specialty_ids)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        records[record.specialty_id].setdefault(record.id, []).append(record)
    found: dict[int, AtSite] = {}
    for pk in specialty_ids:
        changed: list[PictureChange] = []
        for rows in records[pk].values():
            subject = rows[-1].instance.label
            for change in changes(SiteService, rows, ["patient_groups", "other"]):
                changed.append(PictureChange(subject, change))
        changed.sort(key=lambda c: c.change.when, reverse=True)
        found[pk] = AtSite(services[pk], positions[pk], changed[:changes_each])
    return found


def pdf_context(specialty: Specialty) -> dict[str, Any]:
    """What ``documents/pdf/_population.html`` needs: the picture (with its drawing)."""
    return {"population": population_picture(specialty)}
