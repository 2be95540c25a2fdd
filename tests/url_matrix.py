"""Every URL of the app, who may use it, and a world to try it in (issue #11, items 9 and 13).

One table, ``ROUTES``, maps each URL name to how its arguments are built for a specialty's
objects and to the rule that decides each persona's answer per method; the rules restate
each app's ``permissions.py`` (and the developer guide's "Who may do what",
``docs/developer/permissions.md``) as HTTP answers. The permission matrix
(``tests/test_permission_matrix.py``) asks every URL as every persona, and the
accessibility test (``tests/browser/test_accessibility.py``) visits every page the table
says a persona may read, so the two cannot drift apart.

The world has two specialties with the same objects: "a", whose owner, implementation
lead and core-team member are personas, and "b", whose only persona is a core-team member
("another specialty's core team"). Both strategic ambitions were approved once (with a
condition the lead of "a" is responsible for), their professional ambitions opened and
filled, and a revision is open as a draft, so nearly every URL has something to act on.
The people and specialties are set up directly (as an administrator would); everything else
is made through the app's own URLs by the people whose job it is, so the world does not
depend on how the Python layer behind the views is arranged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ambitions.models import (
    Action,
    Actor,
    AmbitionPart,
    ApprovalCondition,
    AreaFramework,
    Dependency,
    Dilemma,
    FundsRequest,
    InterventionArea,
    InterventionFocusArea,
    Milestone,
    OutcomeGoal,
    PartKind,
    Prerequisite,
    Principle,
    ProgressIndicator,
)
from bass.health import beat_tick
from documents.models import DocumentJob, DocumentKind, JobState
from improvement.models import ChangeIdea, Driver, PDSACycle
from inspiration.models import Case
from people.models import ProgrammeRole, User
from specialties.models import (
    Invitation,
    Membership,
    Profession,
    Site,
    Specialty,
    StrengthPosition,
)
from sustainability.models import Challenge, Perspective

# -- Personas and the roles they have towards a specialty ------------------------------------

PERSONAS = (
    "anonymous",
    "no_role",
    "other_core",
    "core",
    "lead",
    "owner",
    "steering",
    "secretariat",
)


def role_towards(persona: str, side: str) -> str:
    """What ``persona`` is to specialty ``side`` ("a" or "b"): anonymous, none, member (of
    the programme through another specialty), core, lead, owner, steering or secretariat."""
    if persona in ("anonymous", "steering", "secretariat"):
        return persona
    if persona == "no_role":
        return "none"
    if side == "a":
        return "member" if persona == "other_core" else persona
    return "core" if persona == "other_core" else "member"


# -- Rules: the expected answer per role ------------------------------------------------------

OK = "ok"  # 200, 204, or a redirect that is not to the login page
LOGIN = "login"  # a redirect to the login page
SIGNED_IN = frozenset({"none", "member", "core", "lead", "owner", "steering", "secretariat"})


@dataclass(frozen=True)
class Rule:
    """Who gets through (``ok``), who may see but not do it (``forbidden``: 403); every
    other signed-in person gets 404, and an anonymous person the login page."""

    name: str
    ok: frozenset[str]
    forbidden: frozenset[str] = frozenset()
    everyone: str | int | None = None  # the same answer for every role

    def expect(self, role: str) -> str | int:
        if self.everyone is not None:
            return self.everyone
        if role == "member" and role not in self.ok | self.forbidden:
            role = "none"  # another specialty's person is an outsider, unless a rule says
        if role in self.ok:
            return OK
        if role == "anonymous":
            return LOGIN
        return 403 if role in self.forbidden else 404


def _rule(name: str, ok: str, forbidden: str = "") -> Rule:
    return Rule(name, frozenset(ok.split()), frozenset(forbidden.split()))


# Everyone, signed in or not: the login and logout pages.
PUBLIC = _rule("public", "anonymous none core lead owner steering secretariat")
# Logging out: everyone ends on the login page.
LOGGED_OUT = Rule("logged out", frozenset(), everyone=LOGIN)
# permissions.can_view_specialty: the programme works in the open.
SEE_SPECIALTY = _rule("see specialty", "none core lead owner steering secretariat")
# permissions.can_manage_core_team, behind can_view_specialty (so 403, never 404).
MANAGE_CORE_TEAM = _rule("manage core team", "owner secretariat", "none core lead steering")
# permissions.can_view_ambition (also comments, documents, the professional ambition).
READ_AMBITION = _rule("read ambition", "core lead owner steering secretariat")
# can_edit_ambition / can_choose_core_challenges / can_edit_frameworks / can_edit_status.
OWNER_OR_LEAD = _rule("owner or lead", "owner lead", "core steering secretariat")
# can_start_ambition / can_submit_ambition / can_start_revision.
OWNER_ONLY = _rule("owner", "owner", "core lead steering secretariat")
# can_decide_ambition.
STEERING_ONLY = _rule("steering group", "steering", "core lead owner secretariat")
# can_edit_challenges / can_edit_actions: the specialty's people.
SPECIALTY_PEOPLE = _rule("specialty's people", "core lead owner", "steering secretariat")
# can_follow_up_condition: the responsible person (the lead, in this world) or the owner.
CONDITION = _rule("condition's responsible or owner", "owner lead", "core steering secretariat")
# can_view_decision_register / can_view_programme_report: not a specialty's business.
PROGRAMME = _rule("programme", "steering secretariat")
# permissions.can_read_approved_ambition / can_view_professional_ambition (LEARNING_RULE):
# once approved, every programme member reads the approved version and the professional
# ambition; here both specialties are approved.
LEARN = _rule("read approved", "member core lead owner steering secretariat")
# The professional ambition's writes, with the rest of the programme reading (403, not 404).
LEARN_OWNER_OR_LEAD = _rule(
    "owner or lead, programme reads", "owner lead", "member core steering secretariat"
)
LEARN_PEOPLE = _rule(
    "specialty's people, programme reads", "core lead owner", "member steering secretariat"
)
# can_view_programme_overview / can_view_programme: every programme member.
MEMBERS = _rule("programme members", "member core lead owner steering secretariat")
# can_edit_programme: the secretariat writes the programme's own ambition.
SECRETARIAT = _rule("secretariat", "secretariat", "member core lead owner steering")
# can_record_key_figures: the owner, the implementation leads and the secretariat record a
# specialty's key figures; the rest of the programme reads them (issue 27).
RECORD_KEY_FIGURES = _rule("record key figures", "owner lead secretariat", "member core steering")
# permissions.can_edit_inspiration: the secretariat keeps the library everyone reads (403).
LIBRARY_EDIT = _rule("edit the library", "secretariat", "none member core lead owner steering")
# permissions.can_edit_secretariat_contact: whom people without a role contact, shown to
# everyone signed in (so 403), written by the secretariat.
CONTACT_EDIT = _rule("edit the contact", "secretariat", "none member core lead owner steering")
# Single sign-on's URLs without SSO configured (as here): not there, for anyone. Who gets
# through with SSO on is tested in tests/people/test_sso.py.
SSO_OFF = Rule("SSO not configured", frozenset(), everyone=404)
# The people pages (personer/): the secretariat's; everyone else signed in is refused (403).
PEOPLE = _rule("people pages", "secretariat", "none member core lead owner steering")
# permissions.can_invite_to_specialty: the owner and leads (to the core team), the secretariat.
INVITE = _rule("invite", "owner lead secretariat", "none core steering")
# An invitation link that is not valid (here: made up): refused (410) to anyone who opens it;
# a valid, used, expired and withdrawn link are tested in tests/specialties/test_invitations.py.
INVITATION_LINK = Rule("invitation link not valid", frozenset(), everyone=410)
# permissions.can_edit_population_picture: the owner and leads; everyone signed in sees the
# specialty, so the rest are refused with 403.
POPULATION = _rule("population picture", "owner lead", "none core steering secretariat")
# dataimport.access.can_import: a role in some specialty, or the secretariat (data in by the
# file); the rows decide what each may save.
IMPORTERS = _rule("importers", "member core lead owner secretariat", "none steering")
# Saving a previewed file of a's measurements: the rule of typing them by hand
# (can_edit_actions); the other importers are refused (403), the rest cannot import at all.
IMPORT_A = _rule("a's people save a's rows", "core lead owner", "none member steering secretariat")
# dataimport.access.can_undo_import: the importer (a's core team here) or the secretariat;
# nobody else sees the import (404).
UNDO_IMPORT = _rule("importer or secretariat", "core secretariat")
# Something that does not exist where it is asked for (another specialty's id): 404 for all.
NOBODY = _rule("nobody", "")


# -- The world ---------------------------------------------------------------------------------


@dataclass
class Objects:
    """One specialty's objects, by the names the route table uses."""

    slug: str
    challenge: int = 0  # the second core challenge (can move up)
    area: int = 0
    area_revision: int = 0
    condition: int = 0
    framework: int = 0
    framework_revision: int = 0
    goal: int = 0
    actor: int = 0
    focus_area: int = 0
    action: int = 0
    action_revision: int = 0
    milestone: int = 0
    indicator: int = 0
    cycle: int = 0  # a planned PDSA cycle of the action, its Do not written
    driver: int = 0  # a primary driver of the framework's driver diagram
    secondary: int = 0  # a secondary driver under it
    idea: int = 0  # a change idea under that, tested by no action yet
    membership: int = 0  # a core-team membership that may be removed
    invitation: int = 0  # a pending invitation to the core team, made by the owner
    newcomer: int = 0  # a user on no core team, to add
    responsible: int = 0  # a person of the specialty, for forms that need one
    part_revision: int = 0
    challenge_revision: int = 0
    job: int = 0
    dilemma: int = 0  # a dilemma of the specialty's register, added by the owner
    dilemma_revision: int = 0
    prerequisite: int = 0  # a prerequisite of the specialty, the lead responsible
    prerequisite_revision: int = 0
    funds_request: int = 0  # an open request for transition funds, asked by the lead
    perspective: int = 0
    principle: str = ""
    site: int = 0
    profession: int = 0
    strength_position: int = 0  # a named strength position of the population picture
    specialty: int = 0  # the specialty's own id
    other_specialty: int = 0  # the other specialty of the world, to depend on
    dependency: int = 0  # what this specialty asks of the other (open)
    dependency_asked_of: int = 0  # what the other asks of this one (open)


