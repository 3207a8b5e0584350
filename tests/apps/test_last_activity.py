"""The caseload's last activity is kept on the client's row as the record is written
(`record.activity`): after every kind of write it is what the histories say."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from mutuality.clients.models import Client
from mutuality.record import activity
from tests.conftest import assess

pytestmark = pytest.mark.django_db


def from_histories(client: Client):
    """The latest moment among the record's own edit and everything recorded for it."""
    from mutuality.logs.models import LogEntry
    from mutuality.maps.models import RelationshipAssessment
    from mutuality.measures.models import Administration
    from mutuality.notes.models import SessionNote
    from mutuality.transcripts.models import SessionTranscript

    client.refresh_from_db()
    moments = [client.updated_at]
    moments += RelationshipAssessment.objects.filter(relationship__client=client).values_list(
        "created_at", flat=True
    )
    moments += Administration.objects.filter(client=client).values_list("created_at", flat=True)
    moments += SessionTranscript.objects.filter(session__client=client).values_list(
        "uploaded_at", flat=True
    )
    moments += SessionNote.objects.filter(session__client=client).values_list(
        "updated_at", flat=True
    )
    moments += LogEntry.objects.filter(client=client).values_list("created_at", flat=True)
    return max(moments)


def shown(client: Client):
    client.refresh_from_db()
    return activity.last_activity(client.updated_at, client.activity_at)


def test_every_kind_of_write_moves_the_last_activity(alice, alice_client):
    from mutuality.core.measures import built_in
    from mutuality.logs.models import LogEntry
    from mutuality.maps.models import Relationship
    from mutuality.measures.actions import record_administration
    from mutuality.notes.actions import save_draft
    from mutuality.sessions.models import TherapySession
    from mutuality.transcripts.models import SessionTranscript

    assert shown(alice_client) == from_histories(alice_client)
    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    rel = Relationship.objects.create(client=alice_client, name="Friend", kind="friend")
    writes = {
        "assessment": lambda: assess(rel, date(2026, 3, 1), (2, 2, 2, 2)),
        "measure": lambda: record_administration(
            client=alice_client,
            instrument=built_in("phq9"),
            by=alice,
            answers={f"q{n}": 1 for n in range(1, 10)},
            taken_at=timezone.now(),
        ),
        "note": lambda: save_draft(
            session=session, by=alice, form="dap", sections={"data": "Met."}, process={}
        ),
        "note edited": lambda: save_draft(
            session=session, by=alice, form="dap", sections={"data": "Met again."}, process={}
        ),
        "transcript": lambda: SessionTranscript.objects.create(
            session=session, file_format="txt", model="default", content={}, uploaded_by=alice
        ),
        "log entry": lambda: LogEntry.objects.create(
            client=alice_client, kind="disclosure", on=date(2026, 3, 3), what="x"
        ),
        "record edited": lambda: alice_client.save(),
    }
    before = shown(alice_client)
    for name, write in writes.items():
        write()
        now = shown(alice_client)
        assert now == from_histories(alice_client), name
        assert now > before, name
        before = now


def test_an_older_moment_never_moves_it_back(alice, alice_client):
    latest = timezone.now()
    activity.moved(alice_client.pk, latest)
    activity.moved(alice_client.pk, latest - timedelta(days=3))
    alice_client.refresh_from_db()
    assert alice_client.activity_at == latest


def test_rebuild_counts_histories_loaded_without_signals(alice, alice_client):
    from mutuality.maps.models import Relationship, RelationshipAssessment

    rel = Relationship.objects.create(client=alice_client, name="Choir", kind="community")
    Client.objects.filter(pk=alice_client.pk).update(activity_at=None)
    RelationshipAssessment.objects.bulk_create(
        [RelationshipAssessment(relationship=rel, assessed_on=date(2026, 3, 1), mutual_empathy=1,
                                authenticity=1, mutual_empowerment=1, closeness=1,
                                created_by=alice)]
    )  # fmt: skip
    activity.rebuild([alice_client.pk])
    assert shown(alice_client) == from_histories(alice_client)
