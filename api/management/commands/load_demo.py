"""``manage.py load_demo``, with the API's part: the programme's demo region
(``programme/management/commands/load_demo.py``), then one access token for the demo's
secretariat person, so the API can be tried at once.

This command takes the programme's name: Django runs the command of the app listed first in
INSTALLED_APPS, and "api" is listed before "programme" (the API sits above the programme in
the layers, so the programme's demo cannot reach down to the API; the API builds on it).
The token's secret is made fresh and printed once, when it is issued; the repository holds
no secret, and the database only its hash. Run again, the command keeps the token and shows
its first characters."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from api import services
from api.models import ApiToken
from people.models import User
from programme.management.commands.load_demo import Command as ProgrammeDemo

DEMO_HOLDER = "sekretariat"
DEMO_PURPOSE = "Demo: regionens BI-rapport"


def demo_token() -> tuple[ApiToken, str]:
    """The demo secretariat person's token, and its secret if it was issued just now ("" if
    it was there already)."""
    with transaction.atomic():
        person = User.objects.get(username=DEMO_HOLDER)
        token = ApiToken.objects.in_force().filter(user=person, name=DEMO_PURPOSE).first()
        if token is not None:
            return token, ""
        return services.token_issue(user=person, name=DEMO_PURPOSE, by=person)


class Command(ProgrammeDemo):
    def handle(self, *args: Any, **options: Any) -> None:
        super().handle(*args, **options)
        token, secret = demo_token()
        self.stdout.write("")
        if secret:
            self.stdout.write(
                _("API token for “%(username)s” (shown only now): %(secret)s")
                % {"username": DEMO_HOLDER, "secret": secret}
            )
        else:
            self.stdout.write(
                _("API token for “%(username)s”: %(prefix)s…")
                % {"username": DEMO_HOLDER, "prefix": token.prefix}
            )
