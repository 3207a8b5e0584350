"""Analysing an uploaded transcript and storing only its de-identified form, atomically."""

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


def attach_transcript(
    *, session: TherapySession, data: bytes, name: str, model: str, by: User
) -> SessionTranscript:
    """Parses, de-identifies and analyses; raises TranscriptError before anything is saved."""
    clinicians, clients, people = known_names(session, by)
    content = analyze(
        data,
        name,
        models=load_models(model),
        clinician_names=clinicians,
        client_names=clients,
        known_names=people,
    )
    with transaction.atomic():
        SessionTranscript.objects.filter(session=session).delete()
        return SessionTranscript.objects.create(
            session=session,
            file_format=detect(name, data[:200].decode("utf-8-sig", errors="replace")),
            model=model,
            content=content,
            uploaded_by=by,
        )
