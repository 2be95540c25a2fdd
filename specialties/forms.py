"""Forms for the specialty pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bass.forms import (
    RecordChoiceField,
)
from people.models import ProgrammeRole, User
from specialties.models import Membership, Profession, Service, Site, Specialty


class CoreTeamMemberForm(forms.Form):
    """Add a person to a specialty's core team (kerneteam)."""

    user = RecordChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose the person to add."),
            "invalid_choice": _(
                "This person cannot be chosen: they are already on the core team "
                "or no longer active."
            ),
        },
    )
    site = RecordChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        help_text=_("Leave empty for members from a cross-cutting centre."),
        error_messages={"invalid_choice": _("Choose one of the specialty's sites.")},
    )
    profession = RecordChoiceField(
        label=_("Profession"),
        queryset=Profession.objects.all(),
        error_messages={"required": _("Choose the person's profession.")},
    )

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specialty = specialty
        on_team = [m.user_id for m in specialty.core_team]
        self.fields["user"].queryset = User.objects.filter(is_active=True).exclude(pk__in=on_team)  # type: ignore[attr-defined]
        self.fields["site"].queryset = specialty.sites.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        profession: Profession | None = cleaned.get("profession")
        if profession is not None and profession.is_clinical and cleaned.get("site") is None:
            self.add_error(
                "site", _("A clinical representative belongs to a site: choose the site.")
            )
        return cleaned


class InvitationForm(forms.Form):
    """Invite a person not yet in the app by name and e-mail to a role in a specialty.

    Without ``specialty`` (the people pages), the specialty is chosen in the form; ``roles``
    are the roles the inviting person may give (the owner and leads: the core team)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    specialty = RecordChoiceField(
        label=_("Specialty"),
        queryset=Specialty.objects.all(),
        error_messages={"required": _("Choose the specialty.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    site = RecordChoiceField(
        label=_("Site"),
        queryset=Site.objects.all(),
        required=False,
        help_text=_("Leave empty for members from a cross-cutting centre."),
        error_messages={"invalid_choice": _("Choose one of the specialty's sites.")},
    )
    profession = RecordChoiceField(
        label=_("Profession"), queryset=Profession.objects.all(), required=False
    )

    def __init__(
        self, *args: Any, specialty: Specialty | None, roles: list[str], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", "invite")
        super().__init__(*args, **kwargs)
        self.fixed_specialty = specialty
        if specialty is not None:
            del self.fields["specialty"]
            self.fields["site"].queryset = specialty.sites.all()  # type: ignore[attr-defined]
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Membership.Role.choices if value in roles
        ]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "A person with this e-mail address is already in the app: "
                    "give them the role instead."
                )
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        specialty = self.fixed_specialty or cleaned.get("specialty")
        site: Site | None = cleaned.get("site")
        profession: Profession | None = cleaned.get("profession")
        role = cleaned.get("role")
        if (
            specialty is not None
            and site is not None
            and not specialty.sites.filter(pk=site.pk).exists()
        ):
            self.add_error("site", _("Choose one of the specialty's sites."))
        if role == Membership.Role.CORE_TEAM and profession is None:
            self.add_error("profession", _("Choose the person's profession."))
        if (
            profession is not None
            and profession.is_clinical
            and site is None
            and role == Membership.Role.CORE_TEAM
        ):
            self.add_error(
                "site", _("A clinical representative belongs to a site: choose the site.")
            )
        if (
            specialty is not None
            and role == Membership.Role.OWNER
            and Membership.objects.filter(specialty=specialty, role=role).exists()
        ):
            self.add_error("role", _("The specialty already has an owner."))
        return cleaned


class MembershipAddForm(forms.Form):
    """Give a person a role in a specialty (the people pages)."""

    specialty = RecordChoiceField(
        label=_("Specialty"),
        queryset=Specialty.objects.all(),
        error_messages={"required": _("Choose the specialty.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    site = RecordChoiceField(label=_("Site"), queryset=Site.objects.all(), required=False)
    profession = RecordChoiceField(
        label=_("Profession"), queryset=Profession.objects.all(), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "role")
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        specialty: Specialty | None = cleaned.get("specialty")
        role = cleaned.get("role")
        site: Site | None = cleaned.get("site")
        if specialty is None or role is None:
            return cleaned
        if Membership.objects.filter(specialty=specialty, user=self.user, role=role).exists():
            self.add_error("role", _("The person already has this role in the specialty."))
        elif role == Membership.Role.OWNER and specialty.memberships.filter(role=role).exists():
            self.add_error("role", _("The specialty already has an owner."))
        if site is not None and not specialty.sites.filter(pk=site.pk).exists():
            self.add_error("site", _("Choose one of the specialty's sites."))
        return cleaned


class ProgrammeRoleForm(forms.Form):
    programme_role = forms.ChoiceField(
        label=_("Programme role"), choices=ProgrammeRole.choices, required=False
    )


# -- The population picture (issue 26, item 2) ------------------------------------------------


class PopulationIntroductionForm(forms.Form):
    """The picture's introduction: the specialty's description."""

    text = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who the specialty serves where: its population responsibility in words."),
    )


class SiteServicesForm(forms.Form):
    """What the specialty offers at one site: per service whether it is offered and to which
    patient groups; for "other", what it is."""

    def __init__(self, *args: Any, site: Site, rows: dict[str, Any], **kwargs: Any) -> None:
        kwargs["prefix"] = f"site-{site.pk}"
        super().__init__(*args, **kwargs)
        self.site = site
        for value, label in Service.choices:
            row = rows.get(value)
            self.fields[f"offer_{value}"] = forms.BooleanField(
                label=label, required=False, initial=row is not None
            )
            self.fields[f"groups_{value}"] = forms.CharField(
                label=_("Patient groups (%(service)s)") % {"service": label},
                required=False,
                max_length=300,
                initial=row.patient_groups if row is not None else "",
            )
        self.fields["other_name"] = forms.CharField(
            label=_("What the other service is"),
            required=False,
            max_length=120,
            initial=rows[Service.OTHER].other if Service.OTHER in rows else "",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(f"offer_{Service.OTHER}") and not (data.get("other_name") or "").strip():
            self.add_error("other_name", _("Say what the other service is."))
        return data

    def service_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"offer_{value}"], self[f"groups_{value}"]) for value in Service.values]

    def offered(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            value: (
                data[f"groups_{value}"].strip(),
                data["other_name"].strip() if value == Service.OTHER else "",
            )
            for value in Service.values
            if data.get(f"offer_{value}")
        }


class StrengthPositionForm(forms.Form):
    """A named strength position and the sites of the specialty that carry it."""

    name = forms.CharField(label=_("Strength position"), max_length=200)
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites that carry it"),
        queryset=Site.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the sites that carry the strength position.")},
    )

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        kwargs["prefix"] = "strength"
        super().__init__(*args, **kwargs)
        sites = self.fields["sites"]
        assert isinstance(sites, forms.ModelMultipleChoiceField)
        sites.queryset = specialty.sites.all()

    def clean_name(self) -> str:
        return str(self.cleaned_data["name"]).strip()
