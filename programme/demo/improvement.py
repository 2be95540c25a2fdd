"""Demo content for the improvement tools of IM: Kardiologi, loaded by ``manage.py load_demo``.

A small driver diagram for "Ensartet visitation og behovsbestemt opfølgning" whose change
ideas are tested by its actions, a PDSA cycle per action of "Behovsbestemt opfølgning" (one
first_cycle, one whose Study is due, so "Mine opgaver" has something to show), and a baseline
period for the first indicator's run chart. Through the services, like real use; left alone
when the diagram exists, so running the demo again never overwrites what someone wrote.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from ambitions.models import Action, AreaFramework
from improvement import services
from improvement.models import Driver
from people.models import User
from specialties.models import Specialty

FRAMEWORK = "Ensartet visitation og behovsbestemt opfølgning"
# primary driver -> secondary driver -> change ideas (the titles of the actions that test them)
DRIVERS: dict[str, dict[str, dict[str, list[str]]]] = {
    "Patienterne visiteres ens på alle matrikler": {
        "Fælles kriterier for, hvem der ses hvor": {
            "Én visitationsinstruks for hjertesvigt": [
                "Fælles visitationsinstruks for hjertesvigt"
            ],
            "Visitationen drøftes på fælles konference": [],
        },
    },
    "Opfølgning efter behov frem for faste intervaller": {
        "Patienten kan selv melde sig": {
            "Patientinitieret opfølgning": [],
        },
        "Rutinekontroller erstattes": {
            "Telefonkonsultation i stedet for fremmøde": [],
        },
    },
}


def load(users: dict[str, User], specialty: Specialty) -> None:
    framework = AreaFramework.objects.filter(ambition__specialty=specialty, title=FRAMEWORK).first()
    if framework is None or Driver.objects.filter(framework=framework).exists():
        return
    by = users["kerneteam"]
    actions = {a.title: a for a in Action.objects.filter(focus_area__framework=framework)}
    for primary_text, secondaries in DRIVERS.items():
        primary = services.driver_add(framework=framework, by=by, text=primary_text)
        for secondary_text, ideas in secondaries.items():
            secondary = services.driver_add(
                framework=framework, by=by, text=secondary_text, parent=primary
            )
            for idea_text, titles in ideas.items():
                idea = services.idea_add(driver=secondary, by=by, text=idea_text)
                tested = [actions[t] for t in titles if t in actions]
                if tested:
                    services.idea_link_actions(idea=idea, by=by, actions=tested)

    today = timezone.localdate()
    first = Action.objects.filter(focus_area__framework=framework).order_by("start_date").first()
    if first is None:
        return
    indicator = first.indicators.order_by("pk").first()
    if indicator is not None:
        services.baseline_set(
            indicator=indicator, by=by, until=first.start_date + datetime.timedelta(days=90)
        )
    first_cycle = services.cycle_add(
        action=first,
        by=by,
        plan="Afprøv instruksen på én matrikel i fire uger.",
        responsible=by,
        starts_on=first.start_date + datetime.timedelta(days=30),
        study_on=first.start_date + datetime.timedelta(days=60),
        prediction="Mindst 70 % af henvisningerne visiteres efter instruksen.",
    )
    first_cycle = services.cycle_update(
        cycle=first_cycle, by=by, stage="do", base_revision=0,
        data={"do": "Brugt i Køge i fire uger; to kriterier var uklare."},
    )  # fmt: skip
    first_cycle = services.cycle_update(
        cycle=first_cycle, by=by, stage="study", base_revision=1,
        data={"study": "78 % blev visiteret efter instruksen: bedre end forudsagt."},
    )  # fmt: skip
    services.cycle_update(
        cycle=first_cycle, by=by, stage="act", base_revision=2,
        data={"decision": "adapt", "next_cycle": "Præcisér de to kriterier og afprøv i Slagelse."},
    )  # fmt: skip
    due = services.cycle_add(
        action=first,
        by=by,
        plan="Afprøv de præciserede kriterier i Slagelse.",
        responsible=by,
        starts_on=today - datetime.timedelta(days=30),
        study_on=today - datetime.timedelta(days=2),
        prediction="Mindst 85 % visiteres efter instruksen.",
    )
    services.cycle_update(
        cycle=due, by=by, stage="do", base_revision=0,
        data={"do": "Brugt i Slagelse i fire uger."},
    )  # fmt: skip
