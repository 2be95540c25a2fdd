"""Reads about the specialties that pages share."""

from bass.cache import versions
from specialties.models import Specialty


def region_version() -> str:
    """The content version of the whole region: every specialty's (and the programme's, which
    each includes). Part of the key of a kept page that shows something of every specialty,
    or that may: one query for the ids and one round trip to the cache; a specialty added or
    deleted changes it too."""
    ids = list(Specialty.objects.order_by("pk").values_list("pk", flat=True))
    return " ".join(f"{pk}:{v}" for pk, v in versions(ids).items())
