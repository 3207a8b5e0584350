"""Backups: an encrypted online snapshot with a checksum, verified chunk by chunk, and a
restore into an empty data directory (or database) showing the same practice, with its
audit chain intact. Runs on SQLite and, under DATABASE_URL, on PostgreSQL."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from mutuality.cli import main
from mutuality.encryption import key_path
from tests.apps.conftest import VACUUMED, own_database, planned, run_mutuality

pytestmark = pytest.mark.django_db(transaction=True)
NOTE = "Spoke of the visit to her sister; a first risk taken."


@pytest.fixture
def practice(alice, alice_client, client):
    from mutuality.notes.actions import save_draft, sign_note
    from mutuality.sessions.models import TherapySession

    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    note = save_draft(session=session, by=alice, form="dap", sections={"data": NOTE}, process={})
    sign_note(note=note, by=alice, now=timezone.now())
    client.force_login(alice)
    client.get(f"/clients/{alice_client.pk}/")  # an audit entry from a real request
    return alice_client


@pytest.fixture
def restore_env(tmp_path):
    """An empty data directory (and, on PostgreSQL, an empty database) with the same key."""
    env = {
        "PATH": os.environ["PATH"],
        "MUTUALITY_DATA_DIR": str(tmp_path / "restored"),
        "MUTUALITY_KEY_FILE": str(key_path()),
        "MUTUALITY_SECRET_KEY": "test-suite-only-key-not-a-secret",
    }
    with own_database(env, "restore") as env:
        yield env


def test_a_backup_restores_into_an_empty_practice_with_the_same_record(
    practice, tmp_path, restore_env, capsys
):
    backup = tmp_path / "practice.backup"
    assert main(["backup", "create", str(backup)]) == 0
    assert (tmp_path / "practice.backup.sha256").read_text().split()[1] == "practice.backup"
    raw = backup.read_bytes()
    assert NOTE.encode() not in raw
    assert b"Quinn" not in raw
    assert main(["backup", "verify", str(backup)]) == 0
    assert "backup verified" in capsys.readouterr().out

    restored = run_mutuality(["restore", str(backup)], restore_env)
    assert restored.returncode == 0, restored.stderr
    assert "audit chain intact" in restored.stdout
    assert run_mutuality(["audit", "verify"], restore_env).returncode == 0
    shown = run_mutuality(
        [
            "manage",
            "shell",
            "-c",
            "from mutuality.notes.models import SessionNote as N; n = N.objects.get(); "
            "print(n.session.client.display_name, '|', n.sections['data'], '|', n.hash_matches())",
        ],
        restore_env,
    )
    assert shown.stdout.strip().splitlines()[-1] == f"Quinn | {NOTE} | True", shown.stderr
    if "DATABASE_URL" in restore_env:  # a dump carries no planner statistics
        assert planned(restore_env) == VACUUMED

    again = run_mutuality(["restore", str(backup)], restore_env)
    assert again.returncode == 1
    assert "not empty" in again.stderr


def test_a_changed_or_truncated_backup_is_refused_with_the_reason(practice, tmp_path, capsys):
    backup = tmp_path / "practice.backup"
    assert main(["backup", "create", str(backup)]) == 0
    data = bytearray(backup.read_bytes())
    data[-40] ^= 0x01
    backup.write_bytes(bytes(data))
    assert main(["backup", "verify", str(backup)]) == 1
    assert "does not match its checksum" in capsys.readouterr().err

    (tmp_path / "practice.backup.sha256").unlink()  # without the checksum, the cipher tells
    assert main(["backup", "verify", str(backup)]) == 1
    assert "failed its integrity check" in capsys.readouterr().err

    backup.write_bytes(bytes(data[: len(data) // 2]))
    assert main(["backup", "verify", str(backup)]) == 1
    assert "backup NOT usable" in capsys.readouterr().err


def test_a_backup_needs_the_practice_key_that_sealed_it(practice, tmp_path, restore_env):
    backup = tmp_path / "practice.backup"
    assert main(["backup", "create", str(backup)]) == 0
    other_key = tmp_path / "other.key"
    other_key.write_text("A" * 43)
    env = {**restore_env, "MUTUALITY_KEY_FILE": str(other_key)}
    out = run_mutuality(["restore", str(backup)], env)
    assert out.returncode == 1
    assert "sealed under practice key" in out.stderr
    missing = {**restore_env, "MUTUALITY_KEY_FILE": str(tmp_path / "nowhere.key")}
    out = run_mutuality(["restore", str(backup)], missing)
    assert out.returncode == 1
    assert "no practice key" in out.stderr
    assert not Path(missing["MUTUALITY_KEY_FILE"]).exists()  # none was generated


def test_it_never_overwrites_an_existing_backup_file(practice, tmp_path, capsys):
    backup = tmp_path / "practice.backup"
    backup.write_text("keep me")
    assert main(["backup", "create", str(backup)]) == 1
    assert backup.read_text() == "keep me"
    assert "exists already" in capsys.readouterr().err
