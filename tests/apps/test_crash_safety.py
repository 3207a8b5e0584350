"""Crash safety: the real server (`mutuality serve`) is killed with
SIGKILL while four clinicians' browsers write at once, three times over, on loopback.
Afterwards the database passes its integrity check, every write the server acknowledged
(a redirect to the new session) is there with its sealed content, every change has its
audit entry and no audit entry lacks its change, and the audit chain verifies. Runs on
SQLite and, under DATABASE_URL, on a PostgreSQL database of its own."""

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.apps.conftest import (
    Browser,
    free_port,
    own_database,
    run_mutuality,
    server_env,
    start_server,
)

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS, ROUNDS = 4, 3


@pytest.fixture
def practice_env(tmp_path):
    env = server_env(tmp_path, MUTUALITY_INIT_PASSWORD=Browser.PASSWORD)
    with own_database(env, "crash") as env:
        for n in range(WRITERS):
            done = run_mutuality(
                ["init", "--no-input", f"--username=w{n}", f"--display-name=W{n}", "--practice=P"],
                env,
            )
            assert done.returncode == 0, done.stderr
        yield env


def _write_until_killed(
    browser: Browser, client_id: int, tag: str, acked: dict[int, str], stop: threading.Event
) -> None:
    n = 0
    while not stop.is_set():
        marker = f"{tag}-{n}"
        try:
            status, location = browser.request(
                f"/clients/{client_id}/sessions/",
                {"held_on": "2026-03-02", "duration_minutes": "50", "attendees": marker},
            )
        except OSError:
            return  # the server is gone: nothing more is acknowledged
        if status == 302 and (m := re.fullmatch(r"/sessions/(\d+)/", location)):
            acked[int(m.group(1))] = marker
        n += 1


STATE = """
import json
import django
django.setup()
from mutuality.audit.actions import verify
from mutuality.audit.models import AuditEntry
from mutuality.sessions.models import TherapySession
sessions = {s.pk: s.attendees for s in TherapySession.objects.all()}
created = sorted(int(i) for i in AuditEntry.objects.filter(
    object_type="session", action="create").values_list("object_id", flat=True))
v = verify()
print(json.dumps({"sessions": sessions, "audited": created, "intact": v.intact,
                  "entries": v.entries}))
"""


def _state(env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", STATE],
        env={**env, "DJANGO_SETTINGS_MODULE": "mutuality.site.settings"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_no_acknowledged_write_is_lost_when_the_server_is_killed(practice_env):
    rng = random.Random(7)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    acked: dict[int, str] = {}
    client_ids: list[int] = []
    for round_ in range(ROUNDS):
        server = start_server(practice_env, port)
        browsers = [Browser(base) for _ in range(WRITERS)]
        for n, b in enumerate(browsers):
            b.sign_in(f"w{n}")
            if round_ == 0:
                status, location = b.request(
                    "/clients/new/",
                    {"display_name": f"Client {n}", "start_date": "2026-01-05", "status": "active"},
                )
                assert status == 302, status
                client_ids.append(int(location.strip("/").split("/")[-1]))
        stop = threading.Event()
        threads = [
            threading.Thread(
                target=_write_until_killed,
                args=(b, client_ids[n], f"r{round_}w{n}", acked, stop),
            )
            for n, b in enumerate(browsers)
        ]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.8, 2.0))
        os.killpg(server.pid, signal.SIGKILL)  # no shutdown, no flush: the power goes
        server.wait(timeout=30)
        stop.set()
        for t in threads:
            t.join(timeout=30)

    assert len(acked) >= ROUNDS * WRITERS, f"too few writes to test: {len(acked)}"
    if "DATABASE_URL" not in practice_env:
        db = Path(practice_env["MUTUALITY_DATA_DIR"]) / "mutuality.sqlite3"
        with sqlite3.connect(db) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    state = _state(practice_env)
    sessions = {int(k): v for k, v in state["sessions"].items()}  # type: ignore[attr-defined]
    lost = {pk: marker for pk, marker in acked.items() if sessions.get(pk) != marker}
    assert lost == {}, f"acknowledged but lost: {lost}"
    # The change and its audit entry committed together or not at all.
    assert state["audited"] == sorted(sessions)
    assert state["intact"], "the audit chain does not verify after the crashes"
