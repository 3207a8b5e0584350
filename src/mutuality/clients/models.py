from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from mutuality.core import rct
from mutuality.core.rct.vocabulary import IdentityDimension, IdentityPosition
from mutuality.encryption.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedEmailField,
    EncryptedTextField,
)
from mutuality.practices.models import Role, Supervision

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


DEFAULT_RETENTION_YEARS = 7


def readable_by(user: "AbstractBaseUser | AnonymousUser", via: str = "") -> models.Q:
    """The records a user may read, as a condition on a model that reaches its client by
    `via` ("client__", "plan__client__" …; "" for the client itself): their own clients and,
    for a supervisor, those of the clinicians they supervise today. A condition on the join
    rather than `client__in=<subquery>`: the ORM builds it in half the time. Changing a record
    is for its own clinician only (`ClientQuerySet.owned_by`; enforced for every URL in
    record.audited)."""
    if not user.is_authenticated:
        return models.Q(pk__in=[])  # matches nothing, without a query
    own = models.Q(**{f"{via}clinician_id": user.pk})
    if not supervises(user):
        return own
    return own | models.Q(**{f"{via}clinician_id__in": Supervision.objects.supervisee_ids(user)})


def supervises(user: "AbstractBaseUser | AnonymousUser") -> bool:
    """Whether the user may read records beyond their own: only a supervisor supervises
    (`Supervision.active`). Everyone else reads their own caseload alone."""
    profile = getattr(user, "clinician", None)  # loaded with a request's user
    return profile is not None and profile.role == Role.SUPERVISOR


class ClientQuerySet(models.QuerySet["Client"]):
    def for_user(self, user: "AbstractBaseUser | AnonymousUser") -> "ClientQuerySet":
        """The records a user may read (`readable_by`)."""
        return self.filter(readable_by(user))

    def owned_by(self, user: "AbstractBaseUser | AnonymousUser") -> "ClientQuerySet":
        """The user's own caseload."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(clinician_id=user.pk)

    def named(self, name: str) -> "Client":
        """The one client here with this name, compared opened: names are sealed at rest."""
        found = [c for c in self if c.display_name == name]
        if len(found) != 1:
            raise Client.DoesNotExist(f"{len(found)} clients are named {name!r}, not one")
        return found[0]


class Client(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clients"
    )
    # Names, contact details and free text are sealed at rest: the caseload searches and
    # sorts them in Python after opening (record.queries), never in SQL.
    display_name = EncryptedCharField(
        "Name or pseudonym",
        max_length=80,
        help_text="What you call this client in Mutuality. A pseudonym is fine.",
    )
    pronouns = EncryptedCharField(max_length=40, blank=True)
    date_of_birth = EncryptedDateField(null=True, blank=True)
    email = EncryptedEmailField(max_length=254, blank=True)
    phone = EncryptedCharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    start_date = models.DateField("Start of work")
    concerns = models.JSONField(
        default=list, blank=True, help_text="Keys of problems-for-work from the Guide."
    )
    concerns_note = EncryptedTextField("Presenting concerns in your words", blank=True)
    closed_on = models.DateField(null=True, blank=True, editable=False)
    is_synthetic = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The latest moment anything was recorded for the client, kept by record.activity.
    activity_at = models.DateTimeField(null=True, editable=False)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["clinician", "status"])]

    def __str__(self) -> str:
        return str(self.display_name)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Closing starts the retention period; reopening stops it."""
        if self.status == Client.Status.CLOSED and self.closed_on is None:
            self.closed_on = timezone.localdate()
        elif self.status == Client.Status.ACTIVE:
            self.closed_on = None
        super().save(*args, **kwargs)

    def destroy_after(self) -> date | None:
        """The day the record may be destroyed: the end of its retention period."""
        if self.closed_on is None:
            return None
        profile = getattr(self.clinician, "clinician", None)
        years = profile.practice.retention_years if profile else DEFAULT_RETENTION_YEARS
        try:
            return self.closed_on.replace(year=self.closed_on.year + years)
        except ValueError:  # 29 February
            return self.closed_on.replace(year=self.closed_on.year + years, day=28)

    def concern_problems(self) -> list[rct.ProblemForWork]:
        return [rct.problem(key) for key in self.concerns]


class SocialIdentity(models.Model):
    """One of a client's social identities, in their own words (Walker, 1999)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="identities")
    dimension = models.CharField(max_length=20, choices=IdentityDimension.choices())
    own_words = EncryptedCharField(
        "In the client's words", max_length=120, help_text="How the client names this identity."
    )
    position = models.CharField("Experienced as", max_length=20, choices=IdentityPosition.choices())
    contexts = EncryptedCharField(
        "In which contexts",
        max_length=200,
        blank=True,
        help_text="Where this identity is most felt, e.g. 'at work', 'with family'.",
    )

    class Meta:
        ordering = ["dimension", "id"]
        verbose_name_plural = "social identities"

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.own_words}"
