"""Every rule of the apps' permissions modules, for every persona: who may and who may not."""

import pytest
from django.contrib.auth.models import AnonymousUser

from people import permissions as people_permissions
from specialties import permissions as specialty_permissions
from tests.conftest import Cast

PERSONAS = ["owner", "lead", "core", "steering", "secretariat", "outsider", "other_owner"]


def _user(cast: Cast, persona: str):
    return getattr(cast, persona)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("owner", {"owner"}),
        ("lead", {"implementation_lead"}),
        ("core", {"core_team"}),
        ("steering", set()),
        ("secretariat", set()),
        ("outsider", set()),
        ("other_owner", set()),
    ],
)
def test_roles_in_specialty(cast: Cast, persona: str, expected: set[str]) -> None:
    assert specialty_permissions.roles_in(_user(cast, persona), cast.specialty) == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_signed_in_person_may_view_a_specialty(cast: Cast, persona: str) -> None:
    assert specialty_permissions.can_view_specialty(_user(cast, persona), cast.specialty)


def test_anonymous_and_inactive_may_not_view_a_specialty(cast: Cast) -> None:
    assert not specialty_permissions.can_view_specialty(AnonymousUser(), cast.specialty)
    cast.owner.is_active = False
    assert not specialty_permissions.can_view_specialty(cast.owner, cast.specialty)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("owner", True),
        ("secretariat", True),
        ("lead", False),
        ("core", False),
        ("steering", False),
        ("outsider", False),
        ("other_owner", False),
    ],
)
def test_who_may_manage_the_core_team(cast: Cast, persona: str, allowed: bool) -> None:
    assert (
        specialty_permissions.can_manage_core_team(_user(cast, persona), cast.specialty) is allowed
    )


def test_an_inactive_owner_may_not_manage_the_core_team(cast: Cast) -> None:
    cast.owner.is_active = False
    assert not specialty_permissions.can_manage_core_team(cast.owner, cast.specialty)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("secretariat", True),
        ("owner", False),
        ("lead", False),
        ("core", False),
        ("steering", False),
        ("outsider", False),
    ],
)
def test_who_may_edit_reference_data(cast: Cast, persona: str, allowed: bool) -> None:
    assert people_permissions.can_edit_reference_data(_user(cast, persona)) is allowed


def test_a_superuser_may_edit_reference_data_but_not_anonymous(cast: Cast) -> None:
    cast.outsider.is_superuser = True
    assert people_permissions.can_edit_reference_data(cast.outsider)
    assert not people_permissions.can_edit_reference_data(AnonymousUser())


@pytest.mark.parametrize(
    ("persona", "steering", "secretariat"),
    [
        ("steering", True, False),
        ("secretariat", False, True),
        ("owner", False, False),
        ("outsider", False, False),
    ],
)
def test_programme_roles(cast: Cast, persona: str, steering: bool, secretariat: bool) -> None:
    user = _user(cast, persona)
    assert people_permissions.is_steering_group(user) is steering
    assert people_permissions.is_secretariat(user) is secretariat


def test_programme_roles_lapse_with_an_inactive_account(cast: Cast) -> None:
    cast.steering.is_active = False
    assert not people_permissions.is_steering_group(cast.steering)
