"""A person's own choices: how often reminders come, and e-mail about new comments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import ReminderFrequency


class MySettingsForm(forms.Form):
    reminder_frequency = forms.ChoiceField(
        label=_("Reminders by e-mail"),
        choices=ReminderFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("The last reminder before a deadline is always sent."),
    )
    comment_emails = forms.BooleanField(
        label=_("E-mail me about new comments"),
        required=False,
        help_text=_("New comments are always shown in the app."),
    )