@dataclass
class World:
    users: dict[str, User]  # persona -> user (no entry for "anonymous")
    a: Objects
    b: Objects

    def side(self, side: str) -> Objects:
        return self.a if side == "a" else self.b


PART = PartKind.SITUATION.value
# In every draft-only word of the world's open revisions (see ``_specialty_with_objects``).
DRAFT_MARK = "Kladdemærke"

PDF = b"%PDF-1.4\n% a stand-in for a rendered document\n%%EOF\n"


def _user(username: str, role: str = ProgrammeRole.NONE) -> User:
    return User.objects.create_user(
        username=username,
        password="matrix-password-123",
        first_name=username.capitalize(),
        last_name="Matrix",
        email=f"{username}@example.org",
        programme_role=role,
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, name: str, data: dict[str, Any] | None = None, **kwargs: Any) -> None:
    """Do something as a person would, through the URL, and insist that it worked."""
    response = client.post(reverse(name, kwargs=kwargs or None), data or {})
    assert response.status_code == 302, f"{name} {kwargs}: {response.status_code}"


def _funds_request_data(framework: int) -> dict[str, Any]:
    return {
        "funds-subject": f"framework-{framework}",
        "funds-amount": "120000",
        "funds-reason": "Frikøb til fælles visitation.",
        "funds-period_start": "01.01.2026",
        "funds-period_end": "31.12.2026",
    }


