"""Optimistic editing, the one mechanism for every text people edit in place.

Two people may open the same part, challenge, action or framework at once. Each editable row
carries a ``revision``; the form sends back the revision it was opened at, and the service
takes the row with ``locked_for_edit``, which locks it for the rest of the transaction and
raises ``EditConflict`` (carrying the row as it is now) when someone saved since. The view
then shows both: the saved version (``templates/components/conflict.html``) and the writer's
own text still in the form, so nothing is lost and the second save is a knowing one.

``EditableText`` is the one set of fields such a row carries: ``revision``, ``updated_at``
and ``updated_by``. Its ``history`` (django-simple-history) stays on each model, which names
its own many-to-many fields and search columns.

``record_as`` names the person behind a change for django-simple-history, which otherwise
reads it from the request and would miss writes made outside one (tasks, the demo, tests).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import DateField, Model, TextField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bass import text

M = TypeVar("M", bound=Model)


class EditableText(models.Model):
    """A row people edit in place: the revision a save must name (``locked_for_edit``), and
    when and by whom it was last saved."""

    # Optimistic locking: a save names the revision it edited; a newer one wins nothing.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone saved a newer revision since the editor opened it; ``current`` is theirs."""

    def __init__(self, current: Model) -> None:
        super().__init__(f"{type(current).__name__} {current.pk} was saved by someone else")
        self.current = current


def locked_for_edit(model: type[M], *, pk: object, base_revision: int) -> M:
    """The row, locked until the transaction ends, if nobody saved it since ``base_revision``.

    Of two saves from the same revision exactly one gets past this; the other gets
    ``EditConflict`` with the winner's row.
    """
    current = model._default_manager.select_for_update().get(pk=pk)
    if current.revision != base_revision:  # type: ignore[attr-defined]
        raise EditConflict(current)
    return current


def record_as(instance: M, by: AbstractBaseUser) -> M:
    """Make django-simple-history record ``by`` as the author of the next save or delete."""
    instance._history_user = by  # type: ignore[attr-defined]
    return instance


@dataclass(frozen=True)
class SavedVersion:
    """What ``components/conflict.html`` shows of the row someone else saved: who, when, and
    each field as (label, value), the value already formatted (``bass.text.render`` for
    text people write)."""

    by: object | None
    at: datetime.datetime | None
    fields: list[tuple[str, object]] = field(default_factory=list)


def saved_version(
    instance: Model,
    fields: Sequence[str],
    *,
    by: object | None = None,
    at: datetime.datetime | None = None,
    extra: Sequence[tuple[str, object]] = (),
) -> SavedVersion:
    """The saved row's ``fields`` as the conflict component shows them: labelled with the
    model's own names and formatted by kind (people's text rendered, choices and dates in
    words, related rows by name), followed by ``extra`` rows the caller formats itself."""
    rows: list[tuple[str, object]] = []
    for name in fields:
        model_field = instance._meta.get_field(name)
        value = getattr(instance, name)
        if model_field.many_to_many:
            shown: object = ", ".join(str(related) for related in value.all())
        elif getattr(model_field, "choices", None):
            shown = getattr(instance, f"get_{name}_display")()
        elif isinstance(model_field, TextField):
            shown = text.render(value)
        elif isinstance(model_field, DateField) and value is not None:
            shown = date_format(value)
        else:
            shown = "" if value is None else value
        rows.append((capfirst(str(model_field.verbose_name)), shown))  # type: ignore[union-attr]
    return SavedVersion(by=by, at=at, fields=[*rows, *extra])
