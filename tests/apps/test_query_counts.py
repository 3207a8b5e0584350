"""Page cost that does not grow with the caseload or its history: each clinician page
makes the same number of queries for a small practice as for one with many clients and
long histories, so an N+1 cannot come back unnoticed. (Speed itself is measured by
bench/load.py, never asserted here.)"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mutuality.clients.models import Client
from tests.conftest import signed_in_with_two_factor

pytestmark = pytest.mark.django_db


def history(client: Client, weeks: int) -> None:
    """Weekly PHQ-9 and a check-in link with weekly submissions, a map tie assessed each
    month, a session with a signed note every fortnight (every other one with an addendum),
    and today's session, its note not yet written."""
    from mutuality.core.measures import built_in
    from mutuality.maps.models import Relationship
    from mutuality.measures import actions
    from mutuality.notes.actions import add_addendum, save_draft, sign_note
    from mutuality.sessions.models import TherapySession
    from tests.conftest import assess

    now = timezone.now()
    by = client.clinician
    actions.create_link(
        client=client, by=by, instruments=["five-good-things"], now=now - timedelta(weeks=weeks),
        days=7 * weeks + 7, recurring_weekly=True, share_progress=False,
    )  # fmt: skip
    rel = Relationship.objects.create(client=client, name="Friend", kind="friend")
    for week in range(weeks):
        when = now - timedelta(weeks=weeks - week)
        actions.record_administration(
            client=client, instrument=built_in("phq9"),
            answers={f"q{n}": (week + n) % 4 if n != 9 else 0 for n in range(1, 10)},
            taken_at=when, by=by,
        )  # fmt: skip
        if week % 4 == 0:
            assess(rel, when.date(), (week % 5, 2, 3, 3))
        if week % 2 == 0:
            session = TherapySession.objects.create(client=client, held_on=when.date())
            note = save_draft(
                session=session, by=by, form="dap", sections={"data": "Met."}, process={}
            )
            signed = sign_note(note=note, by=by, now=when)
            if week % 4 == 0:
                add_addendum(note=signed, by=by, text="Later.", now=when + timedelta(days=1))
    TherapySession.objects.create(client=client, held_on=now.date())  # its note unwritten


def queries(client, url: str) -> int:
    client.get(url)  # warm: first-use lookups are not what is counted
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured.captured_queries)


def pages(c: Client) -> dict[str, str]:
    session = c.therapy_sessions.filter(note__isnull=False).order_by("-held_on").first()
    unwritten = c.therapy_sessions.filter(note__isnull=True).order_by("-held_on").first()
    assert session is not None
    assert unwritten is not None
    return {
        "caseload": "/",
        "client": f"/clients/{c.pk}/",
        "map": f"/clients/{c.pk}/map/",
        "measures": f"/clients/{c.pk}/measures/",
        "timeline": f"/clients/{c.pk}/timeline/",
        "sessions": f"/clients/{c.pk}/sessions/",
        "session": f"/sessions/{session.pk}/",
        "plan": f"/clients/{c.pk}/plan/",
        "client's view": f"/clients/{c.pk}/progress/",
        "note": f"/sessions/{unwritten.pk}/note/",
        "whole record": f"/clients/{c.pk}/record/",
        "FHIR export": f"/clients/{c.pk}/export.fhir.json",
    }


def test_no_page_makes_more_queries_for_more_clients_or_longer_histories(client, alice):
    first = Client.objects.create(
        clinician=alice, display_name="First", start_date=date(2024, 1, 1)
    )
    history(first, weeks=3)
    client.force_login(alice)
    small = {name: queries(client, url) for name, url in pages(first).items()}

    history(first, weeks=40)  # the same client, a long history
    for n in range(12):  # and a bigger caseload, each with its own history
        other = Client.objects.create(
            clinician=alice, display_name=f"Client {n}", start_date=date(2024, 1, 1)
        )
        history(other, weeks=6)
    large = {name: queries(client, url) for name, url in pages(first).items()}
    assert large == small