def _specialty_with_objects(
    *,
    name: str,
    slug: str,
    owner: User,
    lead: User,
    core: User,
    steering: User,
    newcomer: User,
) -> Objects:
    """The specialty and its people (reference data, as the admin would), then everything
    else the way its people make it: through the app's own URLs."""
    koege = Site.objects.get(short_name="SUH Køge")
    slagelse = Site.objects.get(short_name="Slagelse")
    doctor = Profession.objects.get(name="Læge")
    specialty = Specialty.objects.create(name=name, slug=slug)
    specialty.sites.add(koege, slagelse)
    specialty.strength_position_sites.add(koege)
    Membership.objects.create(specialty=specialty, user=owner, role=Membership.Role.OWNER)
    Membership.objects.create(
        specialty=specialty,
        user=lead,
        role=Membership.Role.IMPLEMENTATION_LEAD,
        site=koege,
        profession=doctor,
    )
    as_owner, as_lead, as_core = _client(owner), _client(lead), _client(core)
    as_steering = _client(steering)
    for user, site in [(core, koege), (_user(f"{slug}-kerne2"), slagelse)]:
        _post(
            as_owner,
            "specialties:core_team_add",
            {"user": user.pk, "site": site.pk, "profession": doctor.pk},
            slug=slug,
        )
    removable = Membership.objects.get(specialty=specialty, user__username=f"{slug}-kerne2")
    _post(
        as_owner,
        "specialties:invite",
        {
            "invite-first_name": "Inge",
            "invite-last_name": "Inviteret",
            "invite-email": f"inge@{slug}.example.org",
            "invite-role": "core_team",
            "invite-site": koege.pk,
            "invite-profession": doctor.pk,
        },
        slug=slug,
    )
    invitation = Invitation.objects.get(specialty=specialty)

    # The strategic ambition: five parts, two core challenges, two intervention areas.
    _post(as_owner, "ambitions:start", slug=slug)
    for kind in PartKind:
        _post(
            as_owner,
            "ambitions:part",
            {f"{kind}-text": f"Tekst om {kind.label}.", f"{kind}-revision": 0},
            slug=slug,
            kind=kind.value,
        )
    perspectives = {p.code: p for p in Perspective.objects.all()}
    challenges = []
    for title, code in [("Ventelister", "faglig"), ("Rekruttering", "personalemaessig")]:
        _post(
            as_core,
            "sustainability:challenge_add",
            {
                "title": title,
                "primary_perspective": perspectives[code].pk,
                f"lens_{code}": "Set herfra.",
            },
            slug=slug,
        )
        challenge = Challenge.objects.get(specialty=specialty, title=title)
        _post(as_owner, "sustainability:challenge_core", {"core": "1"}, slug=slug, pk=challenge.pk)
        challenges.append(challenge)
    for title, challenge in zip(["Ensartet visitation", "Fælles vagtlag"], challenges, strict=True):
        _post(
            as_owner,
            "ambitions:area_add",
            {
                "area-title": title,
                "area-challenges": [challenge.pk],
                "area-perspectives": [perspectives["faglig"].pk],
                "area-revision": 0,
            },
            slug=slug,
        )
    _post(as_owner, "ambitions:submit", slug=slug)
    _post(
        as_steering,
        "ambitions:decide",
        {
            "decision": "approve",
            "remark": "Godkendt trods advarslerne i beslutningsgrundlaget.",
            "conditions-TOTAL_FORMS": "1",
            "conditions-INITIAL_FORMS": "0",
            "conditions-0-text": "Aftal fælles visitation.",
            "conditions-0-deadline": "2027-06-30",
            "conditions-0-responsible": lead.pk,
        },
        slug=slug,
    )
    condition = ApprovalCondition.objects.get(version__ambition__specialty=specialty)

    # The professional ambition, with one of everything on its first framework.
    _post(as_lead, "professional:open", slug=slug)
    framework = AreaFramework.objects.filter(ambition__specialty=specialty).order_by("order")[0]
    on_framework = {"slug": slug, "pk": framework.pk}
    _post(
        as_lead,
        "professional:goal_add",
        {
            "goal-description": "Kortere ventetid.",
            "goal-indicator": "Ventetid",
            "goal-unit": "dage",
            "goal-baseline": "60",
            "goal-target": "30",
            "goal-target_date": "2027-12-31",
        },
        **on_framework,
    )
    _post(
        as_lead,
        "professional:actor_add",
        {"actor-name": "Visitationen", "actor-interest": "2", "actor-influence": "2"},
        **on_framework,
    )
    _post(as_lead, "professional:focus_area_add", {"focus-title": "Visitation"}, **on_framework)
    focus_area = InterventionFocusArea.objects.get(framework=framework)
    principle = Principle.objects.order_by("order")[0]
    _post(
        as_core,
        "professional:action_add",
        {
            "title": "Fælles visitationsretningslinje",
            "purpose": "Samme visitation overalt.",
            "responsible": core.pk,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "status": "in_progress",
            "challenges": [challenges[0].pk],
            f"principle_{principle.code}": "on",
            f"principle_{principle.code}_justification": "Viden flytter sig.",
            **{f"perspective_{code}_rating": "0" for code in perspectives},
        },
        slug=slug,
        pk=focus_area.pk,
    )
    action = Action.objects.get(focus_area=focus_area)
    on_action = {"slug": slug, "pk": action.pk}
    _post(
        as_core,
        "professional:milestone_add",
        {"title": "Udkast", "due_date": "2026-03-01"},
        **on_action,
    )
    _post(
        as_core,
        "professional:indicator_add",
        {"name": "Ventetid", "unit": "dage", "baseline": "60", "target": "30"},
        **on_action,
    )

    # The improvement tools: a PDSA cycle and a small driver diagram.
    _post(
        as_core,
        "improvement:cycles",
        {
            "plan": "Prøv en tjekliste.",
            "responsible": core.pk,
            "starts_on": "01.03.2026",
            "study_on": "01.04.2026",
            "prediction": "Færre fejl.",
        },
        **on_action,
    )
    _post(as_core, "improvement:drivers", {"text": "Ensartet praksis"}, **on_framework)
    driver = Driver.objects.get(framework=framework)
    _post(
        as_core,
        "improvement:drivers",
        {"text": "Fælles kriterier", "parent": driver.pk},
        **on_framework,
    )
    secondary = Driver.objects.get(parent=driver)
    _post(
        as_core,
        "improvement:idea_add",
        {"text": "Tjekliste ved visitation"},
        slug=slug,
        pk=framework.pk,
        driver=secondary.pk,
    )

    # A revision is open: the parts, areas and core challenges are editable again. Its
    # draft changes carry ``DRAFT_MARK``, which no reader outside the specialty may see
    # (the learning rule: they read the approved version): a core challenge retitled, a
    # non-core challenge added, and an intervention area's description rewritten.
    _post(as_owner, "ambitions:revise", slug=slug)
    waiting = Challenge.objects.get(pk=challenges[0].pk)
    _post(
        as_owner,
        "sustainability:challenge_edit",
        {
            "title": f"Ventelister {DRAFT_MARK}",
            "description": "",
            "primary_perspective": perspectives["faglig"].pk,
            "revision": waiting.revision,
        },
        slug=slug,
        pk=waiting.pk,
    )
    _post(
        as_core,
        "sustainability:challenge_add",
        {
            "title": f"Kun i arbejdskopien {DRAFT_MARK}",
            "primary_perspective": perspectives["faglig"].pk,
        },
        slug=slug,
    )
    first_area = InterventionArea.objects.filter(ambition__specialty=specialty).order_by("order")[0]
    _post(
        as_owner,
        "ambitions:area_edit",
        {
            f"area-{first_area.pk}-title": first_area.title,
            f"area-{first_area.pk}-description": f"Omskrevet i kladden {DRAFT_MARK}.",
            f"area-{first_area.pk}-challenges": [waiting.pk],
            f"area-{first_area.pk}-perspectives": [perspectives["faglig"].pk],
            f"area-{first_area.pk}-revision": first_area.revision,
        },
        slug=slug,
        pk=first_area.pk,
    )

    _post(
        as_owner,
        "ambitions:dilemma_add",
        {"dilemma-title": "Nærhed eller robuste vagtlag", "dilemma-revision": 0},
        slug=slug,
    )
    dilemma = Dilemma.objects.get(specialty=specialty)
    # A prerequisite the lead is responsible for: the lead (and the owner) move it on.
    _post(
        as_owner,
        "ambitions:prerequisite_add",
        {
            "prerequisite-title": "Fælles vagtplan",
            "prerequisite-responsible": lead.pk,
            "prerequisite-deadline": "1.3.2027",
            "prerequisite-revision": 0,
        },
        slug=slug,
    )
    prerequisite = Prerequisite.objects.get(specialty=specialty)

    _post(as_lead, "professional:funds", _funds_request_data(framework.pk), slug=slug)
    funds_request = FundsRequest.objects.get(specialty=specialty)

    # A rendered document: the rendering itself runs after commit, which a test never
    # reaches, so the finished job is recorded directly.
    job = DocumentJob.objects.create(
        kind=DocumentKind.STRATEGIC_AMBITION,
        specialty=specialty,
        requested_by=owner,
        title=f"Strategisk ambition – {name}",
        state=JobState.DONE,
        finished_at=timezone.now(),
    )
    job.file.save(f"{slug}.pdf", ContentFile(PDF), save=True)

    area = InterventionArea.objects.filter(ambition__specialty=specialty).order_by("order")[0]
    framework.refresh_from_db()
    # The population picture: a named strength position, written by the lead.
    _post(
        as_lead,
        "specialties:strength_position_add",
        {"strength-name": "Hjertesvigt", "strength-sites": [koege.pk, slagelse.pk]},
        slug=slug,
    )
    strength_position = StrengthPosition.objects.get(specialty=specialty)
    return Objects(
        slug=slug,
        strength_position=strength_position.pk,
        challenge=challenges[1].pk,
        challenge_revision=Challenge.objects.get(pk=challenges[1].pk).revision,
        area=area.pk,
        area_revision=area.revision,
        condition=condition.pk,
        framework=framework.pk,
        framework_revision=framework.revision,
        goal=OutcomeGoal.objects.get(framework=framework).pk,
        actor=Actor.objects.get(framework=framework).pk,
        focus_area=focus_area.pk,
        action=action.pk,
        action_revision=Action.objects.get(pk=action.pk).revision,
        milestone=Milestone.objects.get(action=action).pk,
        indicator=ProgressIndicator.objects.get(action=action).pk,
        cycle=PDSACycle.objects.get(action=action).pk,
        driver=driver.pk,
        secondary=secondary.pk,
        idea=ChangeIdea.objects.get(driver=secondary).pk,
        membership=removable.pk,
        invitation=invitation.pk,
        newcomer=newcomer.pk,
        responsible=core.pk,
        part_revision=AmbitionPart.objects.get(ambition__specialty=specialty, kind=PART).revision,
        job=job.pk,
        dilemma=dilemma.pk,
        dilemma_revision=dilemma.revision,
        prerequisite=prerequisite.pk,
        prerequisite_revision=prerequisite.revision,
        funds_request=funds_request.pk,
        perspective=perspectives["faglig"].pk,
        principle=principle.code,
        site=koege.pk,
        profession=doctor.pk,
        specialty=specialty.pk,
    )


def build_world() -> World:
    """Both specialties and the personas. Needs the reference data and MEDIA_ROOT set."""
    users = {
        "no_role": _user("ingen"),
        "other_core": _user("andet-kerneteam"),
        "core": _user("kerneteam"),
        "lead": _user("leder"),
        "owner": _user("ejer"),
        "steering": _user("styregruppe", ProgrammeRole.STEERING_GROUP),
        "secretariat": _user("sekretariat", ProgrammeRole.SECRETARIAT),
    }
    newcomer = _user("nytilkommen")
    a = _specialty_with_objects(
        name="IM: Matrixkardiologi",
        slug="im-matrixkardiologi",
        owner=users["owner"],
        lead=users["lead"],
        core=users["core"],
        steering=users["steering"],
        newcomer=newcomer,
    )
    b = _specialty_with_objects(
        name="IM: Matrixnefrologi",
        slug="im-matrixnefrologi",
        owner=_user("b-ejer"),
        lead=_user("b-leder"),
        core=users["other_core"],
        steering=users["steering"],
        newcomer=newcomer,
    )
    # Each specialty depends on the other for something, asked by its owner.
    for asker, other in [(a, b), (b, a)]:
        asker.other_specialty = other.specialty
        _post(
            _client(_owner_of(asker)),
            "dependencies:add",
            {
                "depends_on": other.specialty,
                "subject": f"challenge-{asker.challenge}",
                "need": "Scanningskapacitet: 10 ekstra CT-tider om ugen",
                "needed_by": "01.09.2026",
            },
            slug=asker.slug,
        )
        asker.dependency = Dependency.objects.get(specialty_id=asker.specialty).pk
    a.dependency_asked_of, b.dependency_asked_of = b.dependency, a.dependency
    return World(users=users, a=a, b=b)


