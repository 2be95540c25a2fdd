"""Demo population picture of IM: Kardiologi (issue 26, item 2), loaded by ``manage.py
load_demo``: what the specialty offers at each of its four sites and to whom, and two named
strength positions, one carried by two hospitals and one by two sites of a single hospital
(SUH Køge and Nykøbing F. are both Sjællands Universitetshospital), so the flag shows.
Written through the services by the implementation lead, like real use, and one service at
Holbæk changed later by the owner (the site's page shows the change); left alone when the
picture has strength positions, so running the demo again never overwrites what someone wrote.
"""

from __future__ import annotations

from people.models import User
from specialties import population
from specialties.models import Service, Specialty, StrengthPosition

# site short name -> service -> patient groups
OFFERS: dict[str, dict[str, str]] = {
    "SUH Køge": {
        Service.ACUTE_ADMISSION: "Akut koronarsyndrom, arytmier",
        Service.WARD: "Hjertesvigt, invasiv kardiologi",
        Service.OUTPATIENT_CLINIC: "Hjertesvigt, ekkokardiografi",
        Service.DAY_SURGERY: "Pacemaker og KAG",
    },
    "Holbæk": {
        Service.ACUTE_ADMISSION: "Brystsmerter (afklaring)",
        Service.OUTPATIENT_CLINIC: "Hjertesvigt, atrieflimren",
        Service.TELEMEDICINE: "Sparring med styrkepositionerne",
    },
    "Nykøbing F.": {
        Service.OUTPATIENT_CLINIC: "Ekkokardiografi, atrieflimren",
        Service.TELEMEDICINE: "Hjemmemonitorering af hjertesvigt",
    },
    "Slagelse": {
        Service.ACUTE_ADMISSION: "Akut koronarsyndrom",
        Service.WARD: "Hjertesvigt",
        Service.OUTPATIENT_CLINIC: "Hjertesvigt, hjerterehabilitering",
        Service.OUTREACH: "Hjertesvigtsygeplejerske i kommunerne",
    },
}
# A later change, made by the owner, so the site's page shows what changed at Holbæk: the
# acute admission there now clarifies chest pain in the daytime only.
LATER_AT_HOLBAEK = (
    Service.ACUTE_ADMISSION,
    "Brystsmerter (afklaring i dagtid; om natten til SUH Køge)",
)
STRENGTH_POSITIONS = [
    ("Hjertesvigt og invasiv kardiologi", ["SUH Køge", "Slagelse"]),
    ("Ekkokardiografi", ["SUH Køge", "Nykøbing F."]),
]


def load(lead: User, owner: User, specialty: Specialty) -> None:
    if StrengthPosition.objects.filter(specialty=specialty).exists():
        return
    sites = {site.short_name: site for site in specialty.sites.all()}
    for short_name, offers in OFFERS.items():
        population.site_services_save(
            specialty=specialty,
            site=sites[short_name],
            offered={service: (groups, "") for service, groups in offers.items()},
            by=lead,
        )
    service, groups = LATER_AT_HOLBAEK
    changed = {**OFFERS["Holbæk"], service: groups}
    population.site_services_save(
        specialty=specialty,
        site=sites["Holbæk"],
        offered={s: (g, "") for s, g in changed.items()},
        by=owner,
    )
    for name, site_names in STRENGTH_POSITIONS:
        population.strength_position_add(
            specialty=specialty, name=name, sites=[sites[s] for s in site_names], by=lead
        )
