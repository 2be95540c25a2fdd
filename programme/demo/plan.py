"""Demo content for the programme plan: the specialties go through the programme one at a
time, so IM: Kardiologi is implementing, IM: Lungesygdomme is writing its strategic
ambition, IM: Hæmatologi has started its analysis and the rest have not started. Dates are
relative to the day the demo is loaded; running it again moves them along.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from programme.models import Phase, PlannedPhase
from specialties.models import Specialty

# slug → (phase, starts (days from today), ends (days from today))
PLAN: dict[str, list[tuple[Phase, int, int]]] = {
    "im-kardiologi": [
        (Phase.ANALYSIS, -420, -331),
        (Phase.STRATEGIC_AMBITION, -330, -241),
        (Phase.PROFESSIONAL_AMBITION, -240, -121),
        (Phase.IMPLEMENTATION, -120, 240),
        (Phase.ANCHORING, 241, 420),
    ],
    "im-lungesygdomme": [
        (Phase.ANALYSIS, -200, -91),
        (Phase.STRATEGIC_AMBITION, -90, 30),
        (Phase.PROFESSIONAL_AMBITION, 31, 150),
        (Phase.IMPLEMENTATION, 151, 480),
    ],
    "im-haematologi": [
        (Phase.ANALYSIS, -30, 60),
        (Phase.STRATEGIC_AMBITION, 61, 150),
    ],
}


def load(specialties: dict[str, Specialty]) -> None:
    today = timezone.localdate()
    for slug, phases in PLAN.items():
        for phase, start, end in phases:
            PlannedPhase.objects.update_or_create(
                specialty=specialties[slug],
                phase=phase,
                defaults={
                    "starts_on": today + datetime.timedelta(days=start),
                    "ends_on": today + datetime.timedelta(days=end),
                },
            )
