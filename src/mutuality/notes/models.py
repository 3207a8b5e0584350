"""Notes. A session note is a draft until signed; signing seals its content with a hash
and locks it. Afterwards only signed addenda can be added. Process notes and supervision
reflections are the clinician's own: stored apart, never exported, never shared."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

from mutuality.core.errors import MutualityError
from mutuality.core.record.notes import NoteForm, content_hash
from mutuality.encryption.fields import EncryptedJSONField, EncryptedTextField
from mutuality.measures.models import Administration
from mutuality.sessions.models import TherapySession
from mutuality.site.dates import day_start

if TYPE_CHECKING:
    from mutuality.practices.models import Supervision


class SignedNoteLocked(MutualityError):
    """A signed note or an addendum cannot be changed; add an addendum instead."""

    def __init__(self) -> None:
        super().__init__("This note is signed and cannot be changed; add an addendum instead.")


class LockedQuerySet(models.QuerySet[Any]):
    """Bulk updates cannot reach around the lock."""

    def update(self, **kwargs: Any) -> int:
        if self.filter(signed_at__isnull=False).exists():
            raise SignedNoteLocked
        return super().update(**kwargs)


class SessionNoteQuerySet(LockedQuerySet):
    def awaiting_cosignature(self, supervision: "Supervision") -> "SessionNoteQuerySet":
        """The supervisee's notes signed since the supervision began and not co-signed: a
        supervision set up later does not reach back over earlier notes (one note is held
        to the same rule by notes.actions.cosign_state)."""
        return self.filter(
            signed_by=supervision.supervisee_id,
            signed_at__gte=day_start(supervision.started_on),
            cosignature__isnull=True,
        )


class SessionNote(models.Model):
    session = models.OneToOneField(TherapySession, on_delete=models.CASCADE, related_name="note")
    form = models.CharField(max_length=4, choices=NoteForm.choices(), default=NoteForm.DAP)
    sections = EncryptedJSONField(default=dict)  # keyed by the form's section keys
    process = EncryptedJSONField(default=dict)  # keyed by core.record.notes.PROCESS
    measures_reviewed = models.ManyToManyField(Administration, blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)

    objects = SessionNoteQuerySet.as_manager()

    class Meta:
        indexes = [
            # A supervisor's notes to co-sign: one clinician's, signed since a day.
            models.Index(fields=["signed_by", "signed_at"], name="notes_signed_by_since"),
        ]

    def __str__(self) -> str:
        return f"note of {self.session}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.pk is not None
            and SessionNote.objects.filter(pk=self.pk, signed_at__isnull=False).exists()
        ):
            raise SignedNoteLocked
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.signed_at is not None:
            raise SignedNoteLocked
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def sealed_content(self) -> dict[str, Any]:
        """Everything the signature covers: who, when, which session, every word."""
        assert self.signed_at is not None
        assert self.signed_by is not None
        return {
            "session": self.session_id,
            "client": self.session.client_id,
            "held_on": self.session.held_on.isoformat(),
            "form": self.form,
            "sections": self.sections,
            "process": self.process,
            "measures_reviewed": sorted(m.pk for m in self.measures_reviewed.all()),
            "signed_by": self.signed_by.get_username(),
            "signed_at": self.signed_at.isoformat(),
        }

    def hash_matches(self) -> bool:
        return self.is_signed and content_hash(self.sealed_content()) == self.content_hash


class SignedOnce(models.Model):
    """Something signed as it is written and never changed: an addendum, a co-signature.
    Its hash covers the note's own seal, so it is bound to that exact note."""

    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField()
    content_hash = models.CharField(max_length=64)

    objects = LockedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise SignedNoteLocked
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise SignedNoteLocked

    def sealed_content(self) -> dict[str, Any]:
        raise NotImplementedError

    def hash_matches(self) -> bool:
        return content_hash(self.sealed_content()) == self.content_hash


class Addendum(SignedOnce):
    """A dated addition to a signed note, signed as it is written and never changed."""

    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="addenda")
    text = EncryptedTextField()

    class Meta:
        ordering = ["signed_at", "id"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"addendum to {self.note} on {self.signed_at:%d %b %Y}"

    def sealed_content(self) -> dict[str, Any]:
        return {
            "note": self.note_id,
            "note_hash": self.note.content_hash,
            "text": self.text,
            "signed_by": self.signed_by.get_username(),
            "signed_at": self.signed_at.isoformat(),
        }


class Cosignature(SignedOnce):
    """A supervisor's co-signature of a supervisee's signed note: it covers the note's own
    seal (its content hash), and like the note it is never changed."""

    note = models.OneToOneField(SessionNote, on_delete=models.CASCADE, related_name="cosignature")

    def __str__(self) -> str:
        return f"co-signature of {self.note}"

    def sealed_content(self) -> dict[str, Any]:
        return {
            "note": self.note_id,
            "note_hash": self.note.content_hash,
            "cosigned_by": self.signed_by.get_username(),
            "cosigned_at": self.signed_at.isoformat(),
        }


class ProcessNote(models.Model):
    """The clinician's private process notes (psychotherapy notes): apart from the record,
    never in an export, a print or the client's view."""

    session = models.OneToOneField(
        TherapySession, on_delete=models.CASCADE, related_name="process_note"
    )
    text = EncryptedTextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"process note of {self.session}"


class SupervisionReflection(models.Model):
    """The clinician's private answer to one of the Guide's supervision questions."""

    session = models.ForeignKey(
        TherapySession, on_delete=models.CASCADE, related_name="reflections"
    )
    question = models.SlugField(max_length=80)
    text = EncryptedTextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "question"], name="one_reflection_per_q")
        ]

    def __str__(self) -> str:
        return f"reflection on {self.question} for {self.session}"
