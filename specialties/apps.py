from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpecialtiesConfig(AppConfig):
    name = "specialties"
    verbose_name = _("Specialties")

    def ready(self) -> None:
        from bass.cache import track
        from specialties.models import (
            Invitation,
            Membership,
            Profession,
            Site,
            SiteService,
            Specialty,
            StrengthPosition,
        )

        track(Site)
        track(Profession)
        track(Specialty, "pk")
        track(Membership, "specialty")
        # The core-team section lists the pending invitations: one sent, resent, withdrawn
        # or accepted changes what the specialty's page shows.
        track(Invitation, "specialty")
        # The population picture shows on the specialty's page and in its PDFs.
        track(SiteService, "specialty")
        track(StrengthPosition, "specialty")
