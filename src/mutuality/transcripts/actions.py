"""Analysing an uploaded transcript and storing only its de-identified form, atomically.

The analysis (`analyse`) takes seconds and writes nothing, so it runs before the write
transaction that saves it (`save`): on SQLite that transaction holds the database's one
write lock, which every page view's audit entry waits for.

The transformer model's analysis takes 10-16 s for a 90-minute session and half a GiB of
memory in the process that runs it, so it is queued instead: the upload de-identifies
(`deidentify`, under a second) and keeps only that (`queue`), and the analysis runner
(`transcripts.runner`) does the rest. A worker that analysed in the request was a worker
no page could have: as many uploads at once as workers stopped every page."""

from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.db import transaction

from mutuality.analysis.pipeline import analyze, deidentified, load_models, utterances_json
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


QUEUED_MODELS = frozenset({"transformer"})  # the models whose analysis is queued


class Deidentified(NamedTuple):
    """A transcript de-identified for its queued analysis: never the file itself."""

    file_format: str
    model: str
    utterances: list[dict[str, Any]]


def deidentify(
    *, session: TherapySession, data: bytes, name: str, model: str, by: User
) -> Deidentified:
    """Parses and de-identifies, writing nothing; raises TranscriptError on what cannot
    be parsed."""
    clinicians, clients, people = known_names(session, by)
    clean = deidentified(
        data, name, clinician_names=clinicians, client_names=clients, known_names=people
    )
    file_format = detect(name, data[:200].decode("utf-8-sig", errors="replace"))
    return Deidentified(file_format, model, utterances_json(clean))


def queue(*, session: TherapySession, queued: Deidentified, by: User) -> SessionTranscript:
    """Keeps the de-identified transcript, for the runner to analyse, in place of any
    before it."""
    with transaction.atomic():
        SessionTranscript.objects.filter(session=session).delete()
        return SessionTranscript.objects.create(
            session=session,
            file_format=queued.file_format,
            model=queued.model,
            content={"deidentified": queued.utterances},
            uploaded_by=by,
            state=SessionTranscript.State.QUEUED,
        )


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
