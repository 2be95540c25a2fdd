from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    """Status rounds and reminders. Nothing here is tracked by ``bass.cache``: no kept
    fragment shows a round (the round pages are computed per request), and a snapshot never
    changes once taken."""

    name = "rounds"
    verbose_name = _("Status rounds and reminders")
