"""Writes to a plan, each in one transaction that also records a new plan version."""

from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from mutuality.clients.models import Client
from mutuality.core import rct
from mutuality.core.errors import MutualityError
from mutuality.core.record.library import SUGGESTED
from mutuality.core.record.progress import MeasureKind
from mutuality.measures.actions import LinkClosed
from mutuality.measures.models import CheckinLink
from mutuality.plans.models import (
    Goal,
    GoalAttainment,
    Objective,
    ObjectiveRating,
    PlanAcknowledgement,
    PlanTemplate,
    PlanVersion,
    TreatmentPlan,
)
from mutuality.sessions.models import TherapySession

OBJECTIVE_FIELDS = (
    "behaviour", "measure_kind", "instrument", "scale", "log_kind", "target", "frequency",
)  # fmt: skip


def snapshot(plan: TreatmentPlan) -> dict[str, Any]:
    """The whole plan as plain data: what a version keeps and a comparison reads."""
    return {
        "review_due": plan.review_due.isoformat() if plan.review_due else None,
        "goals": [
            {
                "id": g.pk,
                "problem": g.problem,
                "title": g.title,
                "mechanism": g.mechanism,
                "interventions": g.interventions,
                "closed": g.closed,
                "objectives": [
                    {
                        "id": o.pk,
                        **{f: getattr(o, f) for f in OBJECTIVE_FIELDS},
                        "start": o.start.isoformat(),
                        "due": o.due.isoformat(),
                    }
                    for o in g.objectives.all()
                ],
            }
            for g in plan.goals.prefetch_related("objectives")
        ],
    }


def record_version(*, plan: TreatmentPlan, by: User, now: datetime, change: str) -> PlanVersion:
    last = plan.versions.aggregate(n=Max("number"))["n"] or 0
    plan.save(update_fields=["updated_at"])
    return PlanVersion.objects.create(
        plan=plan,
        number=last + 1,
        content=snapshot(plan),
        change=change[:200],
        created_by=by,
        created_at=now,
    )


@transaction.atomic
def start_plan(
    *, client: Client, by: User, now: datetime, review_due: date | None
) -> TreatmentPlan:
    plan, created = TreatmentPlan.objects.get_or_create(
        client=client, defaults={"created_by": by, "review_due": review_due}
    )
    if created:
        record_version(plan=plan, by=by, now=now, change="Plan started")
    return plan


@transaction.atomic
def add_goal_from_library(
    *, plan: TreatmentPlan, goal_key: str, problem_key: str, by: User, now: datetime
) -> Goal:
    """A goal from the Guide with its example SMART objective and a suggested measure."""
    template = rct.goal(goal_key)
    if problem_key and goal_key not in rct.problem(problem_key).goals:
        raise MutualityError(f"'{template.name}' is not a goal of that problem-for-work")
    goal = Goal.objects.create(
        plan=plan,
        problem=problem_key,
        template=goal_key,
        title=template.name,
        mechanism=template.mechanism,
        order=plan.goals.count(),
    )
    suggested = SUGGESTED[goal_key]
    start = now.date()
    Objective.objects.create(
        goal=goal,
        behaviour=template.smart_objective,
        measure_kind=suggested.kind,
        log_kind=suggested.log_kind,
        instrument=suggested.instrument,
        scale=suggested.scale,
        target=suggested.target,
        frequency=Objective.Frequency.WEEKLY,
        start=start,
        due=start + timedelta(weeks=suggested.weeks),
    )
    record_version(plan=plan, by=by, now=now, change=f"Added goal: {template.name}")
    return goal


@transaction.atomic
def add_goal_from_template(
    *, plan: TreatmentPlan, template: PlanTemplate, by: User, now: datetime
) -> Goal:
    data = template.goal_fields()
    goal = Goal.objects.create(
        plan=plan,
        problem=data.get("problem", ""),
        title=data["title"],
        mechanism=data.get("mechanism", ""),
        interventions=data.get("interventions", ""),
        order=plan.goals.count(),
    )
    start = now.date()
    for o in data.get("objectives", []):
        Objective.objects.create(
            goal=goal,
            **{f: o[f] for f in OBJECTIVE_FIELDS},
            start=start,
            due=start + timedelta(days=int(o.get("days", 56))),
        )
    record_version(plan=plan, by=by, now=now, change=f"Added goal from template: {goal.title}")
    return goal


@transaction.atomic
def save_template(*, goal: Goal, by: User) -> PlanTemplate:
    data = {
        "problem": goal.problem,
        "title": goal.title,
        "mechanism": goal.mechanism,
        "interventions": goal.interventions,
        "objectives": [
            {**{f: getattr(o, f) for f in OBJECTIVE_FIELDS}, "days": (o.due - o.start).days}
            for o in goal.objectives.all()
        ],
    }
    return PlanTemplate.objects.create(owner=by, title=goal.title[:120], content=data)


@transaction.atomic
def rate_objective(
    *, objective: Objective, session: TherapySession, value: int, by: User
) -> ObjectiveRating:
    if objective.measure_kind != MeasureKind.RATING:
        raise MutualityError("this objective is not measured by a rating")
    if session.client_id != objective.goal.plan.client_id:
        raise MutualityError("that session belongs to another client")
    if not 0 <= value <= 10:
        raise MutualityError(f"a rating is 0 to 10, not {value}")
    rating, _ = ObjectiveRating.objects.update_or_create(
        objective=objective, session=session, defaults={"value": value, "rated_by": by}
    )
    return rating


@transaction.atomic
def record_attainment(*, goal: Goal, level: int, on: date, by: User) -> GoalAttainment:
    if level not in range(-2, 3):
        raise MutualityError(f"a goal attainment level is -2 to +2, not {level}")
    return GoalAttainment.objects.create(goal=goal, level=level, on=on, rated_by=by)


@transaction.atomic
def acknowledge_plan(*, link: CheckinLink, now: datetime) -> PlanAcknowledgement:
    """The client read the current version through their link; who (the link) and when."""
    link = CheckinLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_open(now):
        raise LinkClosed("This link has expired or was withdrawn.")
    if not link.share_plan:
        raise LinkClosed("This link does not share a plan.")
    plan = TreatmentPlan.objects.get(client_id=link.client_id)
    version = plan.versions.order_by("-number").first()
    assert version is not None  # every plan has its first version
    ack, _ = PlanAcknowledgement.objects.get_or_create(
        version=version, link=link, defaults={"acknowledged_at": now}
    )
    return ack
