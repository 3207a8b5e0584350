"""Key rotation: every stored value re-sealed under a new key, the old key retired only
when nothing needs it, an interrupted run finished by a second one; and plaintext left
in a column that became sealed is sealed in place."""

from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from mutuality.cli import main
from mutuality.encryption import EncryptionKeyError, key_id, key_path, practice_keys, seal
from mutuality.encryption.reseal import reseal
from mutuality.encryption.rotation import rotate, stale_values

pytestmark = pytest.mark.django_db(transaction=True)
NOTE = "Named the fear of being too much for her brother."


@pytest.fixture
def key_file(tmp_path, monkeypatch):
    """A practice key file of this test's own, so rotation cannot touch another test's."""
    monkeypatch.delenv("MUTUALITY_ENCRYPTION_KEY", raising=False)
    monkeypatch.setenv("MUTUALITY_KEY_FILE", str(tmp_path / "encryption.key"))
    practice_keys.cache_clear()
    yield tmp_path / "encryption.key"
    practice_keys.cache_clear()


@pytest.fixture
def record_with_notes(key_file, alice, alice_client):
    from django.utils import timezone

    from mutuality.notes.actions import save_draft, sign_note
    from mutuality.sessions.models import TherapySession

    for day in range(1, 8):
        session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, day))
        note = save_draft(
            session=session, by=alice, form="dap", sections={"data": f"{NOTE} {day}"}, process={}
        )
        sign_note(note=note, by=alice, now=timezone.now())
    return alice_client


def _raw_kids() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT display_name FROM clients_client")
        names = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT sections FROM notes_sessionnote")
        return {v.split(":")[1] for v in names + [r[0] for r in cursor.fetchall()]}


def test_rotation_reseals_everything_and_retires_the_old_key(record_with_notes, capsys):
    from mutuality.audit.actions import verify
    from mutuality.audit.models import AuditEntry
    from mutuality.notes.models import SessionNote

    old = key_id(practice_keys()[0])
    assert _raw_kids() == {old}
    assert main(["keys", "rotate"]) == 0
    new = key_id(practice_keys()[0])
    assert new != old
    assert _raw_kids() == {new}
    assert len(practice_keys()) == 1  # the old key has left the keyring…
    retired = Path(f"{key_path()}.retired-{old}")
    assert retired.exists()  # …and is kept apart for older backups
    assert oct(retired.stat().st_mode & 0o777) == "0o600"
    # Signed notes still open, and their seals still match their content.
    notes = list(SessionNote.objects.all())
    assert len(notes) == 7
    assert all(n.hash_matches() for n in notes)
    assert notes[0].sections["data"].startswith(NOTE)
    entry = AuditEntry.objects.filter(action="keys").get()
    assert (entry.object_id, NOTE in entry.detail) == (new, False)
    assert verify().intact
    assert f"sealed under key {new}" in capsys.readouterr().out


def test_an_interrupted_rotation_is_finished_by_running_it_again(record_with_notes, monkeypatch):
    old = key_id(practice_keys()[0])
    calls = []

    def failing_seal(text: str, key: bytes | None = None) -> str:
        calls.append(1)
        if len(calls) > 4:
            raise KeyboardInterrupt  # the power goes mid-way
        return seal(text, key)

    monkeypatch.setattr("mutuality.encryption.reseal.seal", failing_seal)
    with pytest.raises(KeyboardInterrupt):
        rotate(apps.get_models())
    new = key_id(practice_keys()[0])
    assert len(practice_keys()) == 2  # both keys kept: half the values need the old one
    assert _raw_kids() == {old, new}
    from mutuality.notes.models import SessionNote

    # Everything still opens, whichever key sealed it.
    assert all(n.sections["data"].startswith(NOTE) for n in SessionNote.objects.all())
    monkeypatch.setattr("mutuality.encryption.reseal.seal", seal)
    done = rotate(apps.get_models())
    assert done.new_key_id == new
    assert _raw_kids() == {new}
    assert stale_values(apps.get_models(), new) == 0
    assert len(practice_keys()) == 1


def test_a_key_in_the_environment_is_rotated_in_documented_steps(
    record_with_notes, monkeypatch, capsys
):
    from mutuality.encryption import encode_key

    old = practice_keys()[0]
    monkeypatch.setenv("MUTUALITY_ENCRYPTION_KEY", encode_key(old))
    practice_keys.cache_clear()
    with pytest.raises(EncryptionKeyError, match="NEW,OLD"):
        rotate(apps.get_models())
    assert main(["keys", "new"]) == 0
    new = capsys.readouterr().out.strip()
    monkeypatch.setenv("MUTUALITY_ENCRYPTION_KEY", f"{new},{encode_key(old)}")
    practice_keys.cache_clear()
    done = rotate(apps.get_models())
    assert not done.key_file_updated
    assert _raw_kids() == {done.new_key_id}


def test_plaintext_in_a_sealed_column_is_sealed_in_place(key_file, alice_client):
    """What the migrations run on a database written before a column was sealed."""
    from mutuality.clients.models import Client

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clients_client SET display_name = %s, phone = %s WHERE id = %s",
            ["Old Plain Name", "", alice_client.pk],
        )
    done = reseal(Client)
    assert done.values_resealed >= 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT display_name, phone FROM clients_client")
        name, phone = cursor.fetchone()
    assert name.startswith("m1:")
    assert phone == ""  # empty stays empty
    assert Client.objects.get().display_name == "Old Plain Name"
    assert reseal(Client).values_resealed == 0  # a second run has nothing to do


def test_a_filter_on_a_sealed_column_fails_loudly():
    from django.core.exceptions import FieldError

    from mutuality.clients.models import Client

    with pytest.raises(FieldError, match="sealed at rest"):
        list(Client.objects.filter(display_name="Robin"))
