from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from bass.cache import track
        from people.models import User

        # Names and titles show on every specialty's pages; a login changes nothing shown.
        track(User, ignore={"last_login"})
