"""Mine indstillinger: a signed-in person's own choices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bass.http import HtmxHttpRequest, signed_in_user
from people import services
from people.forms import MySettingsForm


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def my_settings(request: HtmxHttpRequest) -> HttpResponse:
    """The person's e-mail choices: shown (GET) or saved (POST). Everyone signed in has
    them, and only for themselves, so there is nothing to refuse."""
    user = signed_in_user(request)
    if request.method != "POST":
        form = MySettingsForm(
            initial={
                "reminder_frequency": user.reminder_frequency,
                "comment_emails": user.comment_emails,
            }
        )
        return render(request, "people/settings.html", {"form": form})
    form = MySettingsForm(request.POST)
    if not form.is_valid():
        return render(request, "people/settings.html", {"form": form}, status=400)
    services.settings_save(
        user=user,
        reminder_frequency=form.cleaned_data["reminder_frequency"],
        comment_emails=form.cleaned_data["comment_emails"],
    )
    messages.success(request, _("Your settings are saved."))
    return redirect("people:settings")
