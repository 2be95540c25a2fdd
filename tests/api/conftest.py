"""The professional ambition's fixtures, for the API that reads from it."""

from tests.ambitions.professional.conftest import approved, drafted, professional

__all__ = ["approved", "drafted", "professional"]
