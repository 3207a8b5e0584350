"""Analysing an uploaded transcript and storing only its de-identified form, atomically.

The analysis (`analyse`) takes seconds and writes nothing, so it runs before the write
transaction that saves it (`save`): on SQLite that transaction holds the database's one
write lock, which every page view's audit entry waits for."""

from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.db import transaction

from mutuality.analysis.pipeline import analyze, load_models
from mutuality.core.transcripts.parsers import detect
from mutuality.sessions.models import TherapySession
from mutuality.transcripts.models import SessionTranscript


def known_names(
    session: TherapySession, user: User
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Clinician names, client names, and everyone on the client's map."""
    client = session.client
    clinician = getattr(user, "clinician", None)
    clinicians = tuple(n for n in (user.username, getattr(clinician, "display_name", "")) if n)
    people = tuple(client.relationships.values_list("name", flat=True))
    return clinicians, (client.display_name,), people


class Analysed(NamedTuple):
    """A transcript's de-identified analysis, ready to save: never the file itself."""

    file_format: str
    model: str
    content: dict[str, Any]


def analyse(*, session: TherapySession, data: bytes, name: str, model: str, by: User) -> Analysed:
    """Parses, de-identifies and analyses, writing nothing; raises TranscriptError (or
    EncoderUnavailable) on what cannot be analysed."""
    clinicians, clients, people = known_names(session, by)
    content = analyze(
        data,
        name,
        models=load_models(model),
        clinician_names=clinicians,
        client_names=clients,
        known_names=people,
    )
    file_format = detect(name, data[:200].decode("utf-8-sig", errors="replace"))
    return Analysed(file_format, model, content)


def save(*, session: TherapySession, analysed: Analysed, by: User) -> SessionTranscript:
    """Keeps the analysis as the session's transcript, in place of any before it."""
    with transaction.atomic():
        SessionTranscript.objects.filter(session=session).delete()
        return SessionTranscript.objects.create(
            session=session,
            file_format=analysed.file_format,
            model=analysed.model,
            content=analysed.content,
            uploaded_by=by,
        )


def attach_transcript(
    *, session: TherapySession, data: bytes, name: str, model: str, by: User
) -> SessionTranscript:
    """Analyses, then saves; raises TranscriptError before anything is saved."""
    analysed = analyse(session=session, data=data, name=name, model=model, by=by)
    return save(session=session, analysed=analysed, by=by)
