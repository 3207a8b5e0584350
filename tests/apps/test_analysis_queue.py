"""The transformer model's analyses are queued: an upload de-identifies the transcript and
keeps only that, answering at once, and the analysis runner (transcripts.runner) analyses it
in a process of its own and saves the analysis with its audit entry."""

import json
import signal
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest
from django.utils import timezone

from mutuality.audit.models import AuditEntry
from mutuality.sessions.models import TherapySession
from mutuality.transcripts import runner
from mutuality.transcripts.models import SessionTranscript
from tests.apps.test_transcripts import SESSION, upload

QUEUED, ANALYSED, FAILED = (
    SessionTranscript.State.QUEUED,
    SessionTranscript.State.ANALYSED,
    SessionTranscript.State.FAILED,
)


def page(client, session) -> str:
    return str(client.get(f"/sessions/{session.pk}/transcript/").content.decode())


def test_an_upload_keeps_the_de_identified_text_and_the_runner_analyses_it(signed_in, session):
    response = upload(signed_in, session, SESSION.encode(), model="transformer")
    assert response.status_code == 302
    queued = SessionTranscript.objects.get(session=session)
    assert queued.state == QUEUED
    kept = json.dumps(queued.content)
    for identifier in ("Quinn", "Jordan", "Leeds"):
        assert identifier not in kept  # de-identified before it was kept
    assert [u["speaker"] for u in queued.content["deidentified"]][:2] == ["Clinician", "Client"]
    assert "utterances" not in queued.content
    assert queued.summary == {}
    shown = page(signed_in, session)
    assert "Being analysed" in shown
    assert 'http-equiv="refresh"' in shown
    assert (
        "transcript not analysed yet"
        in signed_in.get(f"/clients/{session.client_id}/sessions/").content.decode()
    )
    assert (
        "its analysis with the transformer model is queued"
        in signed_in.get(f"/sessions/{session.pk}/").content.decode()
    )

    assert runner.work_once() is True
    assert runner.work_once() is False  # nothing more waiting
    analysed = SessionTranscript.objects.get(session=session)
    assert analysed.state == ANALYSED
    assert analysed.content["model"] == "transformer"
    assert analysed.content["utterances"][1]["markers"]["concealment"] is True
    assert analysed.summary == analysed.content["summary"]
    shown = page(signed_in, session)
    assert "Being analysed" not in shown
    assert 'http-equiv="refresh"' not in shown
    assert 'class="timeline"' in shown
    entry = AuditEntry.objects.filter(actor=runner.ACTOR).get()
    assert (entry.action, entry.object_type, entry.object_id, entry.client_id) == (
        "change",
        "session",
        str(session.pk),
        session.client_id,
    )


def test_the_default_model_still_analyses_in_the_request(signed_in, session):
    assert upload(signed_in, session, SESSION.encode()).status_code == 302
    assert SessionTranscript.objects.get(session=session).state == ANALYSED
    assert runner.work_once() is False


def test_a_bad_file_is_refused_at_upload_and_nothing_is_queued(signed_in, session):
    response = upload(signed_in, session, b"\xff\xfe\x00garbage", "s.json", model="transformer")
    assert response.status_code == 400
    assert not SessionTranscript.objects.exists()


def test_an_analysis_that_fails_says_why_and_keeps_the_de_identified_text(
    signed_in, session, monkeypatch
):
    from mutuality.analysis.encoder import EncoderUnavailable

    upload(signed_in, session, SESSION.encode(), model="transformer")

    def unavailable(kind):
        raise EncoderUnavailable("the transformer model needs the extra")

    monkeypatch.setattr(runner, "load_models", unavailable)
    assert runner.work_once() is True
    failed = SessionTranscript.objects.get(session=session)
    assert failed.state == FAILED
    assert failed.problem == "It could not be analysed: the transformer model needs the extra."
    assert failed.content["deidentified"]
    shown = page(signed_in, session)
    assert "The analysis did not finish" in shown
    assert failed.problem in shown
    assert 'http-equiv="refresh"' not in shown
    assert runner.work_once() is False  # a failed transcript is not taken again


