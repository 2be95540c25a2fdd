"""The home page, "Mine specialer": what the signed-in person is part of and what waits."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ambitions.strategic import services as ambition_services
from bass import permissions
from bass.http import signed_in_user
from people.models import User
from specialties import services as specialty_services
from specialties.models import Specialty


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Mine specialer."""
    user = signed_in_user(request)
    mine = list(Specialty.objects.with_people().for_member(user))
    # The secretariat keeps every specialty's people right, so every gap waits for them.
    watched = list(Specialty.objects.with_people()) if permissions.is_secretariat(user) else mine
    return render(
        request,
        "people/home.html",
        {
            "my_specialties": [(s, _my_roles(user, s)) for s in mine],
            "waiting": ambition_services.waiting_for(user, mine)
            + specialty_services.waiting_for(user, watched),
            "is_programme": permissions.is_steering_group(user) or permissions.is_secretariat(user),
            "can_view_register": permissions.can_view_decision_register(user),
        },
    )


def _my_roles(user: User, specialty: Specialty) -> list[str]:
    return [m.get_role_display() for m in specialty.memberships.all() if m.user_id == user.pk]