def test_the_signed_in_user_brings_their_profile_and_practice_with_them(client, alice):
    """Every page's header names the clinician and their practice, and the two-factor check
    reads their role and whether they have an authenticator: those come with the user, and
    the user with the session, in one statement (accounts.sessions), not six."""
    client.force_login(alice)
    client.get("/guide/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/guide/")
    assert page.status_code == 200
    assert alice.clinician.display_name in page.content.decode()
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    [read] = [s for s in selects if '"accounts_session"' in s]
    for table in ("auth_user", "practices_clinician", "practices_practice", "otp_totp_totpdevice"):
        assert f'"{table}"' in read, table
    assert not [s for s in selects if s is not read and 'FROM "auth_user"' in s]
    assert not [s for s in selects if 'FROM "practices_clinician"' in s]
    assert not [s for s in selects if s.startswith('SELECT 1 AS "a" FROM "otp_totp_totpdevice"')]


def test_the_user_read_with_the_session_is_taken_once_and_only_for_that_id(client, alice, bob):
    """The session's read hands its user to the sign-in check of the same request: taken
    once, for that user's id only, so two people's requests, one after the other in one
    server thread, each see themselves."""
    from django.test import Client as Browser

    from mutuality.accounts.backends import HANDED, PasswordBackend

    other = Browser()
    client.force_login(alice)
    other.force_login(bob)
    for _ in range(2):
        assert alice.clinician.display_name in client.get("/guide/").content.decode()
        assert bob.clinician.display_name in other.get("/guide/").content.decode()

    backend = PasswordBackend()
    HANDED.hold(alice)
    with CaptureQueriesContext(connection) as captured:
        assert backend.get_user(bob.pk) == bob  # not the one handed over: read
    assert len(captured.captured_queries) == 1
    HANDED.hold(alice)
    with CaptureQueriesContext(connection) as captured:
        assert backend.get_user(alice.pk) is not None  # taken, no query
        assert backend.get_user(alice.pk) == alice  # once: read again
    assert len(captured.captured_queries) == 1


def test_a_page_about_a_client_or_session_reads_it_once(client, alice, alice_client, sam):
    """The audit wrapper reads the client the URL names, to know whose it is, and the view
    takes that read instead of making its own (site.prepared.ReadAhead). Only the client's
    own clinician is handed it, and only on a page that reads; a supervisor's read goes
    through the access helpers, and a request that never reaches its view leaves nothing
    behind for the next."""
    from mutuality.clients import access
    from mutuality.sessions import access as sessions
    from mutuality.sessions.models import TherapySession

    url = f"/clients/{alice_client.pk}/"
    client.force_login(alice)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url)
    assert page.status_code == 200
    assert alice_client.display_name in page.content.decode()
    reads = [q["sql"] for q in captured.captured_queries if 'FROM "clients_client"' in q["sql"]]
    assert len(reads) == 1, reads
    assert access.AHEAD._held.get() is None

    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 9))
    client.get(f"/sessions/{session.pk}/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/sessions/{session.pk}/").status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    assert len([s for s in sql if 'FROM "transcripts_therapysession"' in s]) == 1, sql
    assert not [s for s in sql if 'FROM "clients_client"' in s], sql  # it came with the session
    assert sessions.AHEAD._held.get() is None

    # A change reads its record in its own transaction, not ahead of it.
    edit = {"display_name": "Quinn R.", "start_date": "2026-01-05", "status": "active"}
    with CaptureQueriesContext(connection) as captured:
        assert client.post(f"/clients/{alice_client.pk}/edit/", edit).status_code == 302
    sql = [q["sql"] for q in captured.captured_queries]
    own = [s for s in sql if 'FROM "clients_client"' in s and '"clinician_id" = ' in s]
    assert own, sql

    signed_in_with_two_factor(client, sam)  # reads alice's record as her supervisor
    assert client.get(url).status_code == 200
    refused = client.get(f"/clients/{alice_client.pk}/edit/")
    assert refused.status_code == 403  # refused before the view: the read is not kept
    assert access.AHEAD._held.get() is None
