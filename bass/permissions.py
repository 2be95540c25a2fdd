"""Every "may this person do this?" of BASS Ambitions, in one place.

Views never call these predicates to refuse: they load what they act on through the
``get_*_for_<verb>`` access functions of each app's ``access.py``, which turn a "no" into
404 (may not see) or 403 (``require``: may see, may not do this). Templates ask the same
predicates through the ``bass_permissions`` template tags, so a button is shown exactly when
pressing it works.

Specialty predicates read ``specialty.memberships.all()``, which the pages prefetch, so
asking them in a loop costs no queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from ambitions.models import ApprovalCondition, Dependency, Prerequisite, StrategicAmbition
    from specialties.models import Specialty
    from sustainability.models import Challenge

# What ``request.user`` may be.
AnyUser = AbstractBaseUser | AnonymousUser


def require(allowed: bool) -> None:
    """403 unless ``allowed``: for access functions, once the object is known to be visible
    (what the user may not see is a 404, raised before this)."""
    if not allowed:
        raise PermissionDenied


def is_signed_in(user: AnyUser) -> bool:
    """A signed-in person whose account is active: what every rule asks first."""
    return bool(user.is_authenticated and user.is_active)


def _active(user: AnyUser) -> bool:
    return is_signed_in(user)


def _programme_role(user: AnyUser) -> str:
    return str(getattr(user, "programme_role", "")) if _active(user) else ""


def is_steering_group(user: AnyUser) -> bool:
    """A member of the BASS steering group (BASS-programstyregruppe)."""
    return _programme_role(user) == "steering_group"


def is_secretariat(user: AnyUser) -> bool:
    """A member of the BASS secretariat (BASS-sekretariat)."""
    return _programme_role(user) == "secretariat"


def roles_in(user: AnyUser, specialty: Specialty) -> frozenset[str]:
    """The user's roles in the specialty (values of ``Membership.Role``).

    Asked for every button of every row, so the answer is kept on the specialty object for
    the rest of the request (a fresh object, as every request loads, asks again)."""
    if not _active(user):
        return frozenset()
    known: dict[object, frozenset[str]] = specialty.__dict__.setdefault("_roles_by_user", {})
    if user.pk not in known:
        known[user.pk] = frozenset(
            m.role for m in specialty.memberships.all() if m.user_id == user.pk
        )
    return known[user.pk]


def is_owner(user: AnyUser, specialty: Specialty) -> bool:
    return "owner" in roles_in(user, specialty)


def is_implementation_lead(user: AnyUser, specialty: Specialty) -> bool:
    return "implementation_lead" in roles_in(user, specialty)


def is_core_team_member(user: AnyUser, specialty: Specialty) -> bool:
    return "core_team" in roles_in(user, specialty)


def is_programme_member(user: AnyUser) -> bool:
    """A signed-in, active person with a programme role (steering group, secretariat) or a
    role in at least one specialty (owner, implementation lead, core team).

    The one predicate that may query (does the person have any membership?); the answer is
    kept on the user object for the rest of the request.
    """
    if not _active(user):
        return False
    if _programme_role(user):
        return True
    cached = getattr(user, "_bass_is_programme_member", None)
    if cached is None:
        memberships = getattr(user, "memberships", None)
        cached = bool(memberships is not None and memberships.exists())
        user._bass_is_programme_member = cached  # type: ignore[union-attr]
    return bool(cached)


def can_view_specialty(user: AnyUser, specialty: Specialty) -> bool:
    """Every signed-in person may see every specialty and who carries it: the programme
    works in the open across sites, and knowing whom to ask is the point of the page."""
    return _active(user)


def can_manage_core_team(user: AnyUser, specialty: Specialty) -> bool:
    """The owner picks the core team (the guides "BASS kort fortalt" and "Hvad er en faglig
    ambition?"); the secretariat helps keep it right."""
    return is_owner(user, specialty) or is_secretariat(user)


def can_edit_reference_data(user: AnyUser) -> bool:
    """Sites, specialties, professions, perspectives and principles: the secretariat's job
    (and a superuser's, who runs the installation)."""
    return is_secretariat(user) or (_active(user) and bool(getattr(user, "is_superuser", False)))


# -- The strategic ambition (the guide "Hvad er en faglig ambition?") and its challenges --


def can_view_ambition(user: AnyUser, specialty: Specialty) -> bool:
    """The specialty's own people and the programme (steering group, secretariat) read the
    strategic ambition, its challenges and its history; drafts are not for everyone."""
    return bool(roles_in(user, specialty)) or is_steering_group(user) or is_secretariat(user)


def has_approved_version(specialty: Specialty) -> bool:
    """Whether the specialty's strategic ambition has an approved, valid version (read from
    ``with_people()``'s selected ambition: no query)."""
    ambition = getattr(specialty, "strategic_ambition", None)
    return ambition is not None and ambition.approved_version_id is not None


# Learning across specialties (issue 12). The programme's own strategic ambition asks the
# specialties to "analysere, lære og korrigere" across specialties, so what a specialty has
# had approved is open to the whole programme:
#
# - the approved, valid version of a strategic ambition and the professional ambition built
#   on it are readable by every programme member (``is_programme_member``);
# - the working copy (drafts, submitted and returned versions, a revision in progress), its
#   challenges, comments, history and version comparisons stay with the specialty's own
#   people, the steering group and the secretariat (``can_view_ambition``).
LEARNING_RULE = _(
    "An approved strategic ambition and the professional ambition built on it can be read by "
    "everyone in the programme: the people of every specialty, the steering group and the "
    "secretariat. Drafts, submitted versions, comments and history stay with the specialty's "
    "own people, the steering group and the secretariat."
)


def can_read_approved_ambition(user: AnyUser, specialty: Specialty) -> bool:
    """The approved version of the strategic ambition: everyone who reads the working copy,
    and every programme member once a version is approved (``LEARNING_RULE``)."""
    if not has_approved_version(specialty):
        return False
    return can_view_ambition(user, specialty) or is_programme_member(user)


def can_view_professional_ambition(user: AnyUser, specialty: Specialty) -> bool:
    """The professional ambition is built on an approved strategic ambition, and is open to
    every programme member (``LEARNING_RULE``); its editing stays with the specialty."""
    return can_view_ambition(user, specialty) or (
        has_approved_version(specialty) and is_programme_member(user)
    )


def can_start_ambition(user: AnyUser, specialty: Specialty) -> bool:
    """The owner writes and owns the strategic ambition (the guide "BASS kort fortalt")."""
    return is_owner(user, specialty)


def can_edit_ambition(user: AnyUser, ambition: StrategicAmbition) -> bool:
    """The owner writes it with the implementation leads (the guide "Hvad er en faglig
    ambition?"), while it is a draft or
    returned; submitted and approved versions are not edited in place."""
    return ambition.is_editable and is_owner_or_lead(user, ambition.specialty)


def can_submit_ambition(user: AnyUser, ambition: StrategicAmbition) -> bool:
    """Only the owner submits to the steering group."""
    return ambition.is_editable and is_owner(user, ambition.specialty)


def can_decide_ambition(user: AnyUser, ambition: StrategicAmbition) -> bool:
    """Only the steering group approves or returns (the guide "Hvad er en faglig ambition?"), and
    only what was submitted, and never its own work (``decision_conflict``)."""
    return (
        ambition.status == "submitted"
        and is_steering_group(user)
        and not decision_conflict(user, ambition)
    )


def decision_conflict(user: AnyUser, ambition: StrategicAmbition) -> str:
    """Why this person may not decide on the ambition's submitted version, or "" (issue 25,
    item 6: separation of duties). Whoever holds a role in the specialty, or submitted the
    version, would approve their own work; the secretariat can give a steering-group member a
    role in a specialty, so the programme role alone does not settle it.

    Asks the database for the submitter only when the roles have not answered already."""
    if roles_in(user, ambition.specialty):
        return str(
            _(
                "You hold a role in this specialty, so another member of the steering group "
                "must decide on its strategic ambition."
            )
        )
    if ambition.status == "submitted" and _active(user):
        submitted = ambition.versions.filter(outcome="pending", submitted_by_id=user.pk)
        if submitted.exists():
            return str(
                _(
                    "You submitted this version, so another member of the steering group "
                    "must decide on it."
                )
            )
    return ""


def can_start_revision(user: AnyUser, ambition: StrategicAmbition) -> bool:
    """The owner opens a revision of an approved ambition; the approved one stays valid."""
    return ambition.status == "approved" and is_owner(user, ambition.specialty)


def can_comment(user: AnyUser, specialty: Specialty) -> bool:
    """Everyone who reads the ambition may ask and answer on it."""
    return can_view_ambition(user, specialty)


def can_follow_up_condition(
    user: AnyUser, condition: ApprovalCondition, specialty: Specialty
) -> bool:
    """The person responsible for a condition, or the owner, records that it is met."""
    return (
        _active(user)
        and condition.met_at is None
        and (condition.responsible_id == user.pk or is_owner(user, specialty))
    )


def can_view_decision_register(user: AnyUser) -> bool:
    """The programme-wide register of decisions is the steering group's and secretariat's."""
    return is_steering_group(user) or is_secretariat(user)


def can_edit_challenges(user: AnyUser, specialty: Specialty) -> bool:
    """The core team adds and tags challenges (the guides "BASS kort fortalt" and "Hvad er en
    faglig ambition?"), with the owner and leads
    (a core challenge only while the ambition is editable: ``can_edit_challenge``)."""
    return bool(roles_in(user, specialty))


def can_edit_challenge(
    user: AnyUser, challenge: Challenge, ambition: StrategicAmbition | None
) -> bool:
    """The specialty's people edit its challenges. A core challenge is part of the strategic
    ambition, so its text, lenses and tags change only while the parts do (draft or
    returned): the steering group decides on, and the approval covers, what the page shows,
    and a later change shows up under "changes since approval" of a new draft. Ordinary
    challenges are the core team's working list, open at any time."""
    if not can_edit_challenges(user, challenge.specialty):
        return False
    return not challenge.is_core or ambition is None or ambition.is_editable


def can_choose_core_challenges(
    user: AnyUser, specialty: Specialty, ambition: StrategicAmbition | None
) -> bool:
    """The owner and the implementation leads choose the core challenges and their order;
    not while the ambition is with the steering group or approved."""
    editable = ambition is None or ambition.is_editable
    return editable and is_owner_or_lead(user, specialty)


def is_owner_or_lead(user: AnyUser, specialty: Specialty) -> bool:
    """The specialty's owner or one of its implementation leads: the ambitions' writers."""
    return bool(roles_in(user, specialty) & {"owner", "implementation_lead"})


def can_edit_population_picture(user: AnyUser, specialty: Specialty) -> bool:
    """The population picture (sites, services, strength positions and its introduction) is
    written by the owner with the implementation leads (issue 26, item 2)."""
    return is_owner_or_lead(user, specialty)


# -- The professional ambition (the guide "Hvad er en faglig ambition?") --


def can_open_professional_ambition(user: AnyUser, ambition: StrategicAmbition | None) -> bool:
    """The owner or a lead opens it once the strategic ambition has an approved version."""
    return (
        ambition is not None
        and ambition.approved_version_id is not None
        and is_owner_or_lead(user, ambition.specialty)
    )


def can_edit_frameworks(user: AnyUser, specialty: Specialty) -> bool:
    """ "Rammer for indsatsområdet" are written by the owner with the implementation leads."""
    return is_owner_or_lead(user, specialty)


def can_edit_status(user: AnyUser, specialty: Specialty) -> bool:
    """The owner and the implementation leads report status og fremdrift."""
    return is_owner_or_lead(user, specialty)


def can_edit_actions(user: AnyUser, specialty: Specialty) -> bool:
    """The core team develops the concrete actions (the guide "Hvad er en faglig ambition?"), with
    the owner and the leads
    who drive them; the steering group and secretariat read."""
    return bool(roles_in(user, specialty))


def can_discuss_professional(user: AnyUser, specialty: Specialty) -> bool:
    """Comments on a framework, an action or a status row (issue 13): read and written by
    the specialty's people, the steering group and the secretariat, like the strategic
    ambition's comments. ``LEARNING_RULE`` opens the approved work to the whole programme,
    but its comments stay with those who carry and follow it."""
    return can_view_ambition(user, specialty)


def can_view_professional_history(user: AnyUser, specialty: Specialty) -> bool:
    """The history of frameworks, actions and challenges (who changed what, before and
    after): like the strategic ambition's, for the specialty's people and the programme."""
    return can_view_ambition(user, specialty)


# -- Documents -------------------------------------------------------------------------------


def can_view_programme_report(user: AnyUser) -> bool:
    """The programme status report covers every specialty, drafts and overdue work
    included: it is for the steering group's meetings and the secretariat who prepares them."""
    return is_steering_group(user) or is_secretariat(user)


# -- The programme (issue 12) -----------------------------------------------------------------


def can_view_programme_overview(user: AnyUser) -> bool:
    """The overview of every specialty is the steering group's and the secretariat's tool,
    and readable by every programme member: the figures are about approved work."""
    return is_programme_member(user)


def can_view_programme(user: AnyUser) -> bool:
    """The programme's own strategic ambition and plan: every programme member."""
    return is_programme_member(user)


def can_edit_programme(user: AnyUser) -> bool:
    """The secretariat writes the programme's strategic ambition and keeps its plan."""
    return is_secretariat(user)


def can_edit_secretariat_contact(user: AnyUser) -> bool:
    """The secretariat says whom people without a role contact (everyone signed in sees it)."""
    return is_secretariat(user)


# -- The inspiration library (issue 15) -------------------------------------------------------


def can_read_inspiration(user: AnyUser) -> bool:
    """The national analysis's cases are public knowledge, and the point of the library is
    that every team meets them where it works: every signed-in person reads it."""
    return _active(user)


def can_edit_inspiration(user: AnyUser) -> bool:
    """The secretariat keeps the library, as it keeps the other reference data."""
    return can_edit_reference_data(user)


def can_cite_inspiration(user: AnyUser, specialty: Specialty) -> bool:
    """An action's inspiration is part of the action: whoever may edit the action cites cases
    for it (``can_edit_actions``)."""
    return can_edit_actions(user, specialty)


# -- Status rounds (issue 13) -------------------------------------------------------------------


def can_view_rounds(user: AnyUser) -> bool:
    """A status round's page, and what changed since the last round: every programme member
    (the same figures as the programme overview, which they read)."""
    return is_programme_member(user)


def can_manage_rounds(user: AnyUser) -> bool:
    """The secretariat collects "Status og fremdrift" across specialties for the steering
    group (the guide "BASS kort fortalt"): it opens and closes the rounds."""
    return is_secretariat(user)


# -- People: invitations, accounts and roles (issue 24) -----------------------------------


def can_invite(user: AnyUser, specialty: Specialty, role: str) -> bool:
    """The secretariat invites to any role of any specialty; the owner and the
    implementation leads invite people to their own specialty's core team."""
    if is_secretariat(user):
        return True
    return role == "core_team" and (
        is_owner(user, specialty) or is_implementation_lead(user, specialty)
    )


def can_invite_to_specialty(user: AnyUser, specialty: Specialty) -> bool:
    """Whether the person may invite anyone to the specialty (at least to its core team),
    and so see and resend or withdraw its pending invitations to the roles they may give."""
    return can_invite(user, specialty, "core_team")


def can_manage_people(user: AnyUser) -> bool:
    """The people pages (everyone's roles, deactivating and reactivating accounts): the
    secretariat's job."""
    return is_secretariat(user)


# -- Key figures (effektmål, issue 27) ----------------------------------------------------------


def can_define_key_figures(user: AnyUser) -> bool:
    """The secretariat defines the key figures and the programme's start, as it keeps the
    other reference data."""
    return is_secretariat(user)


def can_view_key_figures(user: AnyUser) -> bool:
    """A specialty's key figures, their trends and the before/after page: every programme
    member (the same people who read the programme overview)."""
    return is_programme_member(user)


def can_record_key_figures(user: AnyUser, specialty: Specialty) -> bool:
    """The people responsible for a specialty record its key figures: the owner and the
    implementation leads (the secretariat helps, as it keeps the figures per site)."""
    return is_owner_or_lead(user, specialty) or is_secretariat(user)


def can_record_site_key_figures(user: AnyUser) -> bool:
    """A key figure per site only belongs to no specialty: the secretariat records it."""
    return is_secretariat(user)


# -- Prerequisites (forudsætninger, issue 28) ------------------------------------------------


def can_change_prerequisite_state(
    user: AnyUser, prerequisite: Prerequisite, specialty: Specialty
) -> bool:
    """The person responsible for a prerequisite moves its state on, with a dated remark;
    the owner and the implementation leads, who keep the list, may too."""
    return _active(user) and (
        prerequisite.responsible_id == user.pk or is_owner_or_lead(user, specialty)
    )


# -- Transition funds (issue 28, item 6) --------------------------------------------------------


def can_view_funds(user: AnyUser, specialty: Specialty) -> bool:
    """A specialty's funds requests and the steering group's decisions on them: its own
    people and the programme (steering group, secretariat), like the strategic ambition."""
    return can_view_ambition(user, specialty)


def can_request_funds(user: AnyUser, specialty: Specialty) -> bool:
    """The owner and the implementation leads, who answer for the specialty's resources,
    ask the steering group for transition funds."""
    return is_owner_or_lead(user, specialty)


def can_view_open_funds(user: AnyUser) -> bool:
    """The open requests of every specialty: the steering group decides them, the
    secretariat prepares its meetings."""
    return is_steering_group(user) or is_secretariat(user)


def can_decide_funds(user: AnyUser) -> bool:
    """The programme's steering group grants, reduces or refuses transition funds."""
    return is_steering_group(user)


def funds_conflict(user: AnyUser, specialty: Specialty) -> str:
    """Why this member of the steering group may not decide the specialty's funds requests,
    or "": like ``decision_conflict``, whoever holds a role in the specialty (the requester
    always does) would grant their own work money."""
    if roles_in(user, specialty):
        return str(
            _(
                "You hold a role in this specialty, so another member of the steering group "
                "must decide on its funds requests."
            )
        )
    return ""


# -- Dependencies between specialties (issue 26, item 4) -------------------------------------


def can_view_dependencies(user: AnyUser, specialty: Specialty) -> bool:
    """What a specialty asks of others and what others ask of it: like its strategic
    ambition, for its own people and the programme (steering group, secretariat)."""
    return can_view_ambition(user, specialty)


def can_view_dependency(user: AnyUser, dependency: Dependency) -> bool:
    """One dependency: the people of both specialties, and the programme."""
    return can_view_dependencies(user, dependency.specialty) or can_view_dependencies(
        user, dependency.depends_on
    )


def can_ask_dependency(user: AnyUser, specialty: Specialty) -> bool:
    """The owner and the implementation leads name what their specialty's work needs from
    another specialty: they carry the work, and the other specialty's owner answers them."""
    return is_owner_or_lead(user, specialty)


def can_change_dependency(user: AnyUser, dependency: Dependency) -> bool:
    """The asking specialty's owner or a lead changes the dependency while it is not
    accepted or withdrawn (a change after a question or a "no" asks again)."""
    return dependency.is_changeable and is_owner_or_lead(user, dependency.specialty)


def can_withdraw_dependency(user: AnyUser, dependency: Dependency) -> bool:
    """The asking specialty's owner or a lead withdraws it when it is no longer needed."""
    return dependency.state != "withdrawn" and is_owner_or_lead(user, dependency.specialty)


def can_answer_dependency(user: AnyUser, dependency: Dependency) -> bool:
    """The owner or a lead of the specialty depended on answers an open dependency: they
    decide what their specialty can give."""
    return dependency.is_open and is_owner_or_lead(user, dependency.depends_on)
