from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpecialtiesConfig(AppConfig):
    name = "specialties"
    verbose_name = _("Specialties")

    def ready(self) -> None:
        from bass.cache import track
        from specialties.models import Membership, Profession, Site, Specialty

        track(Site)
        track(Profession)
        track(Specialty, "pk")
        track(Membership, "specialty")
