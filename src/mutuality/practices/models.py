from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from mutuality.core.record.notes import NoteForm


class Practice(models.Model):
    name = models.CharField(max_length=120)
    is_demo = models.BooleanField(
        default=False, help_text="A synthetic demo practice: no real client data."
    )
    retention_years = models.PositiveSmallIntegerField(
        "Keep closed records for (years)",
        default=7,
        help_text="After a client is closed, their record is kept this long; then it may be "
        "destroyed. Set it to what your licensing board and local law require.",
    )

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLINICIAN = "clinician", "Clinician"
    SUPERVISOR = "supervisor", "Supervisor"
    ADMIN = "admin", "Practice admin"


class Clinician(models.Model):
    """A person's account in a practice. Clinicians (and supervisors) keep a caseload;
    a practice admin manages accounts and settings and sees no clinical content."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician"
    )
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="clinicians")
    display_name = models.CharField(max_length=120)
    role = models.CharField(
        max_length=12,
        choices=Role.choices,
        default=Role.CLINICIAN,
        help_text="Supervisors and practice admins must use two-factor sign-in.",
    )
    default_note_form = models.CharField(
        max_length=4, choices=NoteForm.choices(), default=NoteForm.DAP
    )

    def __str__(self) -> str:
        return self.display_name


def name_of(user: Any) -> str:
    """How a person is named on what they signed: their clinician name, else the username.
    Reads the user's clinician through the relation, so a list that selected it
    (`select_related("signed_by__clinician")`) asks the database nothing more."""
    clinician = getattr(user, "clinician", None)  # None: no Clinician row for this user
    return clinician.display_name if clinician else str(user.get_username())


class SupervisionQuerySet(models.QuerySet["Supervision"]):
    def active(self, on: date | None = None) -> "SupervisionQuerySet":
        on = on or date.today()
        return self.filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on),
            started_on__lte=on,
            supervisor__clinician__role=Role.SUPERVISOR,
        )

    def supervisee_ids(self, supervisor: Any) -> "models.QuerySet[Any, Any]":
        """Ids of the people a user supervises today (none unless they are a supervisor)."""
        return self.active().filter(supervisor_id=supervisor.pk).values("supervisee_id")


class Supervision(models.Model):
    """A supervisor reads a supervisee's caseload (never changes it) and, when the
    supervisee needs it, co-signs their signed notes. Set up by the practice admin."""

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervising"
    )
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervised_by"
    )
    cosign_required = models.BooleanField(
        "Notes need co-signing",
        default=False,
        help_text="For a trainee or pre-licensed clinician: their signed notes wait for "
        "the supervisor's co-signature.",
    )
    started_on = models.DateField(default=date.today)
    ended_on = models.DateField(null=True, blank=True)

    objects = SupervisionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("supervisee")),
                name="no_self_supervision",
            ),
            models.UniqueConstraint(
                fields=["supervisor", "supervisee"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_supervision_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{name_of(self.supervisor)} supervises {name_of(self.supervisee)}"
