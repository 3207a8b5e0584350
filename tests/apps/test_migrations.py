"""The committed migrations match the models, so a new install gets the schema the code expects."""

from io import StringIO

from django.core.management import call_command


def test_it_has_a_migration_for_every_model_change(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_stored_transcripts_get_their_summary_kept_beside_them(transactional_db, alice_client):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from mutuality.transcripts.models import SessionTranscript

    before, after = (
        ("transcripts", "0003_sealed_content"),
        ("transcripts", "0004_transcript_summary"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    session = old.get_model("therapy_sessions", "TherapySession").objects.create(
        client_id=alice_client.pk, held_on="2026-03-02"
    )
    content = {"utterances": [], "summary": {"utterances": 0, "empathic_turns": 0.5}}
    old.get_model("transcripts", "SessionTranscript").objects.create(
        session_id=session.pk, file_format="txt", model="default", content=content,
        uploaded_by_id=alice_client.clinician_id,
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate([after])
    assert SessionTranscript.objects.get().summary == content["summary"]
