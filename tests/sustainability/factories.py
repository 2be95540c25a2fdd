"""Challenges for the tests, built straight in the database (not through the services)."""

from sustainability.models import Challenge, FocusArea, LensAnswer, Perspective


def perspective(code: str) -> Perspective:
    return Perspective.objects.get(code=code)


def make_challenge(
    specialty: object,
    title: str = "Ventelister",
    *,
    primary: str = "faglig",
    lenses: dict[str, str] | None = None,
    focus_areas: list[str] | None = None,
    is_core: bool = False,
    core_order: int = 0,
    description: str = "",
) -> Challenge:
    """A challenge; ``lenses`` maps perspective codes to answers, ``focus_areas`` names them."""
    challenge = Challenge.objects.create(
        specialty=specialty,
        title=title,
        description=description,
        primary_perspective=perspective(primary),
        is_core=is_core,
        core_order=core_order,
    )
    for code, text in (lenses or {}).items():
        LensAnswer.objects.create(challenge=challenge, perspective=perspective(code), text=text)
    if focus_areas:
        challenge.focus_areas.set(FocusArea.objects.filter(name__in=focus_areas))
    return challenge


ALL_LENSES = {
    "faglig": "Der udføres rutinekontroller, der ikke er understøttet af evidens.",
    "personalemaessig": "Der er et højt sygefravær blandt personalet i ambulatoriet.",
    "organisatorisk": "Der er ventetider på ydelser fra et andet speciale.",
}
