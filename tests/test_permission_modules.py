"""The role and state predicates live next to the models they ask about and compare those
models' enums (issue 21): a programme role, a membership role and an ambition's status are
named once, in their model."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ambitions import permissions as ambition_permissions
from ambitions.models import Status, StrategicAmbition
from bass.admin import may_edit_reference_data
from bass.permissions import is_signed_in
from people import permissions as people_permissions
from people.models import ProgrammeRole
from specialties import permissions as specialty_permissions
from specialties.models import Membership
from tests.conftest import Cast


def test_the_roles_in_a_specialty_are_the_memberships_roles(cast: Cast) -> None:
    assert specialty_permissions.roles_in(cast.owner, cast.specialty) == {Membership.Role.OWNER}
    assert specialty_permissions.roles_in(cast.lead, cast.specialty) == {
        Membership.Role.IMPLEMENTATION_LEAD
    }
    assert specialty_permissions.is_core_team_member(cast.core, cast.specialty)


def test_the_programme_roles_are_the_users_programme_role(cast: Cast) -> None:
    assert people_permissions.programme_role(cast.steering) == ProgrammeRole.STEERING_GROUP
    assert people_permissions.programme_role(cast.outsider) == ProgrammeRole.NONE
    assert people_permissions.programme_role(AnonymousUser()) == ""
    cast.secretariat.is_active = False
    assert not people_permissions.is_secretariat(cast.secretariat)


def test_only_a_submitted_ambition_is_decided(cast: Cast) -> None:
    created = StrategicAmbition.objects.create(specialty=cast.other_specialty)
    StrategicAmbition.objects.filter(pk=created.pk).update(status=Status.SUBMITTED)
    ambition = StrategicAmbition.objects.get(pk=created.pk)
    assert ambition_permissions.can_decide_ambition(cast.steering, ambition)
    StrategicAmbition.objects.filter(pk=created.pk).update(status=Status.DRAFT)
    ambition = StrategicAmbition.objects.get(pk=created.pk)
    assert not ambition_permissions.can_decide_ambition(cast.steering, ambition)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("secretariat", True), ("steering", False), ("owner", False), ("outsider", False)],
)
def test_the_kernels_admin_asks_the_user_model(cast: Cast, persona: str, allowed: bool) -> None:
    user = getattr(cast, persona)
    assert may_edit_reference_data(user) is allowed
    assert may_edit_reference_data(AnonymousUser()) is False
    assert is_signed_in(user)
