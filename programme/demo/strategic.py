"""Demo content for the strategic ambitions, loaded by ``manage.py load_demo``.

IM: Kardiologi gets a complete strategic ambition, approved by the steering group with one
condition: five written parts, the worked "Ventelister" challenge of the guide "Bæredygtighed"
with its three
lenses, more challenges, and two intervention areas. IM: Lungesygdomme has submitted its
first version, so the steering group has something waiting. The texts are invented for the
demo (no real figures) but written the way the programme's own documents are.

Everything goes through the workflow services, so the demo has the same history, versions
and decision register as real use. A specialty whose ambition already exists is left alone:
running the demo again never overwrites what someone wrote while trying it.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from ambitions.models import (
    Action,
    AreaFramework,
    Dilemma,
    FundsRequest,
    PartKind,
    Prerequisite,
    PrerequisiteState,
    Principle,
    StrategicAmbition,
)
from ambitions.professional import funds as funds_services
from ambitions.strategic import services
from people.models import User
from programme.demo import professional as professional_demo
from specialties.models import Specialty
from sustainability.models import Challenge, FocusArea, LensAnswer, Perspective

KARDIOLOGI_PARTS = {
    PartKind.SITUATION: (
        "Kardiologien i Region Sjælland varetages i dag på fire matrikler: SUH Køge, Holbæk, "
        "Nykøbing F. og Slagelse. Styrkepositionerne er SUH Køge og Slagelse.\n\n"
        "- Ambulatorierne har ventetid på udredning for hjertesvigt og atrieflimren.\n"
        "- Holbæk og Nykøbing F. har ubesatte speciallægestillinger og bruger vikarer.\n"
        "- Trivselsmålingen viser pres i vagtlagene på de mindre matrikler.\n"
        "- Samarbejdet om ekkokardiografi og telemedicinsk opfølgning er begyndt på tværs "
        "af matriklerne.\n\n"
        "*Demotekst: tallene i demoregionen er opdigtede.*"
    ),
    PartKind.CHALLENGES: (
        "Kerneteamet har samlet specialets udfordringer og set hver af dem gennem de tre "
        "bæredygtighedsperspektiver. Tre er valgt som kerneudfordringer."
    ),
    PartKind.AMBITION: (
        "Om tre år har alle kardiologiske patienter i regionen samme tilbud af høj kvalitet, "
        "uanset hvor de bor. Viden flytter sig – ikke patienterne: styrkepositionerne i Køge "
        "og Slagelse bærer specialet og understøtter de øvrige matrikler med udredning, "
        "bagvagt og kompetenceudvikling, så personalet oplever et stærkt fagligt fællesskab."
    ),
    PartKind.PREREQUISITES: (
        "- Beslutning om fælles visitation på tværs af matriklerne.\n"
        "- Transitionsmidler til telemedicinsk opfølgning.\n"
        "- Aftale om løn under transport for personale, der arbejder på flere matrikler.\n"
        "- Fælles vagtplan for bagvagten i kardiologi."
    ),
    PartKind.INTERVENTION_AREAS: (
        "Ambitionen omsættes i to strategiske indsatsområder, som den faglige ambition "
        "bygger videre på."
    ),
}

# (title, description, primary perspective, lens answers by perspective code, focus areas, core)
KARDIOLOGI_CHALLENGES = [
    (
        "Ventelister",
        "Lange ventetider for en væsentlig patientgruppe i de kardiologiske ambulatorier.",
        "faglig",
        {
            # The worked example of the guide "Bæredygtighed", word for word.
            "faglig": "Der udføres rutinekontroller, der ikke er understøttet af evidens. Det "
            "betyder, at der bruges unødvendige ressourcer.",
            "personalemaessig": "Der er et højt sygefravær blandt personalet i ambulatoriet, "
            "hvilket udsætter behandlingen og øger ventelisterne.",
            "organisatorisk": "Der er ventetider på ydelser fra et andet speciale, der har "
            "konsekvenser for udredningen af patienterne, og der er uudnyttet kapacitet på et "
            "andet sygehus.",
        },
        [
            "Reducere ventelister og sikre patientrettigheder",
            "Personaletrivsel",
            "Kapacitetsoverblik",
        ],
        True,
    ),
    (
        "Rekruttering af speciallæger til Holbæk og Nykøbing F.",
        "Ubesatte stillinger dækkes af vikarer og frivilligt merarbejde.",
        "personalemaessig",
        {
            "faglig": "Uden faste speciallæger er supervisionen af uddannelseslæger svag.",
            "personalemaessig": "De faste læger bærer mange vagter, og trivslen falder.",
            "organisatorisk": "Vikarudgifterne binder midler, der kunne bruges på fælles "
            "stillinger på tværs af matrikler.",
        },
        ["Rekruttering og fastholdelse", "Robust personaledækning på tværs af professioner"],
        True,
    ),
    (
        "Bagvagt på tværs af matrikler",
        "Bagvagten er organiseret matrikel for matrikel.",
        "organisatorisk",
        {
            "faglig": "Patienter på de mindre matrikler får ikke altid hurtig kardiologisk "
            "vurdering om natten.",
            "organisatorisk": "En fælles regional bagvagt kræver aftaler om ansvar og "
            "telemedicinsk udstyr.",
        },
        ["Fælles populationsansvar", "Klar fordeling af ansvarsområder"],
        True,
    ),
    (
        "Forskellige retningslinjer for hjertesvigt",
        "Matriklerne følger hver sin lokale instruks.",
        "faglig",
        {"faglig": "Patienterne får forskellig opfølgning afhængigt af matrikel."},
        ["Ensartede behandlingstilbud af høj kvalitet – ensartet ‘værdikæde’"],
        False,
    ),
]

KARDIOLOGI_AREAS = [
    (
        "Ensartet visitation og behovsbestemt opfølgning",
        "Én fælles visitation for regionens kardiologiske patienter og opfølgning efter behov "
        "frem for faste rutinekontroller.",
        ["Ventelister", "Forskellige retningslinjer for hjertesvigt"],
        ["faglig", "organisatorisk"],
    ),
    (
        "Fælles bagvagt og stillinger på tværs af matrikler",
        "Styrkepositionerne bærer en regional bagvagt og fælles stillinger, så de mindre "
        "matrikler får faste kardiologer.",
        ["Rekruttering af speciallæger til Holbæk og Nykøbing F.", "Bagvagt på tværs af matrikler"],
        ["personalemaessig", "organisatorisk"],
    ),
]

LUNGE_PARTS = {
    PartKind.SITUATION: "Lungemedicin findes på SUH Roskilde, Holbæk, Nykøbing F. og Næstved.",
    PartKind.CHALLENGES: "Kerneteamet har fundet to kerneudfordringer.",
    PartKind.AMBITION: "KOL-patienter følges tæt på hjemmet, med styrkepositionerne som støtte.",
    PartKind.PREREQUISITES: "Telemedicinsk udstyr og en fælles visitationsinstruks.",
    PartKind.INTERVENTION_AREAS: "Ét indsatsområde: KOL-opfølgning tæt på patienten.",
}


def load(users: dict[str, User], specialties: dict[str, Specialty]) -> None:
    """Load the demo ambitions for the users and specialties ``load_demo`` made."""
    perspectives = {p.code: p for p in Perspective.objects.all()}
    kardiologi = specialties["im-kardiologi"]
    if not StrategicAmbition.objects.filter(specialty=kardiologi).exists():
        _kardiologi(kardiologi, users, perspectives)
    professional_demo.load(users, kardiologi)
    if not Dilemma.objects.filter(specialty=kardiologi).exists():
        _kardiologi_dilemma(kardiologi)
    if not Prerequisite.objects.filter(specialty=kardiologi).exists():
        _kardiologi_prerequisites(kardiologi, users)
    if not FundsRequest.objects.filter(specialty=kardiologi).exists():
        _kardiologi_funds(kardiologi, users["styregruppe"])
    lunge = specialties["im-lungesygdomme"]
    if not StrategicAmbition.objects.filter(specialty=lunge).exists():
        _lungesygdomme(lunge, perspectives)


def _owner(specialty: Specialty) -> User:
    return specialty.memberships.select_related("user").get(role="owner").user


def _write(ambition: StrategicAmbition, texts: dict[PartKind, str], by: User) -> None:
    for part in ambition.parts.all():
        services.part_save(
            part=part, text=texts[PartKind(part.kind)], base_revision=part.revision, by=by
        )


def _challenge(
    specialty: Specialty,
    perspectives: dict[str, Perspective],
    by: User,
    order: int,
    row: tuple[str, str, str, dict[str, str], list[str], bool],
) -> Challenge:
    title, description, primary, lenses, focus, is_core = row
    challenge = Challenge.objects.create(
        specialty=specialty,
        title=title,
        description=description,
        primary_perspective=perspectives[primary],
        is_core=is_core,
        core_order=order if is_core else 0,
        created_by=by,
    )
    for code, text in lenses.items():
        LensAnswer.objects.create(challenge=challenge, perspective=perspectives[code], text=text)
    challenge.focus_areas.set(FocusArea.objects.filter(name__in=focus))
    return challenge


def _kardiologi(
    specialty: Specialty, users: dict[str, User], perspectives: dict[str, Perspective]
) -> None:
    owner = _owner(specialty)
    ambition = services.ambition_start(specialty=specialty, by=owner)
    _write(ambition, KARDIOLOGI_PARTS, owner)
    challenges = {
        row[0]: _challenge(specialty, perspectives, users["kerneteam"], i, row)
        for i, row in enumerate(KARDIOLOGI_CHALLENGES, start=1)
    }
    for title, description, answered, codes in KARDIOLOGI_AREAS:
        services.intervention_area_save(
            ambition=ambition,
            by=owner,
            title=title,
            description=description,
            challenges=[challenges[t] for t in answered],
            perspectives=[perspectives[c] for c in codes],
        )
    services.comment_add(
        part=ambition.parts.get(kind=PartKind.PREREQUISITES),
        by=users["styregruppe"],
        text="Hvem beslutter aftalen om løn under transport, og hvornår?",
    )
    services.comment_add(
        part=ambition.parts.get(kind=PartKind.PREREQUISITES),
        by=users["leder"],
        text="HR og de to sygehusledelser; vi forventer en aftale inden sommerferien.",
    )
    services.ambition_submit(ambition=ambition, by=owner)
    services.ambition_approve(
        ambition=ambition,
        by=users["styregruppe"],
        remark="Godkendt. Styregruppen følger rekrutteringen tæt.",
        conditions=[
            services.ConditionInput(
                text="Rekrutteringsplan for Holbæk og Nykøbing F. forelægges styregruppen.",
                deadline=timezone.localdate() + datetime.timedelta(days=60),
                responsible=users["leder"],
            )
        ],
    )


def _kardiologi_dilemma(specialty: Specialty) -> None:
    """An open dilemma of the register (issue 28): where nearness and a robust on-call rota
    pull apart, linked to a core challenge and an action of the professional ambition."""
    services.dilemma_save(
        specialty=specialty,
        by=_owner(specialty),
        data=services.DilemmaInput(
            title="Ekkokardiografi tæt på patienten eller samlet i styrkepositionen",
            description="Holbæk og Nykøbing F. ønsker egen ekkokardiografi; der er ikke "
            "kardiologer nok til at bemande den på alle matrikler.",
            views={
                "faglig": "Kvaliteten kræver, at hver læge ser mange undersøgelser.",
                "personalemaessig": "Udkørende vagter på flere matrikler slider på de få "
                "kardiologer.",
                "organisatorisk": "Populationsansvaret taler for nærhed; kapaciteten for at samle.",
            },
            principles=list(Principle.objects.filter(code__in=["naerhed", "styrkepositioner"])),
            options="- Samle ekkokardiografi i Roskilde\n- Tele-ekko med lokale sygeplejersker",
            decision="",
            decided_by="",
            decided_on=None,
            challenges=list(Challenge.objects.filter(specialty=specialty, is_core=True)[:1]),
            actions=list(
                Action.objects.filter(focus_area__framework__ambition__specialty=specialty)[:1]
            ),
        ),
    )


def _kardiologi_prerequisites(specialty: Specialty, users: dict[str, User]) -> None:
    """Two prerequisites of the ambition's list (issue 28, item 3): the common referral is
    in place; the agreement on pay while travelling is late, so the lead finds it in Mine
    opgaver and the status round flags it."""
    today = timezone.localdate()
    owner = _owner(specialty)
    for title, description, responsible, days, state, remark in [
        (
            "Beslutning om fælles visitation på tværs af matriklerne",
            "Sygehusledelserne beslutter, at henvisninger visiteres ét sted for hele regionen.",
            users["ejer"],
            -45,
            PrerequisiteState.IN_PLACE,
            "Besluttet af sygehusledelserne; visitationen er fælles fra næste måned.",
        ),
        (
            "Aftale om løn under transport",
            "For personale, der arbejder på flere matrikler: transporttiden er arbejdstid.",
            users["leder"],
            -10,
            PrerequisiteState.IN_PROGRESS,
            "HR har sendt et udkast; de to sygehusledelser har ikke godkendt det endnu.",
        ),
    ]:
        prerequisite = services.prerequisite_save(
            specialty=specialty,
            by=owner,
            data=services.PrerequisiteInput(
                title=title,
                description=description,
                responsible=responsible,
                deadline=today + datetime.timedelta(days=days),
            ),
        )
        services.prerequisite_state_change(
            prerequisite=prerequisite, by=responsible, state=state, remark=remark
        )


def _kardiologi_funds(specialty: Specialty, steering: User) -> None:
    """Transition funds (issue 28, item 6): a request the steering group granted reduced,
    and one awaiting its decision."""
    lead = (
        specialty.memberships.select_related("user")
        .filter(role="implementation_lead")
        .order_by("pk")
        .first()
    )
    owner = _owner(specialty)
    action = (
        Action.objects.filter(focus_area__framework__ambition__specialty=specialty)
        .order_by("pk")
        .first()
    )
    framework = (
        AreaFramework.objects.filter(ambition__specialty=specialty).order_by("order").first()
    )
    if action is None or framework is None:
        return
    reduced = funds_services.funds_request_submit(
        specialty=specialty,
        by=lead.user if lead is not None else owner,
        data=funds_services.FundsInput(
            amount=480_000,
            reason="Frikøb af to sygeplejersker i et år til tele-ekko fra Holbæk og "
            "Nykøbing F., med oplæring i Roskilde.",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
            action=action,
        ),
    )
    funds_services.funds_request_decide(
        funds_request=reduced,
        by=steering,
        state="reduced",
        granted_amount=300_000,
        remark="Bevilget for første halvår og oplæringen; resten søges igen med erfaringerne.",
    )
    funds_services.funds_request_submit(
        specialty=specialty,
        by=owner,
        data=funds_services.FundsInput(
            amount=150_000,
            reason="Videoudstyr til fælles konferencer på tværs af matriklerne.",
            period_start=datetime.date(2026, 3, 1),
            period_end=datetime.date(2026, 8, 31),
            framework=framework,
        ),
    )


def _lungesygdomme(specialty: Specialty, perspectives: dict[str, Perspective]) -> None:
    owner = _owner(specialty)
    ambition = services.ambition_start(specialty=specialty, by=owner)
    _write(ambition, LUNGE_PARTS, owner)
    copd = _challenge(
        specialty,
        perspectives,
        owner,
        1,
        (
            "Genindlæggelser af KOL-patienter",
            "Mange genindlæggelser inden for 30 dage.",
            "faglig",
            {"faglig": "Opfølgningen efter udskrivelse er forskellig fra matrikel til matrikel."},
            ["Ensartede behandlingstilbud af høj kvalitet – ensartet ‘værdikæde’"],
            True,
        ),
    )
    services.intervention_area_save(
        ambition=ambition,
        by=owner,
        title="KOL-opfølgning tæt på patienten",
        description="",
        challenges=[copd],
        perspectives=[perspectives["faglig"]],
    )
    services.ambition_submit(ambition=ambition, by=owner)
