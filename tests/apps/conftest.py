"""Fixtures shared by the app tests."""

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from datetime import date

import pytest


@pytest.fixture
def signed_in(client, alice):
    """Django's test client, signed in as alice."""
    client.force_login(alice)
    return client


@pytest.fixture
def session(alice_client):
    """A session of alice's client, whose map names Jordan (a name to de-identify)."""
    from mutuality.maps.models import Relationship
    from mutuality.sessions.models import TherapySession

    Relationship.objects.create(client=alice_client, name="Jordan", kind="friend")
    return TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))


@pytest.fixture
def plan_with_log_goal(alice, alice_client):
    """A plan with the library goal whose objective is measured by the disclosure log."""
    from django.utils import timezone

    from mutuality.plans import actions as plans

    plan = plans.start_plan(client=alice_client, by=alice, now=timezone.now(), review_due=None)
    goal = plans.add_goal_from_library(
        plan=plan,
        goal_key="reduce-condemned-isolation",
        problem_key="isolation",
        by=alice,
        now=timezone.now(),
    )
    return plan, goal.objectives.get()


@pytest.fixture
def owned_ids(alice, alice_client, alice_relationship, plan_with_log_goal):
    from django.utils import timezone

    from mutuality.core.measures import built_in
    from mutuality.formulations.actions import save_formulation
    from mutuality.measures import actions
    from mutuality.notes.actions import save_draft
    from mutuality.sessions.models import TherapySession

    _, objective = plan_with_log_goal

    adm = actions.record_administration(
        client=alice_client,
        instrument=built_in("phq9"),
        answers={f"q{n}": 1 for n in range(1, 10)},
        taken_at=timezone.now(),
        by=alice,
    )
    link, token = actions.create_link(
        client=alice_client,
        by=alice,
        instruments=["five-good-things"],
        now=timezone.now(),
        days=7,
        recurring_weekly=False,
        share_progress=False,
    )
    formulation = save_formulation(
        client=alice_client,
        by=alice,
        content={"yearnings": ["to be known"]},
        as_of=date(2026, 3, 1),
        shared=False,
    )
    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    save_draft(session=session, by=alice, form="dap", sections={"data": "Talked."}, process={})
    return {
        "goal_id": objective.goal_id,
        "objective_id": objective.pk,
        "formulation_id": formulation.pk,
        "client_id": alice_client.pk,
        "relationship_id": alice_relationship.pk,
        "assessment_id": alice_relationship.assessments.get().pk,
        "identity_id": alice_client.identities.get().pk,
        "administration_id": adm.pk,
        "alert_id": adm.alerts.get().pk,  # item 9 answered above 0
        "link_id": link.pk,
        "session_id": session.pk,
        "key": "mutual-empathy",
        "instrument_key": "phq9",
        "token": token,
    }


@pytest.fixture
def ids(owned_ids, alice, alice_client, sam):
    from mutuality.practices.models import Supervision

    link = Supervision.objects.get(supervisor=sam)
    return {
        **owned_ids,
        "person_id": alice.pk,
        "supervision_id": link.pk,
        "record_id": alice_client.pk,
    }


def run_mutuality(args: list[str], env: dict[str, str]):
    """The `mutuality` command in a process of its own, as a practice runs it."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "mutuality", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


# What `planned` prints: whether PostgreSQL has vacuumed and analysed these tables.
PLANNED = (
    "from django.db import connection as c; k = c.cursor(); k.execute("
    '"SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL '
    "FROM pg_stat_user_tables WHERE relname IN "
    "('measures_administration', 'audit_auditentry', 'clients_client') ORDER BY relname\"); "
    "print(k.fetchall())"
)


def planned(env: dict[str, str]) -> str:
    """The last line `PLANNED` printed in the practice that `env` names."""
    shown = run_mutuality(["manage", "shell", "-c", PLANNED], env)
    assert shown.returncode == 0, shown.stderr
    return str(shown.stdout.strip().splitlines()[-1])


VACUUMED = (
    "[('audit_auditentry', True, True), ('clients_client', True, True), "
    "('measures_administration', True, True)]"
)


def server_env(tmp_path, **extra: str) -> dict[str, str]:
    """The environment of a practice of its own in `tmp_path`, for the `mutuality` command."""
    import os

    return {
        "PATH": os.environ["PATH"],
        "MUTUALITY_DATA_DIR": str(tmp_path / "data"),
        "MUTUALITY_SECRET_KEY": "test-suite-only-key-not-a-secret",
        "MUTUALITY_ALLOWED_HOSTS": "127.0.0.1",
        **extra,
    }


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str], port: int, *options: str):
    """`mutuality serve` on 127.0.0.1:`port` in a process group of its own, once it answers."""
    import subprocess
    import sys
    import time
    import urllib.request

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mutuality",
            "serve",
            "--host=127.0.0.1",
            f"--port={port}",
            *options,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    pytest.fail("the server did not start within 90 s")


@contextmanager
def own_database(env: dict[str, str], label: str):
    """On PostgreSQL, a new empty database named in env's DATABASE_URL, dropped after;
    on SQLite, nothing to do (the data directory in env holds the database)."""
    import uuid

    from django.db import connection

    if connection.vendor != "postgresql":
        yield env
        return
    name = f"mutuality_{label}_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    try:
        yield {**env, "DATABASE_URL": f"postgresql://{s['USER']}@{host}:{port}/{name}"}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer to keep (an acknowledgement): not followed


class Browser:
    """One clinician's browser against `mutuality serve`: cookies, the CSRF token, no
    redirects followed. `base` may change between requests: cookies are kept by host, not
    by port, as behind one reverse proxy."""

    PASSWORD = "served test password 42"  # give it to `mutuality init` (MUTUALITY_INIT_PASSWORD)

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def page(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, redirect location, body) of a GET, or of a POST of `data`."""
        body = None
        if data is not None:
            token = next(c.value for c in self.jar if c.name == "csrftoken")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            self.base + path, data=body, headers={"Referer": self.base + "/"}
        )
        try:
            with self.opener.open(request, timeout=10) as r:
                return r.status, "", r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location", ""), e.read().decode(errors="replace")

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        status, location, _ = self.page(path, data)
        return status, location

    def sign_in(self, username: str) -> None:
        self.request("/login/")
        status, location = self.request(
            "/login/", {"username": username, "password": self.PASSWORD}
        )
        assert (status, location) == (302, "/"), (status, location)
