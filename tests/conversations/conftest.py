"""The professional ambition of the cast's specialty with a framework, a focus area and an
action, for the conversations' tests."""

from dataclasses import dataclass

import pytest

from ambitions.models import Action, AreaFramework, ProfessionalAmbition
from tests.ambitions.professional.conftest import (  # noqa: F401 - fixtures used here
    approved,
    drafted,
    frameworks_of,
    make_action,
    make_focus_area,
    professional,
)
from tests.conftest import Cast


@dataclass
class Work:
    framework: AreaFramework
    action: Action


@pytest.fixture
def work(cast: Cast, professional: ProfessionalAmbition) -> Work:  # noqa: F811
    framework = frameworks_of(professional)[0]
    action = make_action(make_focus_area(framework), responsible=cast.core)
    return Work(framework=framework, action=action)
