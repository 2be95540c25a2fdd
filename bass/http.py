"""Request types for views (django-htmx's recommended way to type ``request.htmx``)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from people.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def signed_in_user(request: HttpRequest) -> User:
    """``request.user`` as the project's User, for views behind ``login_required``.

    Anything else (an anonymous user slipping past a missing decorator) is refused rather
    than passed on to a service as ``by``.
    """
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
