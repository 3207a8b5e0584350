"""The committed migrations match the models, so a new install gets the schema the code expects."""

from datetime import UTC, datetime
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

Target = tuple[str, str]


def migrated_to(target: Target) -> Any:
    """Migrates the test database to `target` (back or forward): the models as they were."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def latest(app: str) -> Target:
    """The app's newest migration: where a test that went back leaves the database, since
    the tests after it (transactional ones keep the schema) expect the models as they are."""
    (leaf,) = MigrationExecutor(connection).loader.graph.leaf_nodes(app)
    name: str = leaf[1]
    return app, name


def test_it_has_a_migration_for_every_model_change(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_stored_transcripts_get_their_summary_kept_beside_them(transactional_db, alice_client):
    from mutuality.transcripts.models import SessionTranscript

    old = migrated_to(("transcripts", "0003_sealed_content"))
    session = old.get_model("therapy_sessions", "TherapySession").objects.create(
        client_id=alice_client.pk, held_on="2026-03-02"
    )
    content = {"utterances": [], "summary": {"utterances": 0, "empathic_turns": 0.5}}
    old.get_model("transcripts", "SessionTranscript").objects.create(
        session_id=session.pk, file_format="txt", model="default", content=content,
        uploaded_by_id=alice_client.clinician_id,
    )  # fmt: skip
    migrated_to(latest("transcripts"))  # through 0004_transcript_summary
    assert SessionTranscript.objects.get().summary == content["summary"]


def test_answers_saved_before_scores_were_kept_get_their_scores(transactional_db, alice_client):
    from mutuality.measures.models import Administration

    old = migrated_to(("measures", "0006_administration_client_date")).get_model(
        "measures", "Administration"
    )
    for instrument, answers in [
        ("phq9", {f"q{n}": 2 for n in range(1, 9)}),  # q9 unanswered: prorated
        ("gad7", {"q1": 1}),  # too few answered to score
        ("retired-check", {"q1": 1}),  # an instrument this version no longer knows
    ]:
        old.objects.create(
            client_id=alice_client.pk, instrument=instrument, version="2001", answers=answers,
            taken_at="2026-03-02T12:00:00Z", source="session",
        )  # fmt: skip
    migrated_to(("measures", "0007_administration_scores"))
    kept = dict(Administration.objects.values_list("instrument", "scores"))
    assert kept == {"phq9": {"total": [18.0, True]}, "gad7": {}, "retired-check": None}


def test_links_saved_before_their_latest_use_was_kept_get_it(transactional_db, alice_client):
    from mutuality.measures.models import CheckinLink

    old = migrated_to(("measures", "0007_administration_scores"))
    links = old.get_model("measures", "CheckinLink")
    used, unused = (
        links.objects.create(
            client_id=alice_client.pk, token_hash=label * 64, instruments=["five-good-things"],
            created_by_id=alice_client.clinician_id, created_at="2026-03-01T09:00:00Z",
            expires_at="2026-05-01T09:00:00Z", recurring_weekly=True,
        )
        for label in "ab"
    )  # fmt: skip
    for period, day in ((2, "16"), (0, "02"), (1, "09")):
        old.get_model("measures", "CheckinSubmission").objects.create(
            link_id=used.pk, period=period, submitted_at=f"2026-03-{day}T19:00:00Z"
        )
    migrated_to(("measures", "0008_link_last_used"))
    kept = dict(CheckinLink.objects.values_list("pk", "last_used_at"))
    assert kept == {used.pk: datetime(2026, 3, 16, 19, tzinfo=UTC), unused.pk: None}
