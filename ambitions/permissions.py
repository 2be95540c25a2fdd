"""Who may read, write and decide on a specialty's strategic ambition and the professional
ambition built on it (the guide "Hvad er en faglig ambition?"), and follow its conditions.

Views never call these predicates to refuse: the ``access.py`` of ``ambitions.strategic``
and ``ambitions.professional`` load what a view acts on and turn a "no" into 404 or 403
(``bass.permissions.require``); templates ask the same predicates through the
``bass_permissions`` template tags.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ambitions.models import (
    AmbitionVersion,
    ApprovalCondition,
    Dependency,
    DependencyState,
    Prerequisite,
    Status,
    StrategicAmbition,
)
from bass.permissions import AnyUser, is_signed_in
from people.permissions import is_secretariat, is_steering_group
from specialties.models import Specialty
from specialties.permissions import (
    can_view_ambition,
    is_owner,
    is_owner_or_lead,
    is_programme_member,
    roles_in,
)

# -- The strategic ambition and its challenges ------------------------------------------------


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
        ambition.status == Status.SUBMITTED
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
    if ambition.status == Status.SUBMITTED and is_signed_in(user):
        submitted = ambition.versions.filter(
            outcome=AmbitionVersion.Outcome.PENDING, submitted_by_id=user.pk
        )
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
    return ambition.status == Status.APPROVED and is_owner(user, ambition.specialty)


def can_comment(user: AnyUser, specialty: Specialty) -> bool:
    """Everyone who reads the ambition may ask and answer on it."""
    return can_view_ambition(user, specialty)


def can_follow_up_condition(
    user: AnyUser, condition: ApprovalCondition, specialty: Specialty
) -> bool:
    """The person responsible for a condition, or the owner, records that it is met."""
    return (
        is_signed_in(user)
        and condition.met_at is None
        and (condition.responsible_id == user.pk or is_owner(user, specialty))
    )


def can_view_decision_register(user: AnyUser) -> bool:
    """The programme-wide register of decisions is the steering group's and secretariat's."""
    return is_steering_group(user) or is_secretariat(user)


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


# -- Prerequisites (forudsætninger, issue 28) ------------------------------------------------


def can_change_prerequisite_state(
    user: AnyUser, prerequisite: Prerequisite, specialty: Specialty
) -> bool:
    """The person responsible for a prerequisite moves its state on, with a dated remark;
    the owner and the implementation leads, who keep the list, may too."""
    return is_signed_in(user) and (
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
    return dependency.state != DependencyState.WITHDRAWN and is_owner_or_lead(
        user, dependency.specialty
    )


def can_answer_dependency(user: AnyUser, dependency: Dependency) -> bool:
    """The owner or a lead of the specialty depended on answers an open dependency: they
    decide what their specialty can give."""
    return dependency.is_open and is_owner_or_lead(user, dependency.depends_on)
