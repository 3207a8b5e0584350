"""Writing, signing and adding to notes, each in one transaction."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from mutuality.core.errors import MutualityError
from mutuality.core.record.notes import PROCESS, content_hash, sections_for
from mutuality.measures.models import Administration
from mutuality.notes.models import Addendum, Cosignature, SessionNote, SignedNoteLocked
from mutuality.plans.models import Objective
from mutuality.practices.models import Supervision
from mutuality.sessions.models import TherapySession
from mutuality.site.prepared import SOMEDAY, Prepared


@transaction.atomic
def save_draft(
    *,
    session: TherapySession,
    by: User,
    form: str,
    sections: dict[str, str],
    process: dict[str, str],
    measures: Iterable[Administration] = (),
    objectives: Iterable[Objective] = (),
) -> SessionNote:
    """Creates or updates the session's draft; a signed note is refused, unchanged."""
    keys = {s.key for s in sections_for(form)}
    note = SessionNote.objects.select_for_update().filter(session=session).first()
    if note is None:
        note = SessionNote(session=session, author=by)
    elif note.is_signed:
        raise SignedNoteLocked
    note.form = form
    note.sections = {k: v.strip() for k, v in sections.items() if k in keys and v.strip()}
    note.process = {
        s.key: process[s.key].strip() for s in PROCESS if process.get(s.key, "").strip()
    }
    note.save()
    note.measures_reviewed.set(measures)
    session.objectives_addressed.set(objectives)
    return note


@transaction.atomic
def sign_note(*, note: SessionNote, by: User, now: datetime) -> SessionNote:
    """Seals the note: records who and when, stores the content hash, locks it."""
    note = SessionNote.objects.select_for_update().select_related("session").get(pk=note.pk)
    if note.is_signed:
        raise SignedNoteLocked
    note.signed_by, note.signed_at = by, now
    note.content_hash = content_hash(note.sealed_content())
    note.save(update_fields=["signed_by", "signed_at", "content_hash", "updated_at"])
    return note


@transaction.atomic
def add_addendum(*, note: SessionNote, by: User, text: str, now: datetime) -> Addendum:
    if not note.is_signed:
        raise ValueError("addenda are for signed notes; edit the draft instead")
    addendum = Addendum(note=note, text=text.strip(), signed_by=by, signed_at=now)
    addendum.content_hash = content_hash(addendum.sealed_content())
    addendum.save()
    return addendum


def note_view(note: SessionNote) -> dict[str, Any]:
    """The note's sections and process answers with their labels, in form order."""
    return {
        "sections": [(s, note.sections.get(s.key, "")) for s in sections_for(note.form)],
        "process": [(s, note.process.get(s.key, "")) for s in PROCESS],
    }


# Who co-signs a note: the supervisors, today, of the clinician who signed it, whose
# supervision asks for co-signing and had begun by the day it was signed (a supervision
# set up later does not reach back over the notes signed before it). Built once
# (site.prepared): the session page asks on every view of a signed note.
COSIGNERS = Prepared(
    lambda supervisee, today, signed_on: (
        Supervision.objects.active(today)
        .filter(supervisee_id=supervisee, cosign_required=True, started_on__lte=signed_on)
        .values_list("supervisor_id")
    ),
    -1,
    SOMEDAY.date(),
    SOMEDAY.date() + timedelta(days=1),
)


def cosign_state(note: SessionNote, user: User | None = None) -> tuple[bool, bool]:
    """(the note waits for a co-signature, this user may give it): signed, not yet
    co-signed, by a clinician whose active supervision asks for co-signing and had begun by
    the day the note was signed — and the user is that supervisor."""
    if not note.is_signed or getattr(note, "cosignature", None) is not None:
        return False, False
    assert note.signed_by_id is not None  # signed
    assert note.signed_at is not None
    signed_on = timezone.localdate(note.signed_at)
    supervisors = {pk for (pk,) in COSIGNERS.rows(note.signed_by_id, date.today(), signed_on)}
    return bool(supervisors), user is not None and user.pk in supervisors


def cosign_due(note: SessionNote) -> bool:
    return cosign_state(note)[0]


@transaction.atomic
def cosign(*, note: SessionNote, by: User, now: datetime) -> Cosignature:
    """The supervisor's co-signature over the note's seal."""
    note = SessionNote.objects.select_for_update().get(pk=note.pk)
    if not cosign_state(note, by)[1]:
        raise MutualityError(
            "Only the supervisor of the clinician who signed this note can co-sign it, once, "
            "and only when their supervision asks for co-signing and had begun by the day "
            "the note was signed."
        )
    cosignature = Cosignature(note=note, signed_by=by, signed_at=now)
    cosignature.content_hash = content_hash(cosignature.sealed_content())
    cosignature.save()
    return cosignature
