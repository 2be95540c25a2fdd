"""The professional ambition's fixtures, for the programme's pages that gather from them."""

from tests.ambitions.professional.conftest import approved, drafted, professional

__all__ = ["approved", "drafted", "professional"]
