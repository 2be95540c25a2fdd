"""Reads about the specialties that pages share."""

from bass import cache


def region_version() -> str:
    """The content version of the whole region (``bass.cache.region_version``): part of the
    key of a kept page that shows something of every specialty, or that may. One query."""
    return cache.region_version()
