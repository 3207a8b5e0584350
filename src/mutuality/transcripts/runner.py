"""The analysis runner: analyses queued transcripts one at a time, in a process of its own.

`mutuality serve` starts one beside its web workers (`mutuality analyse-queued` runs one
alone). The queue is the database: an upload keeps a de-identified transcript in the state
`queued` (transcripts.actions.queue), and a runner claims the oldest, analyses it and saves
the analysis in its place, with an audit entry, in one short transaction. So the transformer
model lives in this one process rather than in every web worker that took an upload, and the
web workers go on serving pages while it works. Several app servers on one PostgreSQL each
run one: a claim is taken by a compare-and-set on the row (`claim`), so no transcript is
analysed twice at once. A claim left by a runner that stopped mid-analysis (a restart, a
crash) is taken again once `CLAIM_EXPIRES` has passed, `ATTEMPTS` times at most; a
transcript whose analysis fails keeps its de-identified text and says why (`problem`)."""

import logging
import os
import threading
from datetime import datetime, timedelta

from django.db import close_old_connections, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from mutuality.analysis.encoder import EncoderUnavailable
from mutuality.analysis.pipeline import analyze_deidentified, from_json, load_models
from mutuality.audit.actions import record
from mutuality.audit.models import Action
from mutuality.core.transcripts.model import TranscriptError
from mutuality.transcripts.models import SessionTranscript

log = logging.getLogger(__name__)
CLAIM_EXPIRES = timedelta(minutes=10)  # a 90-minute session takes seconds: its runner stopped
ATTEMPTS = 2
ACTOR = "analysis runner"  # who the audit trail names for the saved analysis
QUEUED = SessionTranscript.State.QUEUED


def claim(now: datetime) -> SessionTranscript | None:
    """The oldest queued transcript no running runner holds, now held by this one; None if
    there is none. A claim whose runner stopped `ATTEMPTS` times fails the transcript."""
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES)
    waiting = SessionTranscript.objects.filter(free, state=QUEUED).order_by("uploaded_at", "pk")
    for pk, claimed_at, attempts in waiting.values_list("pk", "claimed_at", "attempts")[:10]:
        if attempts >= ATTEMPTS:
            SessionTranscript.objects.filter(pk=pk, state=QUEUED, claimed_at=claimed_at).update(
                state=SessionTranscript.State.FAILED,
                problem=f"The analysis stopped before it finished, {attempts} times "
                "(the server restarted or ran out of memory). Upload the file again.",
            )
            continue
        # `claimed_at=None` matches a null: the compare-and-set covers a first claim too
        taken = SessionTranscript.objects.filter(pk=pk, state=QUEUED, claimed_at=claimed_at).update(
            claimed_at=now, attempts=F("attempts") + 1
        )
        if taken:  # else another runner took it between the read and the update
            return SessionTranscript.objects.select_related("session").get(pk=pk)
    return None


def work_once(now: datetime | None = None) -> bool:
    """Claims and analyses one queued transcript; False if none was waiting."""
    held = claim(now or timezone.now())
    if held is None:
        return False
    try:
        clean = from_json(held.content["deidentified"])
        content = analyze_deidentified(clean, load_models(held.model))
    except (TranscriptError, EncoderUnavailable) as e:
        _fail(held, f"It could not be analysed: {e}.")
    except Exception as e:  # said on the page; the log names its kind, never content
        log.error("analysis of transcript %s failed: %s", held.pk, type(e).__name__)
        _fail(held, f"The analysis stopped with an unexpected error ({type(e).__name__}).")
    else:
        _save(held, content)
    return True


def _ours(held: SessionTranscript) -> "QuerySet[SessionTranscript]":
    """Still the row this runner claimed: not replaced by a new upload, nor claimed again."""
    return SessionTranscript.objects.filter(pk=held.pk, state=QUEUED, claimed_at=held.claimed_at)


def _save(held: SessionTranscript, content: dict[str, object]) -> None:
    with transaction.atomic():
        # Locked until the save (PostgreSQL; SQLite's write transaction holds the database),
        # so a new upload cannot replace the row between this check and the update.
        if not _ours(held).select_for_update().values_list("pk").first():
            return  # a newer upload replaced it while it was analysed: nothing to keep
        held.content = content
        held.state = SessionTranscript.State.ANALYSED
        held.save(update_fields=["content", "summary", "state"])  # summary: from the content
        record(
            action=Action.CHANGE,
            actor=ACTOR,
            object_type="session",
            object_id=held.session_id,
            client_id=held.session.client_id,
            detail=f"transcript analysed with the {held.model} model",
        )


def _fail(held: SessionTranscript, problem: str) -> None:
    _ours(held).update(state=SessionTranscript.State.FAILED, problem=problem[:200])


def run(stop: threading.Event, poll: float = 1.0) -> None:
    """Analyses what is queued until `stop` is set, looking again every `poll` seconds when
    nothing is waiting. Ends too when the process that started it has gone."""
    parent = os.getppid()
    while not stop.is_set() and os.getppid() == parent:
        close_old_connections()  # as between requests: a lost or aged connection is replaced
        if not work_once():
            stop.wait(poll)