def _owner_of(objects: Objects) -> User:
    return Membership.objects.get(specialty__slug=objects.slug, role="owner").user


def submit_both(world: World) -> None:
    """For the steering group's decision: the open revisions are submitted."""
    for objects in (world.a, world.b):
        _post(_client(_owner_of(objects)), "ambitions:submit", slug=objects.slug)


def programme_written(world: World) -> None:
    """For the programme's own ambition: the secretariat has opened it (its five parts exist)
    and saved it once as version 1."""
    from programme.models import ProgrammeVersion

    as_secretariat = _client(world.users["secretariat"])
    assert as_secretariat.get(reverse("programme:ambition")).status_code == 200
    if not ProgrammeVersion.objects.filter(number=1).exists():
        _post(as_secretariat, "programme:version_add")


def round_opened(world: World) -> None:
    """For the status rounds: the secretariat has opened one for every specialty."""
    from rounds.models import StatusRound

    if not StatusRound.objects.exists():
        _post(_client(world.users["secretariat"]), "rounds:open", ROUND_DATA)


def key_figures_defined(world: World) -> None:
    """For the key figures (issue 27): the secretariat has defined one that both
    specialties record, and one per site only."""
    from effect.models import KeyFigure

    if KeyFigure.objects.exists():
        return
    client = _client(world.users["secretariat"])
    both = [str(Specialty.objects.get(slug=o.slug).pk) for o in (world.a, world.b)]
    _post(client, "effect:figure_add", {**KEY_FIGURE_DATA, "specialties": both})
    _post(
        client,
        "effect:figure_add",
        {**KEY_FIGURE_DATA, "name": "Pr. matrikel", "per_site_only": "on"},
    )


KEY_FIGURE_DATA = {
    "name": "Sygefravær",
    "unit": "%",
    "better": "lower",
    "order": "0",
    "active": "on",
}


def _key_figure(per_site_only: bool = False) -> int:
    from effect.models import KeyFigure

    found = KeyFigure.objects.filter(per_site_only=per_site_only).order_by("pk").first()
    assert found is not None
    return found.pk


def _key_figure_value(o: Objects, *, per_site_only: bool = False) -> dict[str, Any]:
    return {
        "key_figure": str(_key_figure(per_site_only)),
        "site": str(Site.objects.get(short_name="SUH Køge").pk),
        "period": "01.2026",
        "value": "6,5",
    }


ROUND_DATA = {
    "name": "Matrixrunden",
    "period_start": "01.01.2026",
    "period_end": "31.03.2026",
    "deadline": "15.04.2026",
    "all_specialties": "on",
}


def _round(o: Objects) -> dict[str, Any]:
    from rounds.models import StatusRound

    return {"pk": StatusRound.objects.values_list("pk", flat=True).first() or 0}


def approve_both(world: World) -> None:
    """For "start a revision": the open revisions are submitted and approved."""
    submit_both(world)
    as_steering = _client(world.users["steering"])
    for objects in (world.a, world.b):
        _post(
            as_steering,
            "ambitions:decide",
            {
                "decision": "approve",
                "remark": "Godkendt.",
                "conditions-TOTAL_FORMS": "0",
                "conditions-INITIAL_FORMS": "0",
            },
            slug=objects.slug,
        )


def _import_file(o: Objects) -> dict[str, Any]:
    """An upload of one measurement of the specialty's indicator (data in by the file)."""
    return {
        "kind": "measurements",
        "file": _RereadFile(
            "maalinger.csv",
            f"Indikator-nr.;Dato;Værdi\n{o.indicator};01.03.2026;7\n".encode(),
        ),
    }


class _RereadFile(SimpleUploadedFile):
    """The body of every request of a route is one dict: its file is read from the start
    each time it is sent."""

    def read(self, *args: Any) -> bytes:
        self.seek(0)
        return bytes(super().read(*args))


def _import_preview(o: Objects) -> dict[str, Any]:
    from dataimport.kinds import KINDS
    from dataimport.views import sign_preview

    rows = [{"number": 2, "indicator": str(o.indicator), "measured_on": "01.03.2026", "value": "7"}]
    return {"payload": sign_preview(KINDS["measurements"], "maalinger.csv", rows)}


def imported(world: World) -> None:
    """For undoing an import: the core-team member of "a" has imported one measurement."""
    from dataimport.models import DataImport

    if DataImport.objects.exists():
        return
    _post(_client(world.users["core"]), "dataimport:confirm", _import_preview(world.a))


def _import(o: Objects) -> dict[str, Any]:
    from dataimport.models import DataImport

    return {"pk": DataImport.objects.values_list("pk", flat=True).first() or 0}


# -- The table ---------------------------------------------------------------------------------

Kwargs = Callable[[Objects], dict[str, Any]]
Data = Callable[[Objects], dict[str, Any]]


def _none(o: Objects) -> dict[str, Any]:
    return {}


def _slug(o: Objects) -> dict[str, Any]:
    return {"slug": o.slug}


@dataclass(frozen=True)
class Body:
    """Another POST body for a URL whose body names what it acts on, with its own rule;
    asked under specialty "a" (roles towards "a")."""

    name: str
    rule: Rule
    data: Callable[[World], dict[str, Any]]
    writes: bool = True


@dataclass(frozen=True)
class Route:
    """How to call one URL and who may.

    ``get``/``post`` are the rules for those methods; None means the URL refuses the method
    (405 for everyone). ``edit_get`` is the rule for ``GET ?rediger=1`` (edit mode), where a
    URL has one. ``data`` is a POST body that succeeds for whoever may post, so a refusal
    that changes nothing is a real refusal; ``writes`` says whether such a permitted POST
    changes the database in this world (False where the world's state makes it a no-op, e.g.
    starting an ambition that exists). ``prepare`` puts the world in the state the URL needs.
    ``per_specialty`` is False for URLs that are not about one specialty.
    """

    kwargs: Kwargs = _none
    get: Rule | None = None
    post: Rule | None = None
    edit_get: Rule | None = None
    data: Data = _none
    writes: bool = True
    prepare: Callable[[World], None] | None = None
    per_specialty: bool = True
    fresh_client: bool = False
    hx_target: str = "main"
    bodies: tuple[Body, ...] = ()


def _part(o: Objects) -> dict[str, Any]:
    return {"slug": o.slug, "kind": PART}


def _framework(o: Objects) -> dict[str, Any]:
    return {"slug": o.slug, "pk": o.framework}


def _action(o: Objects) -> dict[str, Any]:
    return {"slug": o.slug, "pk": o.action}


def _dependency_data(o: Objects, prefix: str = "") -> dict[str, Any]:
    return {
        f"{prefix}depends_on": o.other_specialty,
        f"{prefix}subject": f"challenge-{o.challenge}",
        f"{prefix}need": "Scanningskapacitet: 12 ekstra CT-tider om ugen",
        f"{prefix}needed_by": "01.10.2026",
    }


def _challenge_data(o: Objects) -> dict[str, Any]:
    return {
        "title": "Lange ventetider",
        "description": "Ny beskrivelse.",
        "primary_perspective": o.perspective,
        "revision": o.challenge_revision,
    }


def _action_data(o: Objects) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Ny handling",
        "purpose": "Et formål.",
        "responsible": o.responsible,
        "start_date": "2026-02-01",
        "end_date": "2026-10-01",
        "status": "in_progress",
        "revision": o.action_revision,
        f"principle_{o.principle}": "on",
        f"principle_{o.principle}_justification": "Viden flytter sig.",
    }
    for perspective in Perspective.objects.all():
        data[f"perspective_{perspective.code}_rating"] = "0"
    return data


LIBRARY_CASE = "horsens-hjertemedicin"


