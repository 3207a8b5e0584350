from datetime import time

from django.db import models

from mutuality.clients.models import Client
from mutuality.encryption.fields import EncryptedTextField


class TherapySession(models.Model):
    """One meeting with a client; notes, transcripts, ratings and measures hang off it."""

    class Modality(models.TextChoices):
        IN_PERSON = "in-person", "In person"
        VIDEO = "video", "Video"
        PHONE = "phone", "Phone"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="therapy_sessions")
    held_on = models.DateField("Date")
    start_time: "models.TimeField[time | None, time | None]" = models.TimeField(
        "Start time", null=True, blank=True
    )
    duration_minutes = models.PositiveSmallIntegerField("Minutes", default=50)
    modality = models.CharField(max_length=10, choices=Modality.choices, default=Modality.IN_PERSON)
    attendees = EncryptedTextField(
        blank=True, help_text="Anyone besides the client and you, e.g. 'partner', 'interpreter'."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "transcripts_therapysession"  # the table predates this app
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["client", "held_on"], name="session_client_date")]

    def __str__(self) -> str:
        return f"session with {self.client} on {self.held_on:%d %b %Y}"


# Each modality's label by its stored value: lists of sessions print one a row, and a dict
# lookup costs a fraction of the enum's own `Modality(value).label`.
MODALITY_LABELS: dict[str, str] = dict(TherapySession.Modality.choices)
