"""Transition funds (transitionsmidler): a request submitted to the steering group, and the
steering group's decision on it (issue 28, item 6).

A request is made by the specialty's owner or an implementation lead for one of the
professional ambition's actions or intervention areas (frameworks) and goes to the steering
group at once. The steering group grants it in full, reduces it (grants less, with a remark)
or refuses it (with a remark). The decision is taken with a conditional update of the still
open row, so of two members of the steering group deciding at once exactly one succeeds and
the other is told someone decided first; a decided request never changes again. The
requester is told by e-mail through the outbox, in the decision's own transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ambitions import permissions as ambition_permissions
from ambitions.models import Action, AreaFramework, FundsRequest, FundsState
from ambitions.professional import funds_notifications
from people.models import User
from specialties.models import Specialty


class FundsAlreadyDecided(Exception):
    """The request was decided already (by someone else, or before): it stays as decided."""


@dataclass(frozen=True)
class FundsInput:
    amount: int
    reason: str
    period_start: datetime.date
    period_end: datetime.date
    action: Action | None = None
    framework: AreaFramework | None = None


def _subject_specialty_id(data: FundsInput) -> int:
    if (data.action is None) == (data.framework is None):
        raise ValueError("a funds request is for exactly one action or intervention area")
    if data.action is not None:
        return data.action.focus_area.framework.ambition.specialty_id
    assert data.framework is not None
    return data.framework.ambition.specialty_id


def _subject_title(data: FundsInput) -> str:
    subject = data.action or data.framework
    assert subject is not None  # _subject_specialty_id refused anything else
    return subject.title


@transaction.atomic
def funds_request_submit(*, specialty: Specialty, by: User, data: FundsInput) -> FundsRequest:
    """The owner or an implementation lead asks the steering group for transition funds."""
    if not ambition_permissions.can_request_funds(by, specialty):
        raise ValueError(f"{by} may not ask for funds for {specialty}")
    if _subject_specialty_id(data) != specialty.pk:
        raise ValueError("the action or intervention area is another specialty's")
    if data.amount <= 0:
        raise ValueError("the amount must be a positive number of kroner")
    if data.period_end < data.period_start:
        raise ValueError("the period ends before it starts")
    if not data.reason.strip():
        raise ValueError("a funds request needs its reason")
    return FundsRequest.objects.create(
        specialty=specialty,
        action=data.action,
        framework=data.framework,
        subject_title=_subject_title(data),
        amount=data.amount,
        reason=data.reason.strip(),
        period_start=data.period_start,
        period_end=data.period_end,
        requested_by=by,
    )


@transaction.atomic
def funds_request_decide(
    *, funds_request: FundsRequest, by: User, state: str, granted_amount: int | None, remark: str
) -> FundsRequest:
    """The steering group grants (``granted``), reduces (``reduced``, ``granted_amount``
    below the requested) or refuses (``refused``) an open request; a reduction or a refusal
    needs a remark. Raises ``FundsAlreadyDecided`` when the request is decided already."""
    if not ambition_permissions.can_decide_funds(by):
        raise ValueError(f"{by} is not in the steering group")
    if ambition_permissions.funds_conflict(by, funds_request.specialty):
        raise ValueError(f"{by} holds a role in {funds_request.specialty}")
    remark = remark.strip()
    if state == FundsState.GRANTED:
        granted = funds_request.amount
    elif state == FundsState.REDUCED:
        if granted_amount is None or not 0 < granted_amount < funds_request.amount:
            raise ValueError("a reduced grant is more than nothing and less than was asked")
        granted = granted_amount
    elif state == FundsState.REFUSED:
        granted = 0
    else:
        raise ValueError(f"{state!r} is no decision")
    if state != FundsState.GRANTED and not remark:
        raise ValueError("a reduced or refused request needs the steering group's remark")
    # The row is locked and read again: of two deciders at once the second waits, then
    # finds the request decided and is told, and nothing the first decided is overwritten.
    locked = FundsRequest.objects.select_for_update().get(pk=funds_request.pk)
    if locked.state != FundsState.OPEN:
        raise FundsAlreadyDecided
    locked.state = state
    locked.granted_amount = granted
    locked.remark = remark
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "granted_amount", "remark", "decided_by", "decided_at"])
    for field in ("state", "granted_amount", "remark", "decided_by", "decided_at"):
        setattr(funds_request, field, getattr(locked, field))
    funds_notifications.send_funds_decided(funds_request=funds_request)
    return funds_request