def _library_case_data(o: Objects) -> dict[str, Any]:
    """A valid case form: the loaded Horsens case with a new result."""
    case = Case.objects.get(slug=LIBRARY_CASE)
    return {
        "title": case.title,
        "setting": case.setting,
        "what_they_did": case.what_they_did,
        "results": "Et nyt resultat.",
        "source_part": case.source_part,
        "source_page": case.source_page,
        "perspectives": [p.pk for p in case.perspectives.all()],
        "revision": case.revision,
    }


ROUTES: dict[str, Route] = {
    # -- The start, signing in and out -------------------------------------------------------
    "home": Route(get=SEE_SPECIALTY, per_specialty=False),
    "login": Route(
        get=PUBLIC,
        post=PUBLIC,
        data=lambda o: {"username": "ingen", "password": "wrong"},
        writes=False,
        per_specialty=False,
    ),
    "logout": Route(post=LOGGED_OUT, writes=False, per_specialty=False, fresh_client=True),
    # -- The work account and Glemt adgangskode (issue 24) -----------------------------------
    "sso_start": Route(get=SSO_OFF, per_specialty=False),
    "sso_callback": Route(get=SSO_OFF, per_specialty=False),
    "password_reset": Route(
        get=PUBLIC,
        post=PUBLIC,
        data=lambda o: {"email": "ingen@example.org"},
        writes=False,
        per_specialty=False,
    ),
    "password_reset_done": Route(get=PUBLIC, per_specialty=False),
    "password_reset_confirm": Route(
        kwargs=lambda o: {"uidb64": "MQ", "token": "ugyldig-token"},
        get=PUBLIC,
        post=PUBLIC,
        writes=False,
        per_specialty=False,
    ),
    "password_reset_complete": Route(get=PUBLIC, per_specialty=False),
    "decision_register": Route(get=PROGRAMME, per_specialty=False),
    # The health URL: for load balancers and compose, without a log-in (tests/test_health.py).
    # Where CI runs beat's checks (REDIS_URL), a tick as the worker records it: all is well.
    "health": Route(get=PUBLIC, per_specialty=False, prepare=lambda world: beat_tick()),
    # -- Specialties -------------------------------------------------------------------------
    "specialties:list": Route(get=SEE_SPECIALTY, per_specialty=False),
    "specialties:detail": Route(kwargs=_slug, get=SEE_SPECIALTY),
    # -- The population picture (issue 26, item 2) ---------------------------------------------
    "specialties:population": Route(kwargs=_slug, get=SEE_SPECIALTY),
    "specialties:population_introduction": Route(
        kwargs=_slug, post=POPULATION, data=lambda o: {"text": "Hele regionens hjertepatienter."}
    ),
    "specialties:population_site": Route(
        kwargs=lambda o: {"slug": o.slug, "site_pk": o.site},
        post=POPULATION,
        data=lambda o: {
            f"site-{o.site}-offer_outpatient_clinic": "on",
            f"site-{o.site}-groups_outpatient_clinic": "Hjertesvigt",
        },
    ),
    "specialties:strength_position_add": Route(
        kwargs=_slug,
        post=POPULATION,
        data=lambda o: {"strength-name": "Ekko", "strength-sites": [o.site]},
    ),
    "specialties:strength_position_remove": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.strength_position}, post=POPULATION
    ),
    "specialties:core_team_add": Route(
        kwargs=_slug,
        post=MANAGE_CORE_TEAM,
        data=lambda o: {"user": o.newcomer, "profession": o.profession, "site": o.site},
        hx_target="part-core-team",
    ),
    "specialties:core_team_remove": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.membership},
        post=MANAGE_CORE_TEAM,
        hx_target="part-core-team",
    ),
    # -- Invitations and the people pages (issue 24) ------------------------------------------
    "specialties:invite": Route(
        kwargs=_slug,
        post=INVITE,
        data=lambda o: {
            "invite-first_name": "Nye",
            "invite-last_name": "Person",
            "invite-email": "nye.person@example.org",
            "invite-role": "core_team",
            "invite-site": o.site,
            "invite-profession": o.profession,
        },
        hx_target="part-core-team",
    ),
    "specialties:invitation_resend": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.invitation},
        post=INVITE,
        hx_target="part-core-team",
    ),
    "specialties:invitation_withdraw": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.invitation},
        post=INVITE,
        hx_target="part-core-team",
    ),
    "persons:list": Route(get=PEOPLE, per_specialty=False),
    "persons:invite": Route(
        post=PEOPLE,
        data=lambda o: {
            "invite-first_name": "Nye",
            "invite-last_name": "Leder",
            "invite-email": "nye.leder@example.org",
            "invite-specialty": Specialty.objects.get(slug=o.slug).pk,
            "invite-role": "implementation_lead",
        },
        per_specialty=False,
        hx_target="part-invitations",
    ),
    "persons:detail": Route(kwargs=lambda o: {"pk": o.newcomer}, get=PEOPLE, per_specialty=False),
    "persons:active": Route(
        kwargs=lambda o: {"pk": o.newcomer},
        post=PEOPLE,
        data=lambda o: {"active": "0"},
        per_specialty=False,
        hx_target="part-person",
    ),
    "persons:programme_role": Route(
        kwargs=lambda o: {"pk": o.newcomer},
        post=PEOPLE,
        data=lambda o: {"programme_role": "steering_group"},
        per_specialty=False,
        hx_target="part-person",
    ),
    "persons:membership_add": Route(
        kwargs=lambda o: {"pk": o.newcomer},
        post=PEOPLE,
        data=lambda o: {
            "role-specialty": Specialty.objects.get(slug=o.slug).pk,
            "role-role": "implementation_lead",
        },
        per_specialty=False,
        hx_target="part-person",
    ),
    "persons:membership_remove": Route(
        kwargs=lambda o: {
            "pk": Membership.objects.get(pk=o.membership).user_id,
            "membership_pk": o.membership,
        },
        post=PEOPLE,
        per_specialty=False,
        hx_target="part-person",
    ),
    "persons:invitation_accept": Route(
        kwargs=lambda o: {"token": "opdigtet-token"},
        get=INVITATION_LINK,
        post=INVITATION_LINK,
        writes=False,
        per_specialty=False,
    ),
    "persons:invitation_sso": Route(
        kwargs=lambda o: {"token": "opdigtet-token"},
        post=SSO_OFF,
        writes=False,
        per_specialty=False,
    ),
    # -- Challenges --------------------------------------------------------------------------
    "sustainability:challenges": Route(kwargs=_slug, get=READ_AMBITION),
    "sustainability:challenge_add": Route(
        kwargs=_slug, post=SPECIALTY_PEOPLE, data=_challenge_data, hx_target="part-challenges"
    ),
    "sustainability:challenge_edit": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.challenge},
        get=SPECIALTY_PEOPLE,
        post=SPECIALTY_PEOPLE,
        data=_challenge_data,
    ),
    "sustainability:challenge_core": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.challenge},
        post=OWNER_OR_LEAD,
        data=lambda o: {"core": "0"},
        hx_target="part-challenges",
    ),
    "sustainability:challenge_move": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.challenge},
        post=OWNER_OR_LEAD,
        data=lambda o: {"direction": "up"},
        hx_target="part-challenges",
    ),
    # -- The strategic ambition --------------------------------------------------------------
    # Another specialty's person is sent on to the approved version (a redirect: "ok").
    "ambitions:detail": Route(kwargs=_slug, get=LEARN),
    "ambitions:approved": Route(kwargs=_slug, get=LEARN),
    # The ambition exists already: starting it again changes nothing.
    "ambitions:start": Route(kwargs=_slug, post=OWNER_ONLY, writes=False),
    "ambitions:submit": Route(kwargs=_slug, post=OWNER_ONLY),
    "ambitions:decide": Route(
        kwargs=_slug,
        get=STEERING_ONLY,
        post=STEERING_ONLY,
        data=lambda o: {
            "decision": "return",
            "remark": "Uddyb situationsbilledet.",
            "conditions-TOTAL_FORMS": "0",
            "conditions-INITIAL_FORMS": "0",
        },
        prepare=submit_both,
    ),
    "ambitions:revise": Route(kwargs=_slug, post=OWNER_ONLY, prepare=approve_both),
    "ambitions:versions": Route(kwargs=_slug, get=READ_AMBITION),
    "ambitions:part": Route(
        kwargs=_part,
        get=READ_AMBITION,
        edit_get=OWNER_OR_LEAD,
        post=OWNER_OR_LEAD,
        data=lambda o: {f"{PART}-text": "Ny tekst.", f"{PART}-revision": o.part_revision},
        hx_target=f"part-{PART}",
    ),
    "ambitions:part_history": Route(kwargs=_part, get=READ_AMBITION),
    "ambitions:comment_add": Route(
        kwargs=_part, post=READ_AMBITION, data=lambda o: {f"comment-{PART}-text": "Et spørgsmål."}
    ),
    "ambitions:area_add": Route(
        kwargs=_slug,
        post=OWNER_OR_LEAD,
        data=lambda o: {"area-title": "Nyt indsatsområde", "area-revision": "0"},
    ),
    "ambitions:area_edit": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.area},
        get=OWNER_OR_LEAD,
        post=OWNER_OR_LEAD,
        data=lambda o: {
            f"area-{o.area}-title": "Omdøbt indsatsområde",
            f"area-{o.area}-revision": o.area_revision,
        },
    ),
    "ambitions:area_delete": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.area}, post=OWNER_OR_LEAD
    ),
    "ambitions:dilemma_add": Route(
        kwargs=_slug,
        post=OWNER_OR_LEAD,
        data=lambda o: {"dilemma-title": "Nyt dilemma", "dilemma-revision": "0"},
    ),
    "ambitions:dilemma_edit": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.dilemma},
        get=OWNER_OR_LEAD,
        post=OWNER_OR_LEAD,
        data=lambda o: {
            f"dilemma-{o.dilemma}-title": "Omdøbt dilemma",
            f"dilemma-{o.dilemma}-revision": o.dilemma_revision,
        },
    ),
    "ambitions:prerequisite_add": Route(
        kwargs=_slug,
        post=OWNER_OR_LEAD,
        data=lambda o: {
            "prerequisite-title": "Ny forudsætning",
            "prerequisite-responsible": o.responsible,
            "prerequisite-deadline": "1.6.2027",
            "prerequisite-revision": "0",
        },
    ),
    "ambitions:prerequisite": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.prerequisite},
        get=READ_AMBITION,
        edit_get=OWNER_OR_LEAD,
        post=OWNER_OR_LEAD,
        data=lambda o: {
            f"prerequisite-{o.prerequisite}-title": "Omdøbt forudsætning",
            f"prerequisite-{o.prerequisite}-responsible": o.responsible,
            f"prerequisite-{o.prerequisite}-deadline": "1.6.2027",
            f"prerequisite-{o.prerequisite}-revision": o.prerequisite_revision,
        },
        hx_target="prerequisite",
    ),
    "ambitions:prerequisite_delete": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.prerequisite}, post=OWNER_OR_LEAD
    ),
    # can_change_prerequisite_state: the responsible person (the lead, here) or an editor.
    "ambitions:prerequisite_state": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.prerequisite},
        post=CONDITION,
        data=lambda o: {
            f"state-{o.prerequisite}-state": "in_progress",
            f"state-{o.prerequisite}-remark": "Arbejdet er i gang.",
        },
    ),
    # -- Transition funds (issue 28, item 6) --------------------------------------------------
    "professional:funds": Route(
        kwargs=_slug,
        get=READ_AMBITION,
        post=OWNER_OR_LEAD,
        data=lambda o: _funds_request_data(o.framework),
        hx_target="part-funds",
    ),
    "funds:open": Route(get=PROGRAMME, per_specialty=False),
    "funds:decide": Route(
        kwargs=lambda o: {"pk": o.funds_request},
        post=STEERING_ONLY,
        data=lambda o: {
            f"decide-{o.funds_request}-decision": "reduced",
            f"decide-{o.funds_request}-granted_amount": "60000",
            f"decide-{o.funds_request}-remark": "Halvdelen i år.",
        },
    ),
    # -- Dependencies between specialties (issue 26, item 4) -------------------------------------
    "dependencies:list": Route(kwargs=_slug, get=READ_AMBITION),
    "dependencies:add": Route(kwargs=_slug, post=OWNER_OR_LEAD, data=lambda o: _dependency_data(o)),
    "dependencies:edit": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.dependency},
        get=OWNER_OR_LEAD,
        post=OWNER_OR_LEAD,
        data=lambda o: _dependency_data(o, prefix=f"dependency-{o.dependency}-"),
    ),
    "dependencies:withdraw": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.dependency}, post=OWNER_OR_LEAD
    ),
    # Answered by the owner or a lead of the specialty depended on, under its address.
    "dependencies:answer": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.dependency_asked_of},
        get=OWNER_OR_LEAD,
        post=OWNER_OR_LEAD,
        data=lambda o: {
            f"answer-{o.dependency_asked_of}-state": "accepted",
            f"answer-{o.dependency_asked_of}-remark": "Vi åbner to ekstra CT-tider om ugen.",
        },
    ),
    "ambitions:condition_met": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.condition},
        post=CONDITION,
        data=lambda o: {"note": "Aftalt på mødet."},
    ),
    # -- The professional ambition -----------------------------------------------------------
    "professional:overview": Route(kwargs=_slug, get=LEARN),
    # Already open: opening again returns the existing one.
    "professional:open": Route(kwargs=_slug, post=LEARN_OWNER_OR_LEAD, writes=False),
    # The frameworks already follow the approved version.
    "professional:sync": Route(kwargs=_slug, post=LEARN_OWNER_OR_LEAD, writes=False),
    "professional:framework": Route(
        kwargs=_framework,
        get=LEARN,
        edit_get=LEARN_OWNER_OR_LEAD,
        post=LEARN_OWNER_OR_LEAD,
        data=lambda o: {"purpose-purpose": "Nyt formål.", "purpose-revision": o.framework_revision},
    ),
    "professional:goal_add": Route(
        kwargs=_framework,
        post=LEARN_OWNER_OR_LEAD,
        data=lambda o: {
            "goal-description": "Færre genindlæggelser.",
            "goal-indicator": "Genindlæggelser",
            "goal-unit": "%",
            "goal-baseline": "12",
            "goal-target": "8",
            "goal-target_date": "2027-12-31",
        },
    ),
    "professional:goal_delete": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "goal": o.goal},
        post=LEARN_OWNER_OR_LEAD,
    ),
    "professional:actor_add": Route(
        kwargs=_framework,
        post=LEARN_OWNER_OR_LEAD,
        data=lambda o: {
            "actor-name": "Almen praksis",
            "actor-interest": "2",
            "actor-influence": "1",
        },
    ),
    "professional:actor_delete": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "actor": o.actor},
        post=LEARN_OWNER_OR_LEAD,
    ),
    "professional:focus_area_add": Route(
        kwargs=_framework, post=LEARN_OWNER_OR_LEAD, data=lambda o: {"focus-title": "Opfølgning"}
    ),
    "professional:focus_area_rename": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "focus_area": o.focus_area},
        post=LEARN_OWNER_OR_LEAD,
        data=lambda o: {f"focus-{o.focus_area}-title": "Visitation og henvisning"},
    ),
    "professional:framework_core_team": Route(
        kwargs=_framework, post=LEARN_OWNER_OR_LEAD, data=lambda o: {"team-members": [o.membership]}
    ),
    "professional:status": Route(kwargs=_slug, get=LEARN),
    "professional:status_update": Route(
        kwargs=_framework,
        get=LEARN,
        edit_get=LEARN_OWNER_OR_LEAD,
        post=LEARN_OWNER_OR_LEAD,
        data=lambda o: {
            f"status-{o.framework}-anchoring": "Ledelsesforum",
            f"status-{o.framework}-comment": "Godt i gang.",
            f"status-{o.framework}-revision": o.framework_revision,
        },
    ),
    "professional:traceability": Route(kwargs=_slug, get=LEARN),
    "professional:focus_area": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.focus_area}, get=LEARN
    ),
    "professional:action_add": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.focus_area},
        post=LEARN_PEOPLE,
        data=_action_data,
    ),
    "professional:action": Route(
        kwargs=_action,
        get=LEARN,
        edit_get=LEARN_PEOPLE,
        post=LEARN_PEOPLE,
        data=_action_data,
    ),
    "professional:milestone_add": Route(
        kwargs=_action,
        post=LEARN_PEOPLE,
        data=lambda o: {"title": "Godkendt", "due_date": "2026-06-01"},
    ),
    "professional:milestone_toggle": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.action, "milestone": o.milestone},
        post=LEARN_PEOPLE,
        data=lambda o: {"done": "1"},
    ),
    "professional:indicator_add": Route(
        kwargs=_action,
        post=LEARN_PEOPLE,
        data=lambda o: {"name": "Andel", "unit": "%", "baseline": "10", "target": "50"},
    ),
    "professional:measurement_add": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.action, "indicator": o.indicator},
        post=LEARN_PEOPLE,
        data=lambda o: {"measured_on": "2026-01-15", "value": "55"},
    ),
    # History (issue 13): like the strategic ambition's, not every reader's (LEARNING_RULE).
    "professional:framework_history": Route(kwargs=_framework, get=READ_AMBITION),
    "professional:action_history": Route(kwargs=_action, get=READ_AMBITION),
    "sustainability:challenge_history": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.challenge}, get=READ_AMBITION
    ),
    # -- Conversations (issue 13): permissions.can_discuss_professional -----------------------
    "conversations:framework_thread": Route(
        kwargs=_framework,
        get=READ_AMBITION,
        post=READ_AMBITION,
        data=lambda o: {"text": "Hvem tager visitationen?"},
    ),
    "conversations:status_thread": Route(
        kwargs=_framework,
        get=READ_AMBITION,
        post=READ_AMBITION,
        data=lambda o: {"text": "Hvornår er rækken opdateret?"},
    ),
    "conversations:action_thread": Route(
        kwargs=_action,
        get=READ_AMBITION,
        post=READ_AMBITION,
        data=lambda o: {"text": "Er udkastet klar?"},
    ),
    # Each person's own notifications: every signed-in person (the world has none to mark).
    "conversations:notifications": Route(get=SEE_SPECIALTY, per_specialty=False),
    "conversations:unread": Route(get=SEE_SPECIALTY, per_specialty=False),
    "conversations:mark_read": Route(
        post=SEE_SPECIALTY, data=lambda o: {"up_to": "1"}, writes=False, per_specialty=False
    ),
    # -- Improvement tools -------------------------------------------------------------------
    "improvement:indicator": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.indicator}, get=LEARN, hx_target="part-chart"
    ),
    "improvement:baseline": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.indicator},
        post=LEARN_PEOPLE,
        data=lambda o: {"until": "15.06.2026"},
        hx_target="part-chart",
    ),
    "improvement:cycles": Route(
        kwargs=_action,
        get=LEARN,
        post=LEARN_PEOPLE,
        data=lambda o: {
            "plan": "Næste forsøg.",
            "responsible": o.responsible,
            "starts_on": "01.05.2026",
            "study_on": "01.06.2026",
            "prediction": "Bedre.",
        },
        hx_target="part-cycles",
    ),
    "improvement:cycle_stage": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.action, "cycle": o.cycle, "stage": "do"},
        get=LEARN_PEOPLE,
        post=LEARN_PEOPLE,
        data=lambda o: {"do": "Tjeklisten blev brugt.", "revision": 0},
        hx_target="part-cycles",
    ),
    "improvement:drivers": Route(
        kwargs=_framework,
        get=LEARN,
        post=LEARN_PEOPLE,
        data=lambda o: {"text": "Kompetencer"},
        hx_target="part-diagram",
    ),
    "improvement:driver_delete": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "driver": o.secondary},
        post=LEARN_PEOPLE,
        hx_target="part-diagram",
    ),
    "improvement:idea_add": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "driver": o.secondary},
        post=LEARN_PEOPLE,
        data=lambda o: {"text": "Fast visitator"},
        hx_target="part-diagram",
    ),
    "improvement:driver_rename": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "driver": o.secondary},
        post=LEARN_PEOPLE,
        data=lambda o: {"text": "Fælles kriterier og vagtlag", "was": "Fælles kriterier"},
        hx_target="part-diagram",
    ),
    "improvement:idea_rename": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "idea": o.idea},
        post=LEARN_PEOPLE,
        data=lambda o: {"text": "Tjekliste ved al visitation", "was": "Tjekliste ved visitation"},
        hx_target="part-diagram",
    ),
    "improvement:idea_delete": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "idea": o.idea},
        post=LEARN_PEOPLE,
        hx_target="part-diagram",
    ),
    "improvement:idea_actions": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.framework, "idea": o.idea},
        post=LEARN_PEOPLE,
        data=lambda o: {"actions": [o.action]},
        hx_target="part-diagram",
    ),
    # -- Documents ---------------------------------------------------------------------------
    "documents:request": Route(
        post=READ_AMBITION,
        data=lambda o: {"kind": DocumentKind.SPECIALTY_REPORT, "specialty": o.slug},
        bodies=(
            Body(
                "programme report",
                PROGRAMME,
                lambda w: {"kind": DocumentKind.PROGRAMME_REPORT},
            ),
            Body(
                "a's framework",
                LEARN,
                lambda w: {
                    "kind": DocumentKind.FRAMEWORK,
                    "specialty": w.a.slug,
                    "object_id": w.a.framework,
                },
            ),
            Body(
                "b's framework under a's slug",
                NOBODY,
                lambda w: {
                    "kind": DocumentKind.FRAMEWORK,
                    "specialty": w.a.slug,
                    "object_id": w.b.framework,
                },
            ),
            Body(
                "b's focus area under a's slug",
                NOBODY,
                lambda w: {
                    "kind": DocumentKind.ACTIONS,
                    "specialty": w.a.slug,
                    "object_id": w.b.focus_area,
                },
            ),
        ),
    ),
    # -- The programme -----------------------------------------------------------------------
    "programme:overview": Route(get=MEMBERS, per_specialty=False),
    "programme:overview_export": Route(
        kwargs=lambda o: {"fmt": "csv"}, get=MEMBERS, per_specialty=False
    ),
    "programme:actions_export": Route(
        kwargs=lambda o: {"fmt": "xlsx"}, get=MEMBERS, per_specialty=False
    ),
    # The acute hospital's view of a site (issue 26): every programme member.
    "programme:site": Route(
        kwargs=lambda o: {
            "pk": Site.objects.order_by("order", "pk").values_list("pk", flat=True)[0]
        },
        get=MEMBERS,
        per_specialty=False,
    ),
    "programme:site_export": Route(
        kwargs=lambda o: {
            "pk": Site.objects.order_by("order", "pk").values_list("pk", flat=True)[0],
            "fmt": "xlsx",
        },
        get=MEMBERS,
        per_specialty=False,
    ),
    "programme:my_tasks": Route(get=SEE_SPECIALTY, per_specialty=False),
    "programme:search": Route(get=SEE_SPECIALTY, per_specialty=False),
    "programme:plan": Route(get=MEMBERS, per_specialty=False),
    "programme:contact": Route(
        get=CONTACT_EDIT,
        post=CONTACT_EDIT,
        data=lambda o: {"name": "BASS-sekretariatet", "email": "bass@example.org"},
        per_specialty=False,
    ),
    "programme:ambition": Route(get=MEMBERS, per_specialty=False, prepare=programme_written),
    "programme:part": Route(
        kwargs=lambda o: {"kind": PART},
        get=MEMBERS,
        edit_get=SECRETARIAT,
        post=SECRETARIAT,
        data=lambda o: {f"{PART}-text": "Programmets situationsbillede.", f"{PART}-revision": 0},
        per_specialty=False,
        prepare=programme_written,
    ),
    "programme:version_add": Route(
        post=SECRETARIAT, per_specialty=False, prepare=programme_written
    ),
    "programme:version": Route(
        kwargs=lambda o: {"number": 1}, get=MEMBERS, per_specialty=False, prepare=programme_written
    ),
    # -- Status rounds and a person's settings (issue 13) -------------------------------------
    "rounds:list": Route(get=MEMBERS, per_specialty=False, prepare=round_opened),
    "rounds:open": Route(post=SECRETARIAT, data=lambda o: ROUND_DATA, per_specialty=False),
    "rounds:detail": Route(kwargs=_round, get=MEMBERS, per_specialty=False, prepare=round_opened),
    "rounds:close": Route(
        kwargs=_round, post=SECRETARIAT, per_specialty=False, prepare=round_opened
    ),
    "rounds:since": Route(kwargs=_slug, get=MEMBERS, prepare=round_opened),
    # -- Key figures (issue 27) ----------------------------------------------------------------
    "effect:figures": Route(get=MEMBERS, per_specialty=False, prepare=key_figures_defined),
    "effect:figure_add": Route(
        get=SECRETARIAT,
        post=SECRETARIAT,
        data=lambda o: {**KEY_FIGURE_DATA, "per_site_only": "on"},
        per_specialty=False,
    ),
    "effect:figure_edit": Route(
        kwargs=lambda o: {"pk": _key_figure()},
        get=SECRETARIAT,
        post=SECRETARIAT,
        data=lambda o: {**KEY_FIGURE_DATA, "name": "Sygefravær i alt", "per_site_only": "on"},
        per_specialty=False,
        prepare=key_figures_defined,
    ),
    "effect:programme_start": Route(
        post=SECRETARIAT, data=lambda o: {"programme_start": "01.01.2025"}, per_specialty=False
    ),
    "effect:before_after": Route(get=MEMBERS, per_specialty=False, prepare=key_figures_defined),
    "effect:sites": Route(
        get=MEMBERS,
        post=SECRETARIAT,
        data=lambda o: _key_figure_value(o, per_site_only=True),
        per_specialty=False,
        prepare=key_figures_defined,
    ),
    "effect:specialty": Route(
        kwargs=_slug,
        get=MEMBERS,
        post=RECORD_KEY_FIGURES,
        data=_key_figure_value,
        prepare=key_figures_defined,
    ),
    "people:settings": Route(
        get=SEE_SPECIALTY,
        post=SEE_SPECIALTY,
        data=lambda o: {"reminder_frequency": "weekly"},
        per_specialty=False,
    ),
    "documents:job": Route(kwargs=lambda o: {"pk": o.job}, get=READ_AMBITION),
    # -- The inspiration library (issue 15) --------------------------------------------------
    "inspiration:library": Route(get=SEE_SPECIALTY, per_specialty=False),
    "inspiration:task_shifts": Route(get=SEE_SPECIALTY, per_specialty=False),
    "inspiration:case": Route(
        kwargs=lambda o: {"slug": LIBRARY_CASE},
        get=SEE_SPECIALTY,
        edit_get=LIBRARY_EDIT,
        post=LIBRARY_EDIT,
        data=_library_case_data,
        per_specialty=False,
        hx_target="part-case",
    ),
    "inspiration:case_add": Route(
        get=LIBRARY_EDIT,
        post=LIBRARY_EDIT,
        data=lambda o: {**_library_case_data(o), "title": "En ny case", "revision": ""},
        per_specialty=False,
        hx_target="part-case-form",
    ),
    # Suggestions for a challenge: whoever reads the specialty's challenges.
    "inspiration:challenge": Route(
        kwargs=lambda o: {"slug": o.slug, "pk": o.challenge}, get=READ_AMBITION
    ),
    # An action's inspiration: read with the action, cited by those who edit it.
    "inspiration:action": Route(
        kwargs=_action,
        get=LEARN,
        post=LEARN_PEOPLE,
        data=lambda o: {"case": Case.objects.get(slug="ai-mamma").pk},
        hx_target="part-citations",
    ),
    "documents:download": Route(kwargs=lambda o: {"pk": o.job}, get=READ_AMBITION),
    # -- Data out: access tokens and the calendar feed (issue 27, item 4) --------------------
    # A person's tokens are issued on the people pages: the secretariat's (403 for others).
    "access:person_tokens": Route(
        kwargs=lambda o: {"pk": o.newcomer},
        get=PEOPLE,
        post=PEOPLE,
        data=lambda o: {"name": "Regionens BI"},
        per_specialty=False,
        hx_target="part-tokens",
    ),
    # Someone else's token (here the newcomer's): not there for anyone but the secretariat;
    # withdrawing one's own is tested in tests/api/test_token_pages.py.
    "access:token_withdraw": Route(
        kwargs=lambda o: {"pk": _newcomers_token(o)},
        post=_rule("withdraw someone's token", "secretariat"),
        prepare=lambda world: _newcomers_token(world.a) and None,
        per_specialty=False,
        hx_target="part-tokens",
    ),
    # The person's own calendar address and tokens: everyone signed in has their own.
    "access:mine": Route(get=SEE_SPECIALTY, per_specialty=False),
    "access:calendar_reset": Route(
        post=SEE_SPECIALTY, per_specialty=False, hx_target="part-calendar"
    ),
    # A made-up calendar address: 404 for everyone (a real one: tests/api/test_calendar.py).
    "access:calendar_feed": Route(
        kwargs=lambda o: {"secret": "made-up"},
        get=Rule("calendar address not valid", frozenset(), everyone=404),
        per_specialty=False,
    ),
    # -- Data in by the file (issue 27, item 3) -----------------------------------------------
    "dataimport:start": Route(get=IMPORTERS, per_specialty=False),
    "dataimport:template": Route(
        kwargs=lambda o: {"kind": "maalinger", "fmt": "xlsx"}, get=IMPORTERS, per_specialty=False
    ),
    "dataimport:upload": Route(
        post=IMPORTERS,
        data=_import_file,
        writes=False,  # the preview saves nothing
        per_specialty=False,
        hx_target="part-upload",
    ),
    "dataimport:confirm": Route(post=IMPORT_A, data=_import_preview, per_specialty=False),
    "dataimport:history": Route(get=IMPORTERS, per_specialty=False),
    "dataimport:undo": Route(
        kwargs=_import, post=UNDO_IMPORT, per_specialty=False, prepare=imported
    ),
}


