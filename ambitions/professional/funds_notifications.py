"""The e-mail that tells who asked for transition funds what the steering group decided.

Like the strategic ambition's decisions (``ambitions.strategic.notifications``), the message
is a row of the outbox (``bass.outbox``), written in the decision's transaction, in Danish.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ambitions.models import FundsRequest, FundsState
from ambitions.strategic.notifications import DEFAULT_SITE_URL, EMAIL_LANGUAGE


def send_funds_decided(*, funds_request: FundsRequest) -> int:
    """Tell the requester (if active, with an address) the steering group's decision.
    Returns the number of messages queued (0 or 1)."""
    if funds_request.state == FundsState.OPEN:
        raise ValueError(f"funds request {funds_request.pk} is not decided")
    recipient = funds_request.requested_by
    if not recipient.is_active or not recipient.email:
        return 0
    specialty = funds_request.specialty
    site_url = getattr(settings, "SITE_URL", DEFAULT_SITE_URL).rstrip("/")
    link = site_url + reverse("professional:funds", kwargs={"slug": specialty.slug})
    with translation.override(EMAIL_LANGUAGE):
        subject = _("%(specialty)s: the steering group has decided on your funds request") % {
            "specialty": specialty.name
        }
        body = render_to_string(
            "ambitions/email/funds_decided.txt",
            {
                "recipient": recipient,
                "specialty": specialty,
                "funds_request": funds_request,
                "link": link,
            },
        )
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[recipient.email])
    with get_connection(fail_silently=False) as connection:
        connection.send_messages([message])
    return 1
