"""Analysing an uploaded transcript and storing only its de-identified form, atomically.

The analysis (`analyse`) takes seconds and writes nothing, so it runs before the write
transaction that saves it (`save`): on SQLite that transaction holds the database's one
write lock, which every page view's audit entry waits for.

The transformer model's analysis takes 6-16 s for a 90-minute session on two cores and
half a GiB of memory in the process that runs it, so it is queued instead: the upload de-identifies
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


def _names(session: TherapySession, user: User) -> dict[str, tuple[str, ...]]:
    """`known_names` as the pipeline's keyword arguments."""
    clinicians, clients, people = known_names(session, user)
    return {"clinician_names": clinicians, "client_names": clients, "known_names": people}


def _format(name: str, data: bytes) -> str:
    return detect(name, data[:200].decode("utf-8-sig", errors="replace"))


class Analysed(NamedTuple):
    """A transcript's de-identified analysis, ready to save: never the file itself."""

    file_format: str
    model: str
    content: dict[str, Any]


def analyse(*, session: TherapySession, data: bytes, name: str, model: str, by: User) -> Analysed:
    """Parses, de-identifies and analyses, writing nothing; raises TranscriptError (or
    EncoderUnavailable) on what cannot be analysed."""
    content = analyze(data, name, models=load_models(model), **_names(session, by))
    return Analysed(_format(name, data), model, content)


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
    clean = deidentified(data, name, **_names(session, by))
    return Deidentified(_format(name, data), model, utterances_json(clean))


def _replace(session: TherapySession, by: User, **fields: Any) -> SessionTranscript:
    """The session's transcript, in place of any before it, in one transaction."""
    with transaction.atomic():
        SessionTranscript.objects.filter(session=session).delete()
        return SessionTranscript.objects.create(session=session, uploaded_by=by, **fields)


def queue(*, session: TherapySession, queued: Deidentified, by: User) -> SessionTranscript:
    """Keeps the de-identified transcript for the runner to analyse."""
    return _replace(
        session,
        by,
        file_format=queued.file_format,
        model=queued.model,
        content={"deidentified": queued.utterances},
        state=SessionTranscript.State.QUEUED,
    )


def save(*, session: TherapySession, analysed: Analysed, by: User) -> SessionTranscript:
    """Keeps the analysis as the session's transcript."""
    return _replace(
        session,
        by,
        file_format=analysed.file_format,
        model=analysed.model,
        content=analysed.content,
    )


def attach_transcript(
    *, session: TherapySession, data: bytes, name: str, model: str, by: User
) -> SessionTranscript:
    """Analyses, then saves; raises TranscriptError before anything is saved."""
    analysed = analyse(session=session, data=data, name=name, model=model, by=by)
    return save(session=session, analysed=analysed, by=by)