def test_a_claim_is_taken_once_and_again_only_when_its_runner_stopped(signed_in, session):
    upload(signed_in, session, SESSION.encode(), model="transformer")
    now = timezone.now()
    assert runner.claim(now) is not None
    assert runner.claim(now) is None  # held: a second runner finds nothing to take
    later = now + runner.CLAIM_EXPIRES + timedelta(seconds=1)
    assert runner.claim(later) is not None  # its runner stopped: taken again
    gone = later + runner.CLAIM_EXPIRES + timedelta(seconds=1)
    assert runner.claim(gone) is None  # stopped twice: it fails rather than loop
    failed = SessionTranscript.objects.get(session=session)
    assert failed.state == FAILED
    assert "2 times" in failed.problem


def test_a_new_upload_during_an_analysis_is_not_overwritten_by_it(signed_in, session):
    upload(signed_in, session, SESSION.encode(), model="transformer")
    held = runner.claim(timezone.now())
    assert held is not None
    upload(signed_in, session, SESSION.encode())  # replaced, default model, meanwhile
    replaced = SessionTranscript.objects.get(session=session)
    runner._save(held, {"utterances": [], "summary": {}, "model": "transformer"})
    assert SessionTranscript.objects.get(session=session).content == replaced.content
    assert not AuditEntry.objects.filter(actor=runner.ACTOR).exists()


def test_the_queue_page_says_how_many_wait_and_when_no_runner_takes_them(
    signed_in, alice_client, session
):
    later = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 9))
    upload(signed_in, session, SESSION.encode(), model="transformer")
    upload(signed_in, later, SESSION.encode(), model="transformer")
    assert "waits for 1 transcript queued before it" in page(signed_in, later)
    SessionTranscript.objects.update(uploaded_at=timezone.now() - timedelta(minutes=5))
    SessionTranscript.objects.filter(session=later).update(
        uploaded_at=timezone.now() - timedelta(minutes=4)
    )
    assert "No analysis runner has taken it yet" in page(signed_in, session)
    runner.claim(timezone.now())
    assert "is running now" in page(signed_in, session)


@pytest.mark.django_db(transaction=True)
def test_the_runner_command_analyses_the_queue_and_stops_when_told(tmp_path):
    """`mutuality analyse-queued` as `mutuality serve` starts it, on a practice of its own."""
    from tests.apps.conftest import own_database, run_mutuality, server_env

    env = server_env(tmp_path, MUTUALITY_INIT_PASSWORD="runner test password 42")
    with own_database(env, "runner") as env:
        done = run_mutuality(
            ["init", "--no-input", "--username=w", "--display-name=W", "--practice=P"], env
        )
        assert done.returncode == 0, done.stderr
        queued = run_mutuality(["manage", "shell", "-c", QUEUE_ONE], env)
        assert queued.returncode == 0, queued.stderr
        started = subprocess.Popen(
            [sys.executable, "-m", "mutuality", "analyse-queued"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 120
            state = ""
            while time.monotonic() < deadline and state != "analysed":
                time.sleep(0.5)
                said = run_mutuality(["manage", "shell", "-c", STATE], env).stdout.split()
                state = said[-1] if said else ""
            assert state == "analysed"
        finally:
            started.send_signal(signal.SIGTERM)
            assert started.wait(timeout=30) == 0, started.stderr.read() if started.stderr else ""


QUEUE_ONE = """
from datetime import date
from django.contrib.auth import get_user_model
from mutuality.clients.models import Client
from mutuality.sessions.models import TherapySession
from mutuality.transcripts import actions
user = get_user_model().objects.get(username="w")
client = Client.objects.create(clinician=user, display_name="Quinn", start_date=date(2026, 1, 5))
session = TherapySession.objects.create(client=client, held_on=date(2026, 3, 2))
text = b"Therapist: How are you?\\nQuinn: I feel so alone.\\n"
found = actions.deidentify(session=session, data=text, name="s.txt", model="transformer", by=user)
actions.queue(session=session, queued=found, by=user)
"""
STATE = """
from mutuality.transcripts.models import SessionTranscript
print(SessionTranscript.objects.get().state)
"""
