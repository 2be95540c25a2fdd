"""Writes of a person's own data, each in a transaction."""

from django.db import transaction

from people.models import User


@transaction.atomic
def settings_save(*, user: User, reminder_frequency: str, comment_emails: bool) -> None:
    """The person's own e-mail choices."""
    user.reminder_frequency = reminder_frequency
    user.comment_emails = comment_emails
    user.save(update_fields=["reminder_frequency", "comment_emails"])
