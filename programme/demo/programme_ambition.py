"""Demo content for the programme's own strategic ambition, in the words of the programme's
"Strategisk ambition"
(``Strategisk ambition for programmet 'Bæredygtige Akutsygehuse og Specialer'``).

Only empty parts are filled, so running the demo again never overwrites what the
secretariat wrote while trying it.
"""

from __future__ import annotations

from ambitions.models import PartKind
from bass.editing import record_as
from people.models import User
from programme.services import programme_parts_ensure, programme_version_save

TEXTS = {
    PartKind.SITUATION: (
        "Der er travlt i Region Sjællands sundhedsvæsen, og aktiviteten er høj på "
        "akutsygehusene og de medicinske afdelinger. Afstandene er store, og det er – "
        "særligt i yderområder – svært at rekruttere og tilknytte personale.\n\n"
        "Vi har i perioder for mange patienter i for få senge på de medicinske afdelinger, "
        "og vi har længere ventelister på udredning og behandling end ønsket."
    ),
    PartKind.CHALLENGES: (
        "- Travlhed og personalemangel\n"
        "- For mange patienter behandles i andre regioner eller på privatsygehuse\n"
        "- Et stort forbrug af dyre løsninger som merarbejde og vikarer\n"
        "- Skrøbelige medicinske specialer og et arbejdsmiljø under pres af vagttungt arbejde"
    ),
    PartKind.AMBITION: (
        "Viden skal flytte sig mere – ikke patienter. Vi tager udgangspunkt i, hvor vi gør "
        "det godt, og bygger stærke og bæredygtige faglige miljøer, der kan varetage både "
        "specialiseret og generalistbehandling tæt på patienten."
    ),
    PartKind.PREREQUISITES: (
        "Programindsatserne varer til og med 2027. Specialerne går gennem programmet ét ad "
        "gangen, med en specialeejer, implementeringsansvarlige og et kerneteam fra hver "
        "matrikel."
    ),
    PartKind.INTERVENTION_AREAS: (
        "1. Faglig bæredygtighed: ensartede behandlingstilbud af høj kvalitet\n"
        "2. Personalemæssig bæredygtighed: trivsel, rekruttering og fastholdelse\n"
        "3. Organisatorisk bæredygtighed: fælles populationsansvar og styrkepositioner\n\n"
        "Specialerne skal analysere, lære og korrigere på tværs af specialer."
    ),
}


def load(secretariat: User) -> None:
    changed = False
    for part in programme_parts_ensure():
        if part.text:
            continue
        part.text = TEXTS[PartKind(part.kind)]
        part.revision += 1
        part.updated_by = secretariat
        record_as(part, secretariat).save(update_fields=["text", "revision", "updated_by"])
        changed = True
    if changed:
        programme_version_save(by=secretariat, note="Demo: programmets strategiske ambition")
