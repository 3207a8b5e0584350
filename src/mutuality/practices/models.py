from typing import Any

from django.conf import settings
from django.db import models

from mutuality.core.record.notes import NoteForm


class Practice(models.Model):
    name = models.CharField(max_length=120)
    is_demo = models.BooleanField(
        default=False, help_text="A synthetic demo practice: no real client data."
    )

    def __str__(self) -> str:
        return self.name


class Clinician(models.Model):
    """A user account that keeps a caseload in a practice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician"
    )
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="clinicians")
    display_name = models.CharField(max_length=120)
    role = models.CharField(
        max_length=12,
        choices=[
            ("clinician", "Clinician"),
            ("supervisor", "Supervisor"),
            ("admin", "Practice admin"),
        ],
        default="clinician",
        help_text="Supervisors and practice admins must use two-factor sign-in.",
    )
    default_note_form = models.CharField(
        max_length=4, choices=NoteForm.choices(), default=NoteForm.DAP
    )

    def __str__(self) -> str:
        return self.display_name


def name_of(user: Any) -> str:
    """How a person is named on what they signed: their clinician name, else the username."""
    clinician = Clinician.objects.filter(user=user).only("display_name").first()
    return clinician.display_name if clinician else str(user.get_username())
