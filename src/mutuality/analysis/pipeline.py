"""Analysing a transcript end to end: parse, assign roles, de-identify, mark, summarise.

The result is plain JSON-ready data:
{"utterances": [{"index", "speaker", "role", "start", "text", "markers", "evidence",
"confidence"}], "summary": {...}, "model": ...}. Speaker names are replaced by their
role (or a placeholder) and every text is de-identified before any model sees it.
"""

from collections import Counter
from dataclasses import replace
from typing import Any

from mutuality.analysis.models import load
from mutuality.analysis.namelist import first_names
from mutuality.analysis.placelist import places
from mutuality.core.analysis.markers import Marked, Models, mark
from mutuality.core.analysis.session import summary
from mutuality.core.transcripts.deid import Deidentifier
from mutuality.core.transcripts.model import Role, Transcript, Utterance
from mutuality.core.transcripts.parsers import parse
from mutuality.core.transcripts.speakers import guess_roles

MODEL_KINDS = ("default", "transformer")


def load_models(kind: str = "default") -> Models:
    empathy, _ = load("empathy")
    models = Models(empathy, load("behaviour")[0], load("support")[0], load("isolation")[0])
    if kind == "transformer":
        from mutuality.analysis.encoder import encode

        return replace(models, empathy_dense=load("empathy-transformer")[0], encoder=encode)
    return models


def deidentify(
    transcript: Transcript, known_names: tuple[str, ...] = (), map_names: tuple[str, ...] = ()
) -> Transcript:
    """Texts redacted, and speakers shown by role ('Client') or as a placeholder."""
    d = Deidentifier(tuple(known_names) + transcript.speakers, map_names, first_names(), places())
    roles = {u.speaker: u.role for u in transcript.utterances}
    speakers_per_role = Counter(roles.values())
    labels = {
        s: role.value.capitalize()
        if role is not Role.OTHER and speakers_per_role[role] == 1
        else d.redact(s)
        for s, role in roles.items()
    }
    return Transcript(
        tuple(
            replace(u, speaker=labels[u.speaker], text=d.redact(u.text))
            for u in transcript.utterances
        )
    )


def as_json(marked: list[Marked], models: Models) -> dict[str, Any]:
    return {
        "model": models.name,
        "utterances": [
            {
                "index": m.utterance.index,
                "speaker": m.utterance.speaker,
                "role": m.utterance.role.value,
                "start": m.utterance.start,
                "text": m.utterance.text,
                "markers": m.markers,
                "confidence": m.confidence,
                "evidence": m.evidence,
            }
            for m in marked
        ],
        "summary": summary(marked),
    }


def deidentified(
    data: bytes | str,
    name: str = "transcript.txt",
    *,
    clinician_names: tuple[str, ...] = (),
    client_names: tuple[str, ...] = (),
    known_names: tuple[str, ...] = (),
) -> Transcript:
    """Parsed, speakers' roles guessed, and de-identified: what any model may see. Under a
    second for a 90-minute session; raises TranscriptError on what cannot be parsed."""
    transcript = parse(data, name)
    transcript = transcript.with_roles(
        guess_roles(transcript.speakers, clinician_names, client_names)
    )
    return deidentify(transcript, clinician_names + client_names, known_names)


def analyze(
    data: bytes | str,
    name: str = "transcript.txt",
    *,
    models: Models,
    clinician_names: tuple[str, ...] = (),
    client_names: tuple[str, ...] = (),
    known_names: tuple[str, ...] = (),
) -> dict[str, Any]:
    """`known_names`: people on the client's map, matched as written."""
    clean = deidentified(
        data,
        name,
        clinician_names=clinician_names,
        client_names=client_names,
        known_names=known_names,
    )
    return analyze_deidentified(clean, models)


def analyze_deidentified(clean: Transcript, models: Models) -> dict[str, Any]:
    """The markers and summary of a transcript already de-identified (`deidentified`)."""
    return as_json(mark(clean, models), models)


def utterances_json(transcript: Transcript) -> list[dict[str, Any]]:
    """A de-identified transcript as JSON-ready data, before any model has marked it."""
    return [
        {"index": u.index, "speaker": u.speaker, "role": u.role.value, "start": u.start,
         "text": u.text}
        for u in transcript.utterances
    ]  # fmt: skip


def from_json(utterances: list[dict[str, Any]]) -> Transcript:
    """`utterances_json` read back."""
    return Transcript(
        tuple(
            Utterance(u["index"], u["speaker"], u["text"], Role(u["role"]), u["start"])
            for u in utterances
        )
    )
