import json
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from mutuality.analysis.encoder import EncoderUnavailable
from mutuality.core.analysis.markers import Marked
from mutuality.core.analysis.timeline_svg import render_timeline
from mutuality.core.transcripts.model import Role, TranscriptError, Utterance
from mutuality.sessions.access import get_session_for_user
from mutuality.site.requests import ClinicianRequest, slow_work_first
from mutuality.transcripts import actions
from mutuality.transcripts.forms import TranscriptForm
from mutuality.transcripts.models import SessionTranscript

EMPATHY_LABELS = {  # EPITOME's mechanism -> (shown as, Guide entry, EPITOME's name)
    "emotional_reactions": ("Emotional attunement", "emotional-attunement", "emotional reactions"),
    "interpretations": ("Empathic accuracy", "empathic-accuracy", "interpretations"),
    "explorations": ("Exploration", "mutual-empathy", "explorations"),
}


def analysis_models(request: ClinicianRequest) -> HttpResponse:
    from mutuality.analysis.models.cards import CARDS, STATEMENT, metrics

    figures = metrics()
    cards = [(c, json.dumps(figures[c.key], indent=2) if c.key in figures else "") for c in CARDS]
    return render(request, "transcripts/models.html", {"cards": cards, "statement": STATEMENT})


def _marked(content: dict[str, Any]) -> list[Marked]:
    out = []
    for u in content["utterances"]:
        utterance = Utterance(u["index"], u["speaker"], u["text"], Role(u["role"]), u["start"])
        out.append(Marked(utterance, u["markers"], u["confidence"], u["evidence"]))
    return out


def _row(u: dict[str, Any]) -> dict[str, object]:
    """An utterance for the table: its text with the evidence marked, and its markers."""
    text = str(escape(u["text"]))
    evidence: dict[str, str] = u["evidence"]
    for phrase in sorted(
        {p for e in evidence.values() for p in e.split("; ")}, key=len, reverse=True
    ):
        safe = str(escape(phrase))
        if safe and safe in text:
            text = text.replace(safe, f"<mark>{safe}</mark>", 1)
    shown = []
    confidence: dict[str, float] = u["confidence"]
    for key, value in u["markers"].items():
        if value in (0, False, [], None) or (key == "behaviour" and value == "other"):
            continue
        label = EMPATHY_LABELS.get(key, (key.replace("_", " "), ""))[0]
        if isinstance(value, list):
            value = ", ".join(value)
        shown.append(
            {
                "key": key,
                "label": label,
                "value": value,
                "confidence": confidence.get(key),
                "evidence": evidence.get(key),
            }
        )
    return {**u, "html": mark_safe(text), "shown": shown}  # noqa: S308 - built from escaped text


def _analysed(
    request: ClinicianRequest, session_id: int
) -> tuple[TranscriptForm, actions.Analysed | actions.Deidentified | None]:
    """The posted form and, if its file could be read, its analysis, or for a queued model
    its de-identified utterances; else the form says what is wrong. Work that writes
    nothing, seconds of it for an analysis: done before the change's write transaction
    opens (`slow_work_first`)."""
    session = get_session_for_user(request.user, session_id)
    form = TranscriptForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, None
    upload = form.cleaned_data["file"]
    model = form.cleaned_data["model"]
    work = actions.deidentify if model in actions.QUEUED_MODELS else actions.analyse
    try:
        done = work(
            session=session, data=upload.read(), name=upload.name, model=model, by=request.user
        )
    except (TranscriptError, EncoderUnavailable) as e:
        form.add_error("file", f"{upload.name}: {e}")
        return form, None
    return form, done


QUEUED_NOTE = (
    "Transcript de-identified; the file itself was not kept. Its analysis with the {} model "
    "is queued: this page shows it when it is done."
)


@slow_work_first(_analysed)
def session_transcript(request: ClinicianRequest, session_id: int) -> HttpResponse:
    # On a change, read again here, inside its transaction.
    session = get_session_for_user(request.user, session_id)
    form, status = TranscriptForm(), 200
    if request.method == "POST":
        form, done = request.slow_work
        if isinstance(done, actions.Deidentified):
            actions.queue(session=session, queued=done, by=request.user)
            messages.success(request, QUEUED_NOTE.format(done.model))
            return redirect("session-transcript", session_id=session.pk)
        if done is not None:
            actions.save(session=session, analysed=done, by=request.user)
            messages.success(
                request, "Transcript de-identified and analysed; the file itself was not kept."
            )
            return redirect("session-transcript", session_id=session.pk)
        status = 400
    context: dict[str, object] = {"session": session, "client": session.client, "form": form}
    transcript = getattr(session, "transcript", None)
    if transcript is not None and transcript.state == SessionTranscript.State.QUEUED:
        context |= {"pending": transcript, "waiting": _waiting(transcript)}
    elif transcript is not None and transcript.state == SessionTranscript.State.FAILED:
        context |= {"pending": transcript}
    elif transcript is not None:
        content = transcript.content
        marked = _marked(content)
        context |= {
            "transcript": transcript,
            "summary": content["summary"],
            "rows": [_row(u) for u in content["utterances"]],
            "timeline": render_timeline(marked, f"Session of {session.held_on:%d %b %Y}"),
            "empathy_labels": EMPATHY_LABELS,
        }
    return render(request, "transcripts/session.html", context, status=status)


def _waiting(transcript: SessionTranscript) -> dict[str, object]:
    """For a queued transcript: how many queued before it, and whether a runner has it."""
    ahead = SessionTranscript.objects.filter(
        state=SessionTranscript.State.QUEUED, uploaded_at__lt=transcript.uploaded_at
    ).count()
    waited = timezone.now() - transcript.uploaded_at
    return {
        "ahead": ahead,
        "started": transcript.claimed_at is not None,
        # Not yet claimed after two minutes with none ahead: no runner is taking the queue.
        "unattended": transcript.claimed_at is None and not ahead and waited.total_seconds() > 120,
    }
