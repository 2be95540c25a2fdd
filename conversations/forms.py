"""The comment form: the text, and for a reply the comment it answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ambitions.strategic.forms import clean_text
from bass.forms import BoundedIntegerField, TextField
from conversations.models import Comment

MAX_COMMENT_LENGTH = 5000


class CommentForm(forms.Form):
    text = TextField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the comment before you send it.")},
    )
    parent = BoundedIntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, comments: Any = None, **kwargs: Any) -> None:
        # ``comments``: the thread's comments, where the one answered must be.
        super().__init__(*args, **kwargs)
        self.comments = comments

    def clean_text(self) -> str:
        value = clean_text(self.cleaned_data["text"], max_length=MAX_COMMENT_LENGTH)
        if not value:
            raise ValidationError(_("Write the comment before you send it."), code="required")
        return value

    def clean_parent(self) -> Comment | None:
        pk = self.cleaned_data.get("parent")
        if pk is None:
            return None
        parent = self.comments.filter(pk=pk).first() if self.comments is not None else None
        if parent is None:
            raise ValidationError(
                _("The comment you answer is not in this thread."), code="invalid"
            )
        # One level of replies: an answer to a reply joins the conversation it is part of.
        return parent.parent if parent.parent_id is not None else parent
