from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from mutuality.core import rct
from mutuality.core.rct.vocabulary import IdentityDimension, IdentityPosition

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class ClientQuerySet(models.QuerySet["Client"]):
    def for_user(self, user: "AbstractBaseUser | AnonymousUser") -> "ClientQuerySet":
        """The caseload a user may see: their own clients, nobody else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(clinician_id=user.pk)


class Client(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clients"
    )
    display_name = models.CharField(
        "Name or pseudonym",
        max_length=80,
        help_text="What you call this client in Mutuality. A pseudonym is fine.",
    )
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    start_date = models.DateField("Start of work")
    concerns = models.JSONField(
        default=list, blank=True, help_text="Keys of problems-for-work from the Guide."
    )
    concerns_note = models.TextField("Presenting concerns in your words", blank=True)
    is_synthetic = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        indexes = [models.Index(fields=["clinician", "status"])]

    def __str__(self) -> str:
        return self.display_name

    def concern_problems(self) -> list[rct.ProblemForWork]:
        return [rct.problem(key) for key in self.concerns]


class SocialIdentity(models.Model):
    """One of a client's social identities, in their own words (Walker, 1999)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="identities")
    dimension = models.CharField(max_length=20, choices=IdentityDimension.choices())
    own_words = models.CharField(
        "In the client's words", max_length=120, help_text="How the client names this identity."
    )
    position = models.CharField("Experienced as", max_length=20, choices=IdentityPosition.choices())
    contexts = models.CharField(
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
