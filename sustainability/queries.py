"""What the challenge pages read beyond the list: a challenge's history."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bass import history
from sustainability.models import Challenge, LensAnswer, Perspective

CHALLENGE_HISTORY_FIELDS = ("title", "description", "primary_perspective", "is_core", "core_order")


def challenge_history(challenge: Challenge) -> list[history.Change]:
    """Every saved change of the challenge and of its answers per perspective, newest
    first: who, when, and each field before and after."""
    records = challenge.history.select_related("history_user").order_by("history_date", "pk")
    result = history.changes(Challenge, records, CHALLENGE_HISTORY_FIELDS)
    answers: dict[int, list[Any]] = defaultdict(list)
    for record in (
        LensAnswer.history.filter(challenge_id=challenge.pk)
        .select_related("history_user")
        .order_by("history_date", "pk")
    ):
        answers[record.id].append(record)
    names = dict(Perspective.objects.values_list("pk", "name"))
    for answer_records in answers.values():
        perspective = names.get(answer_records[-1].perspective_id, "")
        label = f"{LensAnswer._meta.get_field('text').verbose_name}: {perspective}"
        result.extend(history.changes(LensAnswer, answer_records, ["text"], labels={"text": label}))
    result.sort(key=lambda change: change.when, reverse=True)
    return result
