"""The frameworks against the approved strategic ambition: its intervention areas' titles,
which have no framework yet and which frameworks it no longer has (and whether they hold work,
so are kept)."""

from __future__ import annotations

from ambitions.models import AmbitionVersion, AreaFramework


def area_titles(version: AmbitionVersion) -> list[str]:
    """The intervention areas' titles in the frozen version, in its order."""
    titles: list[str] = []
    for area in version.content.get("intervention_areas", []):
        title = str(area.get("title", "")).strip()
        if title and title not in titles:
            titles.append(title)
    return titles


def has_work(framework: AreaFramework) -> bool:
    """Whether anything has been written in the framework (then it is never removed)."""
    return bool(
        framework.purpose
        or framework.anchoring
        or framework.timeline
        or framework.deadline
        or framework.progress_owner_id
        or framework.outcome_goals.exists()
        or framework.actors.exists()
        or framework.focus_areas.exists()
        or framework.core_team.exists()
        or framework.status_comments.exists()
    )


def missing_frameworks(frameworks: list[AreaFramework], version: AmbitionVersion) -> list[str]:
    """Titles of ``version``'s intervention areas that have no framework among ``frameworks``."""
    have = {f.title.strip() for f in frameworks}
    return [t for t in area_titles(version) if t not in have]


def dropped_frameworks(
    frameworks: list[AreaFramework], version: AmbitionVersion
) -> list[AreaFramework]:
    """Frameworks whose intervention area is not in ``version`` (kept when they have work)."""
    titles = set(area_titles(version))
    return [f for f in frameworks if f.title.strip() not in titles]
