from typing import Any

from django.conf import settings
from django.db import models

from mutuality.encryption.fields import EncryptedJSONField
from mutuality.sessions.models import TherapySession


class SessionTranscript(models.Model):
    """A session's transcript after de-identification, with its analysis.

    The uploaded file is never stored. Everything derived from it (redacted utterances,
    markers, evidence, summary) lives in the one `content` column, so encryption at rest
    wraps a single field.

    An analysis that takes seconds (the transformer model's) is queued: the upload keeps
    only the de-identified utterances (`content["deidentified"]`) and answers at once, and
    an analysis runner (`transcripts.runner`, which `mutuality serve` starts) claims the
    row, analyses it and saves the analysis in their place.
    """

    class State(models.TextChoices):
        ANALYSED = "analysed"
        QUEUED = "queued"
        FAILED = "failed"

    session = models.OneToOneField(
        TherapySession, on_delete=models.CASCADE, related_name="transcript"
    )
    file_format = models.CharField(max_length=8)
    model = models.CharField(max_length=20)
    content = EncryptedJSONField()
    # content["summary"], kept beside it: the sessions list and a session's page show only
    # these counts and rates, a few hundred bytes, where a transcript runs to hundreds of KB.
    summary = EncryptedJSONField(default=dict, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.ANALYSED)
    # A runner's claim on a queued row, and how many runners have claimed it: a claim older
    # than runner.CLAIM_EXPIRES was left by a runner that stopped, and is taken again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    problem = models.CharField(max_length=200, blank=True)  # why it failed: no client content

    class Meta:
        indexes = [
            models.Index(
                fields=["uploaded_at"], name="transcript_queued", condition=models.Q(state="queued")
            )
        ]

    def __str__(self) -> str:
        return f"transcript of {self.session}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.summary = self.content.get("summary", {})
        super().save(*args, **kwargs)
