from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataimportConfig(AppConfig):
    """Data in by the file (issue 27, item 3): measurements and key figures uploaded from a
    spreadsheet, previewed, saved as one import and undone as one. Nothing here is tracked by
    ``bass.cache``: the import pages are read fresh per request; the rows an import creates
    are the other apps' (tracked) models, whose specialties' versions the save bumps."""

    name = "dataimport"
    verbose_name = _("Imports")
