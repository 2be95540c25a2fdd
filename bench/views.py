"""The two ceilings a page is measured against, served through the app's whole stack.

- ``bare``: the least any request costs here: gunicorn, WSGI and every middleware, no
  database and no template.
- ``signed_in``: the least a signed-in page costs: the same, plus the session and the user
  loaded from the database (``login_required``) and a one-line template rendered with the
  request's context processors, as every page does.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.views.decorators.http import require_safe

_ONE_LINE = engines["django"].from_string("<p>{{ user.get_full_name }}</p>\n")


@require_safe
def bare(request: HttpRequest) -> HttpResponse:
    """The bare ceiling: a constant response."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@login_required
def signed_in(request: HttpRequest) -> HttpResponse:
    """The signed-in ceiling: session, user and a one-line template."""
    return HttpResponse(_ONE_LINE.render({}, request))
