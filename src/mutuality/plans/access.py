"""The one way views fetch plan parts: through the clinician's own caseload."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from mutuality.clients.models import readable_by
from mutuality.plans.models import Goal, Objective, PlanVersion


def get_goal_for_user(user: AbstractBaseUser | AnonymousUser, goal_id: int) -> Goal:
    return get_object_or_404(
        Goal.objects.select_related("plan__client").filter(readable_by(user, "plan__client__")),
        pk=goal_id,
    )


def get_objective_for_user(user: AbstractBaseUser | AnonymousUser, objective_id: int) -> Objective:
    return get_object_or_404(
        Objective.objects.select_related("goal__plan__client").filter(
            readable_by(user, "goal__plan__client__")
        ),
        pk=objective_id,
    )


def get_version_for_user(user: AbstractBaseUser | AnonymousUser, version_id: int) -> PlanVersion:
    return get_object_or_404(
        PlanVersion.objects.select_related("plan__client").filter(
            readable_by(user, "plan__client__")
        ),
        pk=version_id,
    )