def _newcomers_token(o: Objects) -> int:
    """A token of the newcomer's, issued by the secretariat (made once, then found)."""
    from api.models import ApiToken
    from api.services import token_issue

    token = ApiToken.objects.filter(user_id=o.newcomer).first()
    if token is None:
        issuer = User.objects.filter(programme_role=ProgrammeRole.SECRETARIAT).first()
        assert issuer is not None
        token, _secret = token_issue(user=User.objects.get(pk=o.newcomer), name="BI", by=issuer)
    return token.pk


# URLs deliberately left out of the matrix, and why.
EXEMPT_PREFIXES = {
    "admin/": "Django's admin: its own permission system (staff, model permissions); the "
    "admin lockdown is its own piece of work with its own tests.",
    "favicon.ico": "A redirect to the public icon for browsers that ask the old address; no "
    "data, the same answer for everyone (tested in tests/test_start_up.py).",
    "api/v1/": "The JSON API answers tokens, not sessions (401 to every persona here); who "
    "may read what through it, and the public schema, are tested in tests/api/test_api.py.",
}
EXEMPT_NAMES = {
    "help": "The built user guide under hjaelp/ (the header's Hjælp): static pages without "
    "data, the same for everyone, signed in or not (tested in tests/test_help.py).",
    "set_language": "Django's language switch: no data, no permission; it only sets a cookie "
    "(tested in tests/test_i18n.py).",
}


def named_urls() -> dict[str, str]:
    """Every named URL of the URL conf (qualified with its namespace) -> its route, and
    unnamed ones under ``<unnamed ROUTE>``."""
    found: dict[str, str] = {}

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, (inner or namespace) or "", route)
            elif isinstance(pattern, URLPattern):
                if pattern.name is None:
                    found[f"<unnamed {route}>"] = route
                else:
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    found[name] = route

    walk(get_resolver().url_patterns, "", "")
    return found


def is_exempt(name: str, route: str) -> bool:
    return name in EXEMPT_NAMES or any(route.startswith(p) for p in EXEMPT_PREFIXES)
