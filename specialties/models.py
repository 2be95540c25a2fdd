"""Specialties, the hospital sites they live on, and the people who carry them.

A specialty (speciale) is present at some of Region Sjælland's sites (matrikler) and has
its strength positions (styrkepositioner) at a few of them. People take part through a
``Membership`` with one of three roles: one owner (specialeejer), several implementation
leads (implementeringsansvarlige) and the core team (kerneteam), whose members each come
from a site and a profession.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bass.cache import version_annotations
from people.models import User

# Seed 003: "Kerneteamet består af minimum to kliniske repræsentanter fra hver matrikel,
# som specialet er repræsenteret på".
MIN_CLINICAL_REPRESENTATIVES_PER_SITE = 2


class Site(models.Model):
    """A hospital site (matrikel / akutsygehus)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, unique=True)
    hospital = models.CharField(
        _("hospital"), max_length=120, help_text=_("The hospital the site belongs to.")
    )
    is_acute_hospital = models.BooleanField(_("acute hospital"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.short_name


class Profession(models.Model):
    """A profession (faggruppe); only clinical ones count towards the core-team rule."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    is_clinical = models.BooleanField(
        _("clinical"),
        default=True,
        help_text=_("Clinical representatives count towards the core team's two per site."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class SpecialtyQuerySet(models.QuerySet["Specialty"]):
    def with_people(self) -> SpecialtyQuerySet:
        """Everything the specialty pages show and every permission predicate reads: its
        people, sites and strength positions, its strategic and professional ambitions, in
        a fixed number of queries."""
        memberships = Membership.objects.select_related("user", "site", "profession").defer(
            "user__password"  # nothing shown needs it
        )
        return self.prefetch_related(
            Prefetch("memberships", queryset=memberships), "sites", "strength_position_sites"
        ).select_related(
            "strategic_ambition__approved_version",
            "professional_ambition__based_on",
            "professional_ambition__opened_by",
        )

    def with_versions(self) -> SpecialtyQuerySet:
        """Each specialty's content version and the programme's, read with it (``bass.cache``):
        a page's first query gives it the key of everything it keeps."""
        return self.annotate(**version_annotations())

    def for_member(self, user: User) -> SpecialtyQuerySet:
        return self.filter(memberships__user=user).distinct()


class Specialty(models.Model):
    """A medical specialty (speciale), e.g. "IM: Kardiologi"."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    sites = models.ManyToManyField(
        Site,
        related_name="specialties",
        blank=True,
        verbose_name=_("sites"),
        help_text=_("The sites where the specialty is present."),
    )
    strength_position_sites = models.ManyToManyField(
        Site,
        related_name="strength_positions",
        blank=True,
        verbose_name=_("strength positions"),
        help_text=_("The sites that hold the specialty's strength positions."),
    )

    # The description is the population picture's introduction (issue 26, item 2): the owner
    # and the implementation leads write it in the browser, so who changed it is kept.
    history = HistoricalRecords(excluded_fields=["slug"])

    objects = SpecialtyQuerySet.as_manager()

    class Meta:
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("specialties:detail", kwargs={"slug": self.slug})

    # The methods below read prefetched relations (see SpecialtyQuerySet.with_people),
    # so a page that lists specialties does not query once per specialty.

    def members(self, role: str) -> list[Membership]:
        return [m for m in self.memberships.all() if m.role == role]

    @property
    def owner(self) -> Membership | None:
        owners = self.members(Membership.Role.OWNER)
        return owners[0] if owners else None

    @property
    def implementation_leads(self) -> list[Membership]:
        return self.members(Membership.Role.IMPLEMENTATION_LEAD)

    @property
    def core_team(self) -> list[Membership]:
        return self.members(Membership.Role.CORE_TEAM)

    def core_team_coverage(self) -> list[SiteCoverage]:
        """The core-team rule of the guide "Hvad er en faglig ambition?", site by site, in site
        order. Only active people count: a deactivated account has left in practice."""
        counts: dict[int, int] = {}
        for member in self.core_team:
            if (
                member.user.is_active
                and member.site_id is not None
                and member.profession is not None
                and member.profession.is_clinical
            ):
                counts[member.site_id] = counts.get(member.site_id, 0) + 1
        return [
            SiteCoverage(site=site, clinical_representatives=counts.get(site.pk, 0))
            for site in sorted(self.sites.all(), key=lambda s: (s.order, s.name))
        ]

    def sites_lacking_core_team(self) -> list[SiteCoverage]:
        return [c for c in self.core_team_coverage() if not c.is_met]


@dataclass(frozen=True)
class SiteCoverage:
    site: Site
    clinical_representatives: int

    def __str__(self) -> str:
        return str(self.site)

    @property
    def is_met(self) -> bool:
        return self.clinical_representatives >= MIN_CLINICAL_REPRESENTATIVES_PER_SITE

    @property
    def missing(self) -> int:
        return max(0, MIN_CLINICAL_REPRESENTATIVES_PER_SITE - self.clinical_representatives)


class Membership(models.Model):
    """A person's role in one specialty."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Specialty owner")
        IMPLEMENTATION_LEAD = "implementation_lead", _("Implementation lead")
        CORE_TEAM = "core_team", _("Core-team member")

    specialty = models.ForeignKey(
        Specialty, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("specialty")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("site"),
    )
    profession = models.ForeignKey(
        Profession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("profession"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Who gave or took a role, and when (issue 25, item 6): through the pages or the admin.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["specialty", "role", "site__order", "user__first_name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["specialty", "user", "role"], name="unique_role_per_person_and_specialty"
            ),
            models.UniqueConstraint(
                fields=["specialty"],
                condition=Q(role="owner"),
                name="one_owner_per_specialty",
                violation_error_message=_("The specialty already has an owner."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.specialty}"


def holds_a_role(person: User | int | OuterRef, specialty: str) -> Exists:
    """For a filter: the row's specialty (``specialty``, the path to it) is one where the
    person (a user, or a reference to the row's person) has a role today.

    Work stays assigned to a person who left the specialty (their name is its history), but
    it no longer waits for them: Mine opgaver, the home page and the reminders list only
    what the person's roles let them act on (issue 25, item 8)."""
    mine = Membership.objects.filter(specialty=OuterRef(specialty))
    return Exists(mine.filter(user=person))  # type: ignore[misc]  # an OuterRef is a user too


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Sent, neither accepted nor withdrawn (an expired one is still pending: it can be
        sent again)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(models.Model):
    """A person not yet in the app, invited by name and e-mail to a role in a specialty.

    The e-mail carries a one-time link; only a hash of its token is stored, so the table
    gives no one a way in. Accepting it makes the account (a password, or the work account
    matched by e-mail) and the membership; sending it again makes a new token, so the old
    link stops working (specialties/invitations.py)."""

    email = models.EmailField(_("e-mail"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("specialty"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Membership.Role.choices)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("site")
    )
    profession = models.ForeignKey(
        Profession, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("profession")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None


# -- The population picture (issue 26, item 2) ------------------------------------------------
# Populationsansvar: who the specialty serves where. Per site, the services it offers and to
# which patient groups; its strength positions, each carried by sites of at least two
# hospitals (seed 001: "mindst to hospitaler").

MIN_HOSPITALS_PER_STRENGTH_POSITION = 2


class Service(models.TextChoices):
    """What a specialty offers at a site: a fixed list, the columns of the picture's grid."""

    ACUTE_ADMISSION = "acute_admission", _("Acute admission")
    OUTPATIENT_CLINIC = "outpatient_clinic", _("Outpatient clinic")
    WARD = "ward", _("Inpatient ward")
    DAY_SURGERY = "day_surgery", _("Day surgery")
    TELEMEDICINE = "telemedicine", _("Telemedicine")
    OUTREACH = "outreach", _("Outreach service")
    OTHER = "other", _("Other")


class SiteService(models.Model):
    """One service the specialty offers at one of its sites, and to which patient groups."""

    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.CASCADE,
        related_name="site_services",
        verbose_name=_("specialty"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    patient_groups = models.CharField(_("patient groups"), max_length=300, blank=True)
    other = models.CharField(
        _("other service"),
        max_length=120,
        blank=True,
        help_text=_("What the service is, when it is none of the listed ones."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service at a site")
        verbose_name_plural = _("services at the sites")
        ordering = ["specialty", "site__order", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["specialty", "site", "service"], name="one_row_per_service_and_site"
            )
        ]

    def __str__(self) -> str:
        return f"{self.specialty} – {self.site} – {self.label}"

    @property
    def label(self) -> str:
        if self.service == Service.OTHER and self.other:
            return self.other
        return str(self.get_service_display())


class StrengthPosition(models.Model):
    """A named strength position (styrkeposition) of the specialty and the sites that carry
    it; the programme asks for sites of at least two hospitals."""

    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.CASCADE,
        related_name="named_strength_positions",
        verbose_name=_("specialty"),
    )
    name = models.CharField(_("name"), max_length=200)
    sites = models.ManyToManyField(Site, related_name="+", verbose_name=_("sites"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords(m2m_fields=[sites])

    class Meta:
        verbose_name = _("strength position")
        verbose_name_plural = _("named strength positions")
        ordering = ["specialty", "order", "name"]

    def __str__(self) -> str:
        return self.name

    def hospitals(self) -> list[str]:
        """The distinct hospitals of its sites (reads the prefetched sites)."""
        return sorted({site.hospital for site in self.sites.all()})

    @property
    def is_met(self) -> bool:
        return len(self.hospitals()) >= MIN_HOSPITALS_PER_STRENGTH_POSITION
