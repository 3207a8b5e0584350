"""Sessions and transcripts: upload, de-identify before storage, analyse, show evidence."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mutuality.sessions.models import TherapySession
from mutuality.transcripts.models import SessionTranscript

FIXTURES = Path(__file__).parents[1] / "fixtures" / "transcripts"
SESSION = """Therapist: How have things been with Jordan since we last met?
Quinn: I didn't tell anyone about it. I kept it to myself.
Quinn: I feel so alone, nobody calls. Jordan lives in Leeds now.
Therapist: Okay. What time is it?
Therapist: Let's look at the homework.
Quinn: I just want to be understood, honestly.
Therapist: It sounds like you have been carrying this on your own, and that hurts.
"""


def upload(client, session, data, name="session.txt", model="default"):
    return client.post(
        f"/sessions/{session.pk}/transcript/",
        {"file": SimpleUploadedFile(name, data), "model": model},
    )


def test_it_adds_a_session_to_a_client(signed_in, alice_client):
    response = signed_in.post(f"/clients/{alice_client.pk}/sessions/", {"held_on": "2026-03-02"})
    session = TherapySession.objects.get()
    assert response["Location"] == f"/sessions/{session.pk}/"
    bad = signed_in.post(f"/clients/{alice_client.pk}/sessions/", {"held_on": "2099-01-01"})
    assert "is in the future" in bad.content.decode()
    assert TherapySession.objects.count() == 1


def test_it_stores_only_the_de_identified_transcript_and_its_analysis(signed_in, session):
    response = upload(signed_in, session, SESSION.encode())
    assert response.status_code == 302
    stored = json.dumps(SessionTranscript.objects.get(session=session).content)
    for identifier in ("Quinn", "Jordan", "Leeds"):
        assert identifier not in stored
    content = SessionTranscript.objects.get().content
    assert [u["role"] for u in content["utterances"]] == [
        "clinician",
        "client",
        "client",
        "clinician",
        "clinician",
        "client",
        "clinician",
    ]
    assert content["utterances"][1]["speaker"] == "Client"
    assert content["utterances"][1]["markers"]["concealment"] is True
    assert content["utterances"][1]["evidence"]["concealment"] == "didn't tell anyone"
    assert content["utterances"][2]["markers"]["isolation"] is True
    assert content["utterances"][5]["markers"]["yearning"] is True
    assert content["summary"]["turns"] == {"clinician": 4, "client": 3, "other": 0}


def test_it_shows_the_timeline_and_the_evidence(signed_in, session):
    upload(signed_in, session, SESSION.encode())
    page = signed_in.get(f"/sessions/{session.pk}/transcript/").content.decode()
    assert 'class="timeline"' in page
    assert page.count('class="utterance"') == 7
    assert "<mark>didn&#x27;t tell anyone</mark>" in page
    assert "not judgements" in page


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            b"T: hello\nno speaker on this line\n",
            "s.txt",
            "s.txt: line 2: no speaker before the text",
        ),
        (
            b"WEBVTT\n\n00:00:09.000 --> 00:00:02.000\n<v T>hi\n",
            "s.vtt",
            "s.vtt: line 3: the cue ends before it starts",
        ),
        (b"\xff\xfe", "s.txt", "s.txt: line 1: the file is not UTF-8 text"),
        (b"T: a\n" * 500_001, "s.txt", "The file is 2.5 MB; the limit is 2 MB."),
    ],
)
def test_it_refuses_a_bad_transcript_clearly_and_keeps_what_was_there(
    signed_in, session, data, name, message
):
    upload(signed_in, session, SESSION.encode())
    before = SessionTranscript.objects.get().content
    response = upload(signed_in, session, data, name)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#39;", "'")
    assert SessionTranscript.objects.get().content == before


def test_the_analysis_runs_before_the_uploads_write_transaction_opens(
    transactional_db, client, alice, alice_client, monkeypatch
):
    """On SQLite an open write transaction holds the database's one write lock, and every
    other change and page view's audit entry waits for it: the seconds an analysis takes
    must not be spent inside one. The analysis is then saved with its audit entry."""
    from django.db import connection

    from mutuality.analysis.pipeline import analyze
    from mutuality.audit.models import AuditEntry

    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    inside = []

    def watched(*args, **kwargs):
        inside.append(connection.in_atomic_block)
        return analyze(*args, **kwargs)

    monkeypatch.setattr("mutuality.transcripts.actions.analyze", watched)
    client.force_login(alice)
    assert upload(client, session, SESSION.encode()).status_code == 302
    assert inside == [False]
    assert SessionTranscript.objects.filter(session=session).exists()
    entry = AuditEntry.objects.filter(detail="POST session-transcript").get()
    assert (entry.object_type, entry.object_id, entry.client_id) == (
        "session",
        str(session.pk),
        alice_client.pk,
    )


def test_it_tracks_measures_across_sessions(signed_in, alice_client, session):
    upload(signed_in, session, SESSION.encode())
    second = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 9))
    upload(signed_in, second, (FIXTURES / "session.vtt").read_bytes(), "session.vtt")
    page = signed_in.get(f"/clients/{alice_client.pk}/sessions/").content.decode()
    assert "Across sessions" in page
    assert page.count("utterances ·") == 2
    for stored in SessionTranscript.objects.all():
        summary = stored.summary
        assert (
            f"<td>{summary['utterances']} utterances · {stored.model} model</td>"
            f"<td>{round(summary['empathic_turns'] * 100)}%</td>"
            f"<td>{round(summary['talk_share']['client'] * 100)}%</td>"
            f"<td>{len(summary['ruptures'])}</td>"
        ) in page


def test_the_lists_read_a_transcripts_summary_and_never_its_whole_content(
    signed_in, alice_client, session
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    upload(signed_in, session, SESSION.encode())
    stored = SessionTranscript.objects.get()
    assert stored.summary == stored.content["summary"]
    assert stored.summary["utterances"] == len(stored.content["utterances"]) == 7
    for url in (f"/clients/{alice_client.pk}/sessions/", f"/sessions/{session.pk}/"):
        with CaptureQueriesContext(connection) as captured:
            page = signed_in.get(url).content.decode()
        assert "Rupture candidates" in page
        read = [q["sql"] for q in captured.captured_queries if "sessiontranscript" in q["sql"]]
        assert read, url
        assert not [q for q in read if '"transcripts_sessiontranscript"."content"' in q], url
    assert "7 utterances" in signed_in.get(f"/clients/{alice_client.pk}/sessions/").content.decode()


def test_it_offers_the_transformer_model_only_when_it_is_installed(signed_in, session, monkeypatch):
    from mutuality.analysis import encoder as analysis_encoder

    assert (
        'value="transformer"'
        in signed_in.get(f"/sessions/{session.pk}/transcript/").content.decode()
    )
    monkeypatch.setattr(analysis_encoder, "available", lambda: False)
    page = signed_in.get(f"/sessions/{session.pk}/transcript/").content.decode()
    assert 'value="transformer"' not in page
    assert "pip install &#39;mutuality[transformer]&#39;" in page
