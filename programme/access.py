"""Fetch the programme's pages and records for what the user wants to do, or refuse.

404 when the user may not see it, 403 when they may see it but not do this; the rules are
in each app's ``permissions`` module.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from bass.permissions import AnyUser, require
from programme import permissions as programme_permissions
from programme.models import ProgrammePart, ProgrammeVersion
from specialties.models import Site


def check_overview_for_view(user: AnyUser) -> None:
    """Programoverblik and its exports: every programme member; 404 for anyone else."""
    if not programme_permissions.can_view_programme_overview(user):
        raise Http404


def check_programme_for_view(user: AnyUser) -> None:
    """The programme's strategic ambition and plan: every programme member."""
    if not programme_permissions.can_view_programme(user):
        raise Http404


def check_programme_for_edit(user: AnyUser) -> None:
    """Writing the programme's strategic ambition: the secretariat (403 for other members)."""
    check_programme_for_view(user)
    require(programme_permissions.can_edit_programme(user))


def check_secretariat_contact_for_edit(user: AnyUser) -> None:
    """Whom people without a role contact: shown to everyone signed in, so a refusal is 403;
    the secretariat writes it."""
    require(programme_permissions.can_edit_secretariat_contact(user))


def get_programme_part_for_view(user: AnyUser, kind: str) -> ProgrammePart:
    check_programme_for_view(user)
    return _programme_part(kind)


def get_programme_part_for_edit(user: AnyUser, kind: str) -> ProgrammePart:
    check_programme_for_edit(user)
    return _programme_part(kind)


def get_programme_version_for_view(user: AnyUser, number: int) -> ProgrammeVersion:
    check_programme_for_view(user)
    return get_object_or_404(ProgrammeVersion.objects.select_related("saved_by"), number=number)


def _programme_part(kind: str) -> ProgrammePart:
    return get_object_or_404(ProgrammePart.objects.select_related("updated_by"), kind=kind)


def get_site_for_view(user: AnyUser, pk: int) -> Site:
    """The acute hospital's view of a site: every programme member; 404 for anyone else,
    as for the other programme pages."""
    check_overview_for_view(user)
    return get_object_or_404(Site, pk=pk)
