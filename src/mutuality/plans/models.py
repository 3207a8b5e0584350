"""Treatment plans: problems-for-work -> goals -> SMART objectives, each objective saying
what measures it so that its progress is computed from the record.

The plan itself is live (objectives keep stable ids for sessions and ratings to point
at); every saved change also writes a numbered `PlanVersion` snapshot, so no version is
lost and two can be compared.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from mutuality.clients.models import Client
from mutuality.core.record.progress import MeasureKind, ObjectiveSpec
from mutuality.encryption.fields import (
    EncryptedCharField,
    EncryptedJSONField,
    EncryptedTextField,
)
from mutuality.logs.models import LogKind
from mutuality.measures.models import CheckinLink
from mutuality.sessions.models import TherapySession


class TreatmentPlan(models.Model):
    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="plan")
    review_due = models.DateField("Next review", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"plan for {self.client}"

    def review_is_due(self, today: date) -> bool:
        return self.review_due is not None and self.review_due <= today

    def latest_version(self) -> "PlanVersion | None":
        return self.versions.order_by("-number").first()


class Goal(models.Model):
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name="goals")
    problem = models.SlugField("Problem for work", max_length=60, blank=True)
    template = models.SlugField(max_length=60, blank=True, help_text="The Guide goal it began as.")
    title = EncryptedTextField("Goal")
    mechanism = EncryptedTextField("Relational mechanism", blank=True)
    interventions = EncryptedTextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"goal {self.order + 1} of {self.plan}"


class Objective(models.Model):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        SESSION = "session", "Every session"
        FORTNIGHTLY = "fortnightly", "Every two weeks"
        MONTHLY = "monthly", "Monthly"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    behaviour = EncryptedTextField(
        "Observable behaviour", help_text="The SMART objective, in words the client would use."
    )
    measure_kind = models.CharField(
        "Measured by",
        max_length=10,
        choices=[
            (MeasureKind.SCALE.value, "A scale of an instrument"),
            (MeasureKind.LOG.value, "A count from a between-session log"),
            (MeasureKind.RATING.value, "My rating in sessions (0-10)"),
        ],
    )
    instrument = models.SlugField(max_length=60, blank=True)
    scale = models.SlugField(max_length=60, blank=True)
    log_kind = models.CharField(max_length=20, choices=LogKind.choices, blank=True)
    target = models.FloatField(
        help_text="The score to reach, the entries per week, or the rating to reach."
    )
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default="weekly")
    start = models.DateField()
    due = models.DateField()
    sessions = models.ManyToManyField(
        TherapySession, blank=True, related_name="objectives_addressed"
    )

    class Meta:
        ordering = ["goal__order", "goal_id", "id"]

    def __str__(self) -> str:
        return f"objective {self.pk} of {self.goal}"

    def spec(self, higher_is_better: bool = True) -> ObjectiveSpec:
        return ObjectiveSpec(
            MeasureKind(self.measure_kind), self.target, self.start, self.due, higher_is_better
        )

    def measured_by(self) -> str:
        if self.measure_kind == MeasureKind.LOG:
            return f"{LogKind(self.log_kind).label} (log), {self.target:g} a week"
        if self.measure_kind == MeasureKind.RATING:
            return f"clinician rating in sessions, target {self.target:g} of 10"
        return f"{self.instrument} {self.scale}, target {self.target:g}"


class ObjectiveRating(models.Model):
    """A clinician's 0-10 rating of an objective in one session."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="ratings")
    session = models.ForeignKey(TherapySession, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["objective", "session"], name="one_rating_a_session"),
            models.CheckConstraint(condition=models.Q(value__lte=10), name="rating_0_to_10"),
        ]

    def __str__(self) -> str:
        return f"{self.value}/10 for {self.objective}"


class GoalAttainment(models.Model):
    """A Goal Attainment Scaling level (-2..+2) given to a goal at a review."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="attainments")
    on = models.DateField()
    level = models.SmallIntegerField(choices=[(n, f"{n:+d}") for n in range(-2, 3)])
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=-2, level__lte=2), name="gas_level_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.level:+d} on {self.on} for {self.goal}"


class PlanVersion(models.Model):
    """A snapshot of the whole plan as saved: kept for ever, numbered from 1."""

    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = EncryptedJSONField()
    change = EncryptedCharField("What changed", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")
        ]

    def __str__(self) -> str:
        return f"version {self.number} of {self.plan}"


class PlanAcknowledgement(models.Model):
    """The client read a version of their plan through their private link."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    link = models.ForeignKey(CheckinLink, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "link"], name="one_ack_per_version_link")
        ]

    def __str__(self) -> str:
        return f"{self.version} acknowledged {self.acknowledged_at:%d %b %Y}"


class PlanTemplate(models.Model):
    """A clinician's own goal template, saved from a plan, beside the Guide's library."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_templates"
    )
    title = models.CharField(max_length=120)
    content = EncryptedJSONField()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def goal_fields(self) -> dict[str, Any]:
        return dict(self.content)
