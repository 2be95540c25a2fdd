"""The professional-ambition fixtures, for the library's meeting points with challenges and
actions."""

from tests.ambitions.professional.conftest import approved, drafted, professional

__all__ = ["approved", "drafted", "professional"]
