"""What the strategic ambition's pages and documents read, each in a fixed number of queries.

Pages, fragments and PDF builders all read through these, so a page and its PDF list the
same parts, challenges, areas and conditions in the same order.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ambitions.models import (
    AmbitionPart,
    AmbitionVersion,
    ApprovalCondition,
    Comment,
    InterventionArea,
    StrategicAmbition,
    Transition,
)
from specialties.models import Specialty
from sustainability.models import Challenge, LensAnswer


def parts(ambition: StrategicAmbition) -> QuerySet[AmbitionPart]:
    """The five parts in their order, with who saved them and their comments."""
    return (
        AmbitionPart.objects.filter(ambition=ambition)
        .select_related("updated_by")
        .prefetch_related(Prefetch("comments", queryset=Comment.objects.select_related("author")))
        .order_by("order")
    )


def core_challenges(specialty: Specialty) -> QuerySet[Challenge]:
    """The core challenges in the order the owner and leads chose, with their lenses."""
    return (
        Challenge.objects.filter(specialty=specialty, is_core=True)
        .select_related("primary_perspective")
        .prefetch_related(
            Prefetch(
                "lens_answers",
                queryset=LensAnswer.objects.select_related("perspective").order_by(
                    "perspective__order"
                ),
            )
        )
        .order_by("core_order", "pk")
    )


def intervention_areas(ambition: StrategicAmbition) -> QuerySet[InterventionArea]:
    return (
        InterventionArea.objects.filter(ambition=ambition)
        .prefetch_related("challenges", "perspectives")
        .order_by("order", "pk")
    )


def transitions(ambition: StrategicAmbition) -> QuerySet[Transition]:
    """The ambition's timeline, oldest first."""
    return (
        Transition.objects.filter(ambition=ambition)
        .select_related("by", "version")
        .order_by("at", "pk")
    )


def conditions(ambition: StrategicAmbition) -> QuerySet[ApprovalCondition]:
    """Every approval condition of every version, open ones first, by deadline."""
    return (
        ApprovalCondition.objects.filter(version__ambition=ambition)
        .select_related("responsible", "met_by", "version")
        .order_by("met_at", "deadline")
    )


def versions(ambition: StrategicAmbition) -> QuerySet[AmbitionVersion]:
    return AmbitionVersion.objects.filter(ambition=ambition).select_related("submitted_by")


def decision_register() -> QuerySet[Transition]:
    """Every submission and decision across the programme, newest first."""
    return (
        Transition.objects.select_related("ambition__specialty", "by", "version")
        .prefetch_related(
            Prefetch(
                "version__conditions",
                queryset=ApprovalCondition.objects.select_related("responsible"),
            )
        )
        .order_by("-at", "-pk")
    )
