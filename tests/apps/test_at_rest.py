"""Encryption at rest: no known name, contact detail or clinical sentence is readable in
the database — not in any row of any table (SQLite and PostgreSQL), and not in the SQLite
file or its write-ahead log on disk."""

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

# Each long enough that random ciphertext cannot contain it by chance.
KNOWN = {
    "name": "Marguerite Okonkwo-Lindqvist",
    "email": "marguerite.ol@example.org",
    "phone": "+44 7700 900123",
    "birth": "1987-06-05",
    "pronouns": "she/they pronouns",
    "concern": "estranged from the choir since spring",
    "identity": "second-generation Nigerian-Swedish",
    "relationship": "Aunt Birgitta in Malmo",
    "map note": "calls every Sunday after church",
    "images": "if I need her she will leave",
    "note": "Spoke about the lighthouse weekend with her aunt",
    "addendum": "Phoned later about the lighthouse trip",
    "transcript": "the lighthouse keeper never writes back",
    "formulation": "yearns to be known without performing",
    "log": "told the choir leader about the move",
}


def _fill(alice, client_model) -> None:
    """One client with every sealed field filled with a known value."""
    from mutuality.clients.models import SocialIdentity
    from mutuality.formulations.actions import save_formulation
    from mutuality.logs.models import LogEntry
    from mutuality.maps.models import Relationship, RelationshipAssessment
    from mutuality.notes.actions import add_addendum, save_draft, sign_note
    from mutuality.sessions.models import TherapySession
    from mutuality.transcripts.actions import attach_transcript

    c = client_model.objects.create(
        clinician=alice,
        display_name=KNOWN["name"],
        email=KNOWN["email"],
        phone=KNOWN["phone"],
        date_of_birth=date.fromisoformat(KNOWN["birth"]),
        pronouns=KNOWN["pronouns"],
        concerns_note=KNOWN["concern"],
        start_date=date(2026, 1, 5),
    )
    SocialIdentity.objects.create(
        client=c, dimension="ethnicity", own_words=KNOWN["identity"], position="mixed"
    )
    rel = Relationship.objects.create(
        client=c, name=KNOWN["relationship"], kind="family", note=KNOWN["map note"]
    )
    RelationshipAssessment.objects.create(
        relationship=rel,
        assessed_on=date(2026, 2, 1),
        mutual_empathy=3,
        authenticity=3,
        mutual_empowerment=3,
        closeness=3,
        relational_images=KNOWN["images"],
        created_by=alice,
    )
    session = TherapySession.objects.create(client=c, held_on=date(2026, 2, 2))
    note = save_draft(
        session=session, by=alice, form="dap", sections={"data": KNOWN["note"]}, process={}
    )
    note = sign_note(note=note, by=alice, now=timezone.now())
    add_addendum(note=note, by=alice, text=KNOWN["addendum"], now=timezone.now())
    transcript = f"Therapist: How was the week?\nClient: Hard, {KNOWN['transcript']}.\n"
    attach_transcript(
        session=session, data=transcript.encode(), name="s.txt", model="default", by=alice
    )
    save_formulation(
        client=c,
        by=alice,
        content={"yearnings": [KNOWN["formulation"]]},
        as_of=date(2026, 2, 3),
        shared=False,
    )
    LogEntry.objects.create(client=c, kind="disclosure", on=date(2026, 2, 4), what=KNOWN["log"])


def _every_row() -> str:
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            out.append(json.dumps(cursor.fetchall(), default=str, ensure_ascii=False))
    return "\n".join(out)


def test_no_known_value_is_readable_in_any_row_of_any_table(alice):
    from mutuality.clients.models import Client

    _fill(alice, Client)
    raw = _every_row()
    assert raw.count("m1:") >= len(KNOWN)  # the values are there, sealed
    found = {label: text for label, text in KNOWN.items() if text in raw}
    assert found == {}
    # …and yet every value opens again for the clinician.
    c = Client.objects.named(KNOWN["name"])
    assert (c.email, c.phone, c.date_of_birth) == (
        KNOWN["email"],
        KNOWN["phone"],
        date.fromisoformat(KNOWN["birth"]),
    )
    assert c.relationships.get().assessments.get().relational_images == KNOWN["images"]
    assert KNOWN["transcript"] in json.dumps(c.therapy_sessions.get().transcript.content)


PROBE = textwrap.dedent(
    """
    import json, os
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    call_command("migrate", verbosity=0)
    from mutuality.clients.models import Client
    from mutuality.demo.practice import load_demo_practice
    from mutuality.practices.actions import create_clinician
    from tests.apps.test_at_rest import KNOWN, _fill
    load_demo_practice(password="probe-only-password")
    alice = create_clinician(username="probe", password="probe-only-password",
                             display_name="Probe", practice_name="Probe")
    _fill(alice.user, Client)
    demo = [c.display_name for c in Client.objects.filter(is_synthetic=True)]
    # Read the files while this connection holds the write-ahead log open.
    db = connection.settings_dict["NAME"]
    raw = b"".join(open(p, "rb").read() for p in (db, db + "-wal") if os.path.exists(p))
    print(json.dumps({"demo": demo, "wal": os.path.exists(db + "-wal"),
                      "found": [t for t in list(KNOWN.values()) + demo
                                if len(t) >= 5 and t.encode() in raw]}))
    """
)


def test_the_sqlite_file_and_its_write_ahead_log_hold_no_plaintext(tmp_path):
    # Its own practice in a data folder of its own (no DATABASE_URL): it runs in the
    # PostgreSQL pass too.
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(Path(__file__).parents[2]),
        "MUTUALITY_DATA_DIR": str(tmp_path),
        "MUTUALITY_SECRET_KEY": "test-suite-only-key-not-a-secret",
        "DJANGO_SETTINGS_MODULE": "mutuality.site.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["wal"], "the probe should read a live write-ahead log"
    assert len(result["demo"]) >= 10
    assert result["found"] == []
