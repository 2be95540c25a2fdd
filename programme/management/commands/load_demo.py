"""Load a believable demo Region Sjælland: ``python manage.py load_demo``.

For demonstrations, local development and the start script. On top of the reference data
that ``migrate`` loads (sites, the nine internal-medicine specialties, professions), it
records where each specialty is present and where its strength positions are, and fills
the specialties with people: one owner (a vice director) per specialty, implementation
leads, and core teams. IM: Kardiologi is the showcase, with a complete core team and a
strategic ambition in draft; IM: Lungesygdomme has a core team with gaps, so the core-team
warning has something to show. Two steering-group members, a secretariat member and an
outsider with no role complete the cast.

Every demo account has the same password (``bass-demo`` unless ``--password`` says
otherwise). ``DEMO_LOGINS`` lists the accounts worth signing in with, so the start script
and the tests print and check the same thing. Running the command again updates the demo
in place instead of duplicating it: everything is keyed on natural keys (username,
specialty slug, site short name, profession name).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import ProgrammeRole, User
from programme import services
from programme.demo import dependencies as dependencies_demo
from programme.demo import effect as effect_demo
from programme.demo import imports as imports_demo
from programme.demo import improvement as improvement_demo
from programme.demo import plan as plan_demo
from programme.demo import population as population_demo
from programme.demo import programme_ambition as programme_ambition_demo
from programme.demo import strategic as ambitions_demo
from specialties import invitations
from specialties.models import Invitation, Membership, Profession, Site, Specialty

# Public by design: the command prints it for anyone trying the demo.
DEMO_PASSWORD = "bass-demo"  # noqa: S105

# Email addresses use a reserved top-level domain (RFC 2606), so nothing the app sends
# to a demo person can reach a real mailbox.
EMAIL_DOMAIN = "bass-demo.example"

# Site short names and profession names as the reference-data migration spells them.
KOEGE = "SUH Køge"
ROSKILDE = "SUH Roskilde"
HOLBAEK = "Holbæk"
NYKOBING = "Nykøbing F."
NAESTVED = "Næstved"
SLAGELSE = "Slagelse"

LAEGE = "Læge"
SYGEPLEJERSKE = "Sygeplejerske"
FYSIOTERAPEUT = "Fysioterapeut"
DIAETIST = "Klinisk diætist"
SEKRETAER = "Sekretær"
KONSULENT = "Konsulent (fx Koncern Digitalisering)"

KARDIOLOGI = "im-kardiologi"
ENDOKRINOLOGI = "im-endokrinologi"
GASTRO = "im-gastroenterologi-og-hepatologi"
GERIATRI = "im-geriatri"
HAEMATOLOGI = "im-haematologi"
INFEKTION = "im-infektionsmedicin"
LUNGE = "im-lungesygdomme"
NEFROLOGI = "im-nefrologi"
REUMATOLOGI = "im-reumatologi"
# Not reference data: the demo creates it (programme.demo.dependencies), for IM: Kardiologi
# to depend on.
RADIOLOGI = dependencies_demo.RADIOLOGI


@dataclass(frozen=True)
class DemoSpecialty:
    slug: str
    sites: tuple[str, ...]
    strength_positions: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    job_title: str
    programme_role: str = ProgrammeRole.NONE

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class DemoMembership:
    specialty: str
    username: str
    role: str
    site: str | None = None
    profession: str | None = None


class DemoLogin(NamedTuple):
    """An account worth signing in with, and what it shows (Danish, for the login table)."""

    username: str
    role: str


# Seed 001: a strength position gathers the specialty's staff at a few sites, at least two
# hospitals per specialty; the programme's "Strategisk ambition": Hæmatologi and Infektionsmedicin
# exist only at
# SUH Køge. The rest is a plausible, invented picture of the region, not the real plan.
SPECIALTIES: list[DemoSpecialty] = [
    DemoSpecialty(
        KARDIOLOGI,
        sites=(KOEGE, HOLBAEK, NYKOBING, SLAGELSE),
        strength_positions=(KOEGE, SLAGELSE),
        description=(
            "Kardiologien i Region Sjælland samles i to styrkepositioner på SUH Køge og "
            "Slagelse Sygehus, som sammen har populationsansvaret for alle regionens "
            "hjertepatienter. Holbæk og Nykøbing Falster bevarer ambulant og akut "
            "kardiologisk funktion tæt på borgerne, understøttet af fælles konferencer og "
            "telemedicinsk sparring med styrkepositionerne. Specialet arbejder særligt med "
            "ventetiden til ekkokardiografi og med at fastholde speciallæger og "
            "hjertesygeplejersker."
        ),
    ),
    DemoSpecialty(
        ENDOKRINOLOGI,
        sites=(KOEGE, HOLBAEK, NYKOBING, NAESTVED),
        strength_positions=(KOEGE, HOLBAEK),
    ),
    DemoSpecialty(
        GASTRO,
        sites=(KOEGE, HOLBAEK, NYKOBING, SLAGELSE),
        strength_positions=(KOEGE, HOLBAEK),
    ),
    DemoSpecialty(
        GERIATRI,
        sites=(ROSKILDE, HOLBAEK, NYKOBING, NAESTVED, SLAGELSE),
        strength_positions=(ROSKILDE, HOLBAEK, NAESTVED),
    ),
    DemoSpecialty(HAEMATOLOGI, sites=(KOEGE,), strength_positions=(KOEGE,)),
    DemoSpecialty(INFEKTION, sites=(KOEGE,), strength_positions=(KOEGE,)),
    DemoSpecialty(
        LUNGE,
        sites=(ROSKILDE, HOLBAEK, NYKOBING, NAESTVED),
        strength_positions=(ROSKILDE, NAESTVED),
    ),
    DemoSpecialty(
        NEFROLOGI,
        sites=(ROSKILDE, HOLBAEK, NYKOBING),
        strength_positions=(ROSKILDE, HOLBAEK),
    ),
    DemoSpecialty(
        REUMATOLOGI,
        sites=(KOEGE, HOLBAEK, NYKOBING, SLAGELSE),
        strength_positions=(KOEGE, SLAGELSE),
    ),
    DemoSpecialty(
        RADIOLOGI,
        sites=(KOEGE, ROSKILDE, HOLBAEK, NYKOBING, NAESTVED, SLAGELSE),
        strength_positions=(KOEGE, SLAGELSE),
    ),
]

# Invented people. Job titles name the department; the site lives on the membership.
PEOPLE: list[DemoPerson] = [
    # Vice directors: the specialty owners (the guide "BASS kort fortalt"). Four of them share nine
    # specialties, as in the real programme.
    DemoPerson("ejer", "Mette", "Kjær Lindholm", "Vicedirektør, Sjællands Universitetshospital"),
    DemoPerson(
        "peter.aagaard", "Peter", "Aagaard Nielsen", "Vicedirektør, Sjællands Universitetshospital"
    ),
    DemoPerson("henrik.dalsgaard", "Henrik", "Dalsgaard", "Vicedirektør, Holbæk Sygehus"),
    DemoPerson(
        "susanne.holm",
        "Susanne",
        "Vestergaard Holm",
        "Vicedirektør, Næstved, Slagelse og Ringsted Sygehuse",
    ),
    # Implementation leads: department heads at chief level (the guide "BASS kort fortalt").
    DemoPerson("leder", "Camilla", "Bech Sørensen", "Cheflæge, Kardiologisk Afdeling"),
    DemoPerson(
        "thomas.brink", "Thomas", "Brink Rasmussen", "Chefsygeplejerske, Medicinsk Afdeling"
    ),
    DemoPerson("anne.gregersen", "Anne", "Møller Gregersen", "Cheflæge, Endokrinologisk Afdeling"),
    DemoPerson("kim.thomsen", "Kim", "Thomsen", "Chefsygeplejerske, Medicinsk Afdeling"),
    DemoPerson("lars.poulsen", "Lars", "Winther Poulsen", "Cheflæge, Mave-tarmmedicinsk Afdeling"),
    DemoPerson("pia.hansen", "Pia", "Østergaard Hansen", "Chefsygeplejerske, Medicinsk Afdeling"),
    DemoPerson("mads.krogh", "Mads", "Krogh", "Cheflæge, Medicinsk Afdeling"),
    DemoPerson("jette.skovgaard", "Jette", "Skovgaard", "Cheflæge, Geriatrisk Afdeling"),
    DemoPerson("bo.eriksen", "Bo", "Eriksen", "Chefsygeplejerske, Medicinsk Afdeling"),
    DemoPerson("karen.jakobsen", "Karen", "Munk Jakobsen", "Cheflæge, Hæmatologisk Afdeling"),
    DemoPerson("frank.olesen", "Frank", "Olesen", "Cheflæge, Infektionsmedicinsk Afdeling"),
    DemoPerson(
        "rikke.bundgaard", "Rikke", "Bundgaard", "Chefsygeplejerske, Infektionsmedicinsk Afdeling"
    ),
    DemoPerson("michael.toft", "Michael", "Toft", "Cheflæge, Lungemedicinsk Afdeling"),
    DemoPerson(
        "helle.petersen", "Helle", "Strand Petersen", "Chefsygeplejerske, Lungemedicinsk Afdeling"
    ),
    DemoPerson("jakob.lauridsen", "Jakob", "Vinther Lauridsen", "Cheflæge, Nefrologisk Afdeling"),
    DemoPerson("gitte.ravn", "Gitte", "Ravn", "Chefsygeplejerske, Nefrologisk Afdeling"),
    DemoPerson("ulla.bertelsen", "Ulla", "Bertelsen", "Cheflæge, Reumatologisk Afdeling"),
    DemoPerson("nina.holst", "Nina", "Holst Larsen", "Cheflæge, Billeddiagnostisk Afdeling"),
    # Kardiologi's core team: clinicians from every site, and a digitalisation consultant.
    DemoPerson(
        "kerneteam", "Sofie", "Lund Mikkelsen", "Klinisk sygeplejespecialist, Kardiologisk Afdeling"
    ),
    DemoPerson("nikolaj.berg", "Nikolaj", "Berg", "Overlæge, Kardiologisk Afdeling"),
    DemoPerson("kasper.noergaard", "Kasper", "Nørgaard", "Fysioterapeut, Hjerterehabilitering"),
    DemoPerson("morten.skov", "Morten", "Skov", "Overlæge, Medicinsk Afdeling"),
    DemoPerson(
        "line.kristensen", "Line", "Dahl Kristensen", "Afdelingssygeplejerske, Medicinsk Afdeling"
    ),
    DemoPerson("birgitte.schou", "Birgitte", "Schou", "Afdelingslæge, Medicinsk Afdeling"),
    DemoPerson("jesper.friis", "Jesper", "Friis", "Sygeplejerske, Hjerteambulatoriet"),
    DemoPerson("ida.jeppesen", "Ida", "Holst Jeppesen", "Overlæge, Kardiologisk Afsnit"),
    DemoPerson("maria.andersen", "Maria", "Juhl Andersen", "Sygeplejerske, Hjerteambulatoriet"),
    DemoPerson("signe.kjeldsen", "Signe", "Kjeldsen", "Klinisk diætist, Diætetisk Enhed"),
    DemoPerson("tobias.wendt", "Tobias", "Wendt", "Konsulent, Koncern Digitalisering"),
    # Lungesygdomme's core team, still incomplete.
    DemoPerson("louise.bak", "Louise", "Bak", "Overlæge, Lungemedicinsk Afdeling"),
    DemoPerson("rasmus.lind", "Rasmus", "Lind", "Sygeplejerske, Lungemedicinsk Ambulatorium"),
    DemoPerson("katrine.juul", "Katrine", "Juul", "Afdelingslæge, Lungemedicinsk Afdeling"),
    DemoPerson("emil.bruun", "Emil", "Bruun", "Fysioterapeut, Lungerehabilitering"),
    DemoPerson("marianne.vad", "Marianne", "Vad", "Sygeplejerske, Medicinsk Afdeling"),
    DemoPerson("dorthe.lassen", "Dorthe", "Lassen", "Lægesekretær, Medicinsk Afdeling"),
    # Hæmatologi's core team: one site only, so two clinicians are enough.
    DemoPerson("anja.hvid", "Anja", "Hvid", "Overlæge, Hæmatologisk Afdeling"),
    DemoPerson("mikkel.steen", "Mikkel", "Steen", "Sygeplejerske, Hæmatologisk Dagafsnit"),
    # The programme.
    DemoPerson(
        "styregruppe",
        "Hanne",
        "Winther Jessen",
        "Sygehusdirektør, Sjællands Universitetshospital",
        ProgrammeRole.STEERING_GROUP,
    ),
    DemoPerson(
        "ole.thygesen",
        "Ole",
        "Thygesen",
        "Koncerndirektør, Region Sjælland",
        ProgrammeRole.STEERING_GROUP,
    ),
    DemoPerson(
        "sekretariat",
        "Julie",
        "Kragh Nissen",
        "Programleder, BASS-sekretariatet",
        ProgrammeRole.SECRETARIAT,
    ),
    # Someone who may sign in but takes part in nothing: shows what an outsider sees.
    DemoPerson("ude", "Niels", "Bjerregaard", "Afdelingslæge, Akutafdelingen"),
]

OWNER = Membership.Role.OWNER
LEAD = Membership.Role.IMPLEMENTATION_LEAD
CORE = Membership.Role.CORE_TEAM

MEMBERSHIPS: list[DemoMembership] = [
    # Owners: exactly one per specialty; a vice director may own several.
    DemoMembership(KARDIOLOGI, "ejer", OWNER),
    DemoMembership(HAEMATOLOGI, "ejer", OWNER),
    DemoMembership(GASTRO, "peter.aagaard", OWNER),
    DemoMembership(INFEKTION, "peter.aagaard", OWNER),
    DemoMembership(GERIATRI, "peter.aagaard", OWNER),
    DemoMembership(ENDOKRINOLOGI, "henrik.dalsgaard", OWNER),
    DemoMembership(NEFROLOGI, "henrik.dalsgaard", OWNER),
    DemoMembership(RADIOLOGI, "henrik.dalsgaard", OWNER),
    DemoMembership(LUNGE, "susanne.holm", OWNER),
    DemoMembership(REUMATOLOGI, "susanne.holm", OWNER),
    # Implementation leads, typically at the strength positions. A chief nurse of a
    # medical department may lead more than one specialty there (thomas.brink).
    DemoMembership(KARDIOLOGI, "leder", LEAD, KOEGE, LAEGE),
    DemoMembership(KARDIOLOGI, "thomas.brink", LEAD, SLAGELSE, SYGEPLEJERSKE),
    DemoMembership(ENDOKRINOLOGI, "anne.gregersen", LEAD, KOEGE, LAEGE),
    DemoMembership(ENDOKRINOLOGI, "kim.thomsen", LEAD, HOLBAEK, SYGEPLEJERSKE),
    DemoMembership(GASTRO, "lars.poulsen", LEAD, KOEGE, LAEGE),
    DemoMembership(GASTRO, "mads.krogh", LEAD, HOLBAEK, LAEGE),
    DemoMembership(GASTRO, "pia.hansen", LEAD, HOLBAEK, SYGEPLEJERSKE),
    DemoMembership(GERIATRI, "jette.skovgaard", LEAD, ROSKILDE, LAEGE),
    DemoMembership(GERIATRI, "bo.eriksen", LEAD, NAESTVED, SYGEPLEJERSKE),
    DemoMembership(HAEMATOLOGI, "karen.jakobsen", LEAD, KOEGE, LAEGE),
    DemoMembership(RADIOLOGI, "nina.holst", LEAD, KOEGE, LAEGE),
    DemoMembership(INFEKTION, "frank.olesen", LEAD, KOEGE, LAEGE),
    DemoMembership(INFEKTION, "rikke.bundgaard", LEAD, KOEGE, SYGEPLEJERSKE),
    DemoMembership(LUNGE, "michael.toft", LEAD, NAESTVED, LAEGE),
    DemoMembership(LUNGE, "helle.petersen", LEAD, ROSKILDE, SYGEPLEJERSKE),
    DemoMembership(NEFROLOGI, "jakob.lauridsen", LEAD, HOLBAEK, LAEGE),
    DemoMembership(NEFROLOGI, "gitte.ravn", LEAD, ROSKILDE, SYGEPLEJERSKE),
    DemoMembership(REUMATOLOGI, "ulla.bertelsen", LEAD, KOEGE, LAEGE),
    DemoMembership(REUMATOLOGI, "thomas.brink", LEAD, SLAGELSE, SYGEPLEJERSKE),
    # Kardiologi's core team meets the rule of the guide "Hvad er en faglig ambition?": at least two
    # clinical representatives
    # from every site where the specialty is present, across professions, plus a member
    # from a cross-cutting centre.
    DemoMembership(KARDIOLOGI, "kerneteam", CORE, KOEGE, SYGEPLEJERSKE),
    DemoMembership(KARDIOLOGI, "nikolaj.berg", CORE, KOEGE, LAEGE),
    DemoMembership(KARDIOLOGI, "kasper.noergaard", CORE, KOEGE, FYSIOTERAPEUT),
    DemoMembership(KARDIOLOGI, "morten.skov", CORE, HOLBAEK, LAEGE),
    DemoMembership(KARDIOLOGI, "line.kristensen", CORE, HOLBAEK, SYGEPLEJERSKE),
    DemoMembership(KARDIOLOGI, "birgitte.schou", CORE, NYKOBING, LAEGE),
    DemoMembership(KARDIOLOGI, "jesper.friis", CORE, NYKOBING, SYGEPLEJERSKE),
    DemoMembership(KARDIOLOGI, "ida.jeppesen", CORE, SLAGELSE, LAEGE),
    DemoMembership(KARDIOLOGI, "maria.andersen", CORE, SLAGELSE, SYGEPLEJERSKE),
    DemoMembership(KARDIOLOGI, "signe.kjeldsen", CORE, SLAGELSE, DIAETIST),
    DemoMembership(KARDIOLOGI, "tobias.wendt", CORE, None, KONSULENT),
    # Lungesygdomme's core team falls short on purpose: one clinician from Holbæk, and
    # from Nykøbing F. only a secretary, who is not clinical and so does not count.
    DemoMembership(LUNGE, "louise.bak", CORE, NAESTVED, LAEGE),
    DemoMembership(LUNGE, "rasmus.lind", CORE, NAESTVED, SYGEPLEJERSKE),
    DemoMembership(LUNGE, "katrine.juul", CORE, ROSKILDE, LAEGE),
    DemoMembership(LUNGE, "emil.bruun", CORE, ROSKILDE, FYSIOTERAPEUT),
    DemoMembership(LUNGE, "marianne.vad", CORE, HOLBAEK, SYGEPLEJERSKE),
    DemoMembership(LUNGE, "dorthe.lassen", CORE, NYKOBING, SEKRETAER),
    DemoMembership(HAEMATOLOGI, "anja.hvid", CORE, KOEGE, LAEGE),
    DemoMembership(HAEMATOLOGI, "mikkel.steen", CORE, KOEGE, SYGEPLEJERSKE),
]

# Only the showcase specialty starts a strategic ambition, so the other specialties show
# the "not started" state.
# The role descriptions are the seeds' own Danish role names, as the demo is presented.
DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin("ejer", "Specialeejer for IM: Kardiologi og IM: Hæmatologi"),
    DemoLogin("leder", "Implementeringsansvarlig for IM: Kardiologi"),
    DemoLogin("kerneteam", "Kerneteam i IM: Kardiologi"),
    DemoLogin("styregruppe", "BASS-programstyregruppe"),
    DemoLogin("sekretariat", "BASS-sekretariat"),
    DemoLogin("ude", "Ingen rolle"),
]

PEOPLE_BY_USERNAME: dict[str, DemoPerson] = {p.username: p for p in PEOPLE}


def load_demo(password: str = DEMO_PASSWORD) -> None:
    """Create or update the demo region. Call inside a transaction."""
    sites = {s.short_name: s for s in Site.objects.all()}
    professions = {p.name: p for p in Profession.objects.all()}
    dependencies_demo.ensure_radiologi()
    specialties = {s.slug: s for s in Specialty.objects.all()}
    _require(
        {site for s in SPECIALTIES for site in s.sites} | {m.site for m in MEMBERSHIPS if m.site},
        sites,
    )
    _require({m.profession for m in MEMBERSHIPS if m.profession}, professions)
    _require({s.slug for s in SPECIALTIES}, specialties)

    for demo in SPECIALTIES:
        specialty = specialties[demo.slug]
        specialty.sites.set([sites[name] for name in demo.sites])
        specialty.strength_position_sites.set([sites[name] for name in demo.strength_positions])
        if demo.description and specialty.description != demo.description:
            specialty.description = demo.description
            specialty.save(update_fields=["description"])

    # PBKDF2 is deliberately slow; one hash shared by all demo accounts (whose password
    # is public anyway) keeps the command and its tests fast.
    password_hash = make_password(password)
    users: dict[str, User] = {}
    for person in PEOPLE:
        users[person.username], _created = User.objects.update_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "job_title": person.job_title,
                "programme_role": person.programme_role,
                "email": f"{person.username}@{EMAIL_DOMAIN}",
                "password": password_hash,
                "is_active": True,
            },
        )

    for m in MEMBERSHIPS:
        site = sites[m.site] if m.site else None
        profession = professions[m.profession] if m.profession else None
        if m.role == OWNER:
            # Keyed on the specialty, not the person: the database allows one owner per
            # specialty, so a changed owner in the list replaces the old one.
            Membership.objects.update_or_create(
                specialty=specialties[m.specialty],
                role=OWNER,
                defaults={"user": users[m.username], "site": site, "profession": profession},
            )
        else:
            Membership.objects.update_or_create(
                specialty=specialties[m.specialty],
                user=users[m.username],
                role=m.role,
                defaults={"site": site, "profession": profession},
            )

    _pending_invitation(users, specialties, sites, professions)
    ambitions_demo.load(users, specialties)
    improvement_demo.load(users, specialties["im-kardiologi"])
    effect_demo.load(users, [specialties[KARDIOLOGI], specialties[LUNGE]], timezone.localdate())
    imports_demo.load(users["kerneteam"], specialties[KARDIOLOGI])
    plan_demo.load(specialties)
    population_demo.load(users["leder"], users["ejer"], specialties["im-kardiologi"])
    dependencies_demo.load(users, specialties)
    programme_ambition_demo.load(users["sekretariat"])
    # Whom the outsider ("ude") is told to write to for a role: the demo's secretariat.
    secretary = users["sekretariat"]
    services.secretariat_contact_save(
        name=f"{secretary.get_full_name()}, BASS-sekretariatet", email=secretary.email, by=secretary
    )


# One person invited to IM: Lungesygdomme's core team (where a site lacks representatives)
# who has not accepted yet: the core-team section and the people pages list her as pending.
INVITED_EMAIL = f"signe.vinther@{EMAIL_DOMAIN}"


def _pending_invitation(
    users: dict[str, User],
    specialties: dict[str, Specialty],
    sites: dict[str, Site],
    professions: dict[str, Profession],
) -> None:
    """The demo's pending invitation, made once (its link was never sent: "Send igen" on the
    core-team section or the people pages mails a new one, to the console)."""
    if Invitation.objects.filter(email=INVITED_EMAIL).exists():
        return
    invitations.invitation_create(
        specialty=specialties[LUNGE],
        email=INVITED_EMAIL,
        first_name="Signe",
        last_name="Vinther",
        role=CORE,
        site=sites[NAESTVED],
        profession=professions[SYGEPLEJERSKE],
        by=users["susanne.holm"],
    )


def _require(needed: set[str], found: dict[str, Any]) -> None:
    missing = sorted(needed - found.keys())
    if missing:
        raise CommandError(
            _("Reference data is missing (%(missing)s). Run “manage.py migrate” first.")
            % {"missing": ", ".join(missing)}
        )


class Command(BaseCommand):
    help = "Load a demo Region Sjælland: site presence, people, roles and demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help=f"Password for every demo account (default: {DEMO_PASSWORD}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password: str = options["password"]
        # The demo's submissions and decisions would e-mail the demo people through the
        # console backend, burying the login table; nobody is there to read them.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            load_demo(password)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo region loaded: %(people)d people in %(specialties)d specialties.")
                % {"people": len(PEOPLE), "specialties": len(SPECIALTIES)}
            )
        )
        self.stdout.write(self._login_table(password))

    def _login_table(self, password: str) -> str:
        header = (_("Username"), _("Name"), _("Role"), _("Password"))
        rows = [
            (login.username, PEOPLE_BY_USERNAME[login.username].full_name, login.role, password)
            for login in DEMO_LOGINS
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = [_("Demo logins:"), ""]
        for row in [header, tuple("-" * w for w in widths), *rows]:
            lines.append(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
        return "\n".join(lines)
