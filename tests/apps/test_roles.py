"""Supervisors and practice admins, as they use Mutuality: a supervisor reads the
supervisee's record and co-signs their notes; a practice admin manages people, supervision
and settings, and destroys closed records after their retention period, without seeing
clinical content."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from mutuality.audit.actions import verify
from mutuality.audit.models import AuditEntry
from tests.conftest import signed_in_with_two_factor, signs_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_session(alice, alice_client):
    from mutuality.notes.actions import save_draft, sign_note
    from mutuality.sessions.models import TherapySession

    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 9))
    note = save_draft(session=session, by=alice, form="dap", sections={"data": "Met."}, process={})
    sign_note(note=note, by=alice, now=timezone.now())
    return session


def test_a_supervisor_sees_the_supervisees_caseload_and_notes_waiting(
    client, sam, alice_client, signed_session
):
    signed_in_with_two_factor(client, sam)
    page = client.get("/supervision/").content.decode()
    assert "Alice" in page
    assert f'href="/clients/{alice_client.pk}/"' in page
    assert f'href="/sessions/{signed_session.pk}/"' in page  # waiting for co-signature
    # His own caseload stays his own: Alice's client is not on it.
    assert f'href="/clients/{alice_client.pk}/"' not in client.get("/").content.decode()
    record = client.get(f"/clients/{alice_client.pk}/").content.decode()
    assert "read-only" in record
    assert f'href="/clients/{alice_client.pk}/edit/"' not in record


def test_a_supervisor_cosigns_once_and_the_cosignature_is_sealed(
    client, sam, alice, signed_session
):
    from mutuality.notes.models import Cosignature

    signed_in_with_two_factor(client, sam)
    page = client.get(f"/sessions/{signed_session.pk}/").content.decode()
    assert "Co-sign the note" in page
    assert client.post(f"/sessions/{signed_session.pk}/note/cosign/").status_code == 302
    cosignature = Cosignature.objects.get()
    assert (cosignature.signed_by, cosignature.hash_matches()) == (sam, True)
    assert "co-signed" in client.get(f"/sessions/{signed_session.pk}/").content.decode()
    assert client.post(f"/sessions/{signed_session.pk}/note/cosign/").status_code == 403
    assert Cosignature.objects.count() == 1
    entry = AuditEntry.objects.filter(object_type="cosignature").get()
    assert (entry.actor, entry.action) == ("sam", "sign")
    # Alice sees the note is co-signed, and cannot co-sign her own note.
    client.force_login(alice)
    assert "co-signed" in client.get(f"/sessions/{signed_session.pk}/").content.decode()


def test_a_note_waits_for_cosigning_only_when_the_supervision_asks(
    client, sam, alice, signed_session
):
    from mutuality.notes.actions import cosign_due
    from mutuality.notes.models import SessionNote
    from mutuality.practices.models import Supervision

    assert cosign_due(SessionNote.objects.get())
    Supervision.objects.update(cosign_required=False)
    assert not cosign_due(SessionNote.objects.get())
    signed_in_with_two_factor(client, sam)
    assert client.post(f"/sessions/{signed_session.pk}/note/cosign/").status_code == 403


def test_who_cosigns_follows_the_supervisions_dates(alice, sam, signed_session):
    from mutuality.notes.actions import cosign_due
    from mutuality.notes.models import SessionNote
    from mutuality.practices.models import Supervision

    note, today = SessionNote.objects.get(), date.today()
    assert cosign_due(note)
    Supervision.objects.update(started_on=today + timedelta(days=1))  # not yet begun
    assert not cosign_due(note)
    Supervision.objects.update(started_on=today - timedelta(days=30), ended_on=today)
    assert not cosign_due(note)
    Supervision.objects.update(ended_on=today + timedelta(days=1))
    assert cosign_due(note)


def test_a_supervision_does_not_reach_back_over_notes_signed_before_it_began(
    client, sam, alice, alice_client
):
    """A clinician's notes signed before their supervisor's co-signing began wait for no
    co-signature: not on the session page, not in the supervisor's list, and co-signing
    one is refused. Those signed from its first day on wait as before."""
    from mutuality.core.errors import MutualityError
    from mutuality.notes.actions import cosign, cosign_due, save_draft, sign_note
    from mutuality.practices.models import Supervision
    from mutuality.sessions.models import TherapySession

    today = timezone.localdate()
    Supervision.objects.update(started_on=today - timedelta(days=30))

    def signed(days_ago: int):
        session = TherapySession.objects.create(
            client=alice_client, held_on=today - timedelta(days=days_ago)
        )
        note = save_draft(
            session=session, by=alice, form="dap", sections={"data": "Met."}, process={}
        )
        return sign_note(note=note, by=alice, now=timezone.now() - timedelta(days=days_ago))

    before, first_day, after = signed(31), signed(30), signed(2)
    assert [cosign_due(n) for n in (before, first_day, after)] == [False, True, True]
    signed_in_with_two_factor(client, sam)
    waiting = client.get("/supervision/").content.decode()
    assert f'href="/sessions/{before.session_id}/"' not in waiting
    assert f'href="/sessions/{first_day.session_id}/"' in waiting
    assert f'href="/sessions/{after.session_id}/"' in waiting
    page = client.get(f"/sessions/{before.session_id}/").content.decode()
    assert "Co-sign the note" not in page
    assert "awaiting co-signature" not in page
    assert client.post(f"/sessions/{before.session_id}/note/cosign/").status_code == 403
    with pytest.raises(MutualityError, match="had begun by the day"):
        cosign(note=before, by=sam, now=timezone.now())


def test_an_ended_supervision_closes_the_record_to_the_supervisor(client, sam, pat, alice_client):
    from mutuality.practices.models import Supervision

    link = Supervision.objects.get()
    signed_in_with_two_factor(client, pat)
    assert client.post(f"/practice/supervision/{link.pk}/end/").status_code == 302
    signed_in_with_two_factor(client, sam)
    assert client.get(f"/clients/{alice_client.pk}/").status_code == 404


def test_a_supervisor_who_is_made_a_clinician_reads_no_one_elses_record(
    client, sam, alice_client, signed_session
):
    """Reading a supervisee's record needs the supervisor role as well as the supervision:
    the access helpers skip the supervisees entirely for anyone else."""
    signed_in_with_two_factor(client, sam)
    for url in (f"/clients/{alice_client.pk}/", f"/sessions/{signed_session.pk}/"):
        assert client.get(url).status_code == 200, url
    sam.clinician.role = "clinician"
    sam.clinician.save()
    for url in (f"/clients/{alice_client.pk}/", f"/sessions/{signed_session.pk}/"):
        assert client.get(url).status_code == 404, url


def test_supervisors_and_admins_must_set_up_two_factor(client, sam, pat):
    for username in ("sam", "pat"):
        client.logout()
        assert signs_in(client, username, "correct horse battery")
        assert client.get("/", follow=False)["Location"] == "/account/two-factor/"


def test_the_admin_adds_people_and_sets_up_supervision(client, pat, alice):
    from mutuality.practices.models import Clinician, Supervision

    signed_in_with_two_factor(client, pat)
    page = client.get("/practice/people/").content.decode()
    assert "Alice" in page
    assert "Quinn" not in page  # no client names: no clinical content
    response = client.post(
        "/practice/people/new/",
        {
            "display_name": "Tariq Supervisor",
            "username": "tariq",
            "role": "supervisor",
            "password": "a long first password 42",
        },
    )
    assert response.status_code == 302
    tariq = Clinician.objects.get(user__username="tariq")
    assert tariq.role == "supervisor"
    response = client.post(
        "/practice/supervision/new/",
        {"supervisor": tariq.user_id, "supervisee": alice.pk, "cosign_required": "on"},
    )
    assert response.status_code == 302
    assert Supervision.objects.active().filter(supervisor=tariq.user, supervisee=alice).exists()
    details = list(AuditEntry.objects.filter(actor="pat").values_list("object_type", "action"))
    assert ("account", "create") in details
    assert ("supervision", "create") in details
    assert verify().intact


def test_the_admin_gets_clear_refusals(client, pat, alice):
    signed_in_with_two_factor(client, pat)
    taken = client.post(
        "/practice/people/new/",
        {"display_name": "A", "username": "alice", "role": "clinician", "pw": ""},
    )
    assert taken.status_code == 400
    weak = client.post(
        "/practice/people/new/",
        {"display_name": "Z", "username": "zed", "role": "clinician", "password": "123"},
    )
    assert weak.status_code == 400
    assert "too short" in weak.content.decode()
    self_demotion = client.post(
        f"/practice/people/{pat.pk}/", {"role": "clinician", "active": "on"}
    )
    assert self_demotion.status_code == 400
    assert "your own admin role" in self_demotion.content.decode()
    self_supervision = client.post(
        "/practice/supervision/new/", {"supervisor": alice.pk, "supervisee": alice.pk}
    )
    assert self_supervision.status_code == 400  # Alice is no supervisor: not a choice


def test_the_admin_resets_a_lost_phone_and_deactivates_a_leaver(client, pat, sam):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=sam, name="phone", confirmed=True)
    signed_in_with_two_factor(client, pat)
    response = client.post(
        f"/practice/people/{sam.pk}/",
        {"role": "supervisor", "active": "on", "reset_two_factor": "on"},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=sam).exists()
    client.post(f"/practice/people/{sam.pk}/", {"role": "supervisor"})
    sam.refresh_from_db()
    assert not sam.is_active
    client.logout()
    assert not signs_in(client, "sam", "correct horse battery")


def test_the_admin_sees_the_chain_and_account_events_only(client, pat, alice, alice_client):
    client.force_login(alice)
    client.get(f"/clients/{alice_client.pk}/")
    signed_in_with_two_factor(client, pat)
    page = client.get("/practice/audit/").content.decode()
    assert "intact" in page
    assert "Quinn" not in page


@pytest.fixture
def closed_long_ago(alice, alice_client, alice_relationship, signed_session):
    """A closed record with something of every kind: a map, a signed note, a check-in
    answered through a link (its submission protects its answers), a plan."""
    from mutuality.clients.models import Client
    from mutuality.core.measures import built_in
    from mutuality.measures import actions
    from mutuality.plans.actions import start_plan

    link, _ = actions.create_link(
        client=alice_client, by=alice, instruments=["five-good-things"], now=timezone.now(),
        days=7, recurring_weekly=True, share_progress=False,
    )  # fmt: skip
    five = built_in("five-good-things")
    actions.submit_checkin(
        link=link, answers={five: dict.fromkeys(five.item_keys, 2)}, now=timezone.now()
    )
    start_plan(client=alice_client, by=alice, now=timezone.now(), review_due=None)

    alice_client.status = Client.Status.CLOSED
    alice_client.save()
    Client.objects.filter(pk=alice_client.pk).update(closed_on=date(2018, 1, 10))
    alice_client.refresh_from_db()
    return alice_client


def test_closing_starts_the_retention_period_and_reopening_stops_it(alice_client):
    from mutuality.clients.models import Client

    alice_client.status = Client.Status.CLOSED
    alice_client.save()
    assert alice_client.closed_on == timezone.localdate()
    assert alice_client.destroy_after() == timezone.localdate().replace(
        year=timezone.localdate().year + 7
    )
    alice_client.status = Client.Status.ACTIVE
    alice_client.save()
    assert alice_client.destroy_after() is None


def test_a_record_past_retention_is_destroyed_leaving_only_what_was_destroyed(
    client, pat, closed_long_ago
):
    from mutuality.clients.models import Client
    from mutuality.notes.models import SessionNote

    pk = closed_long_ago.pk
    signed_in_with_two_factor(client, pat)
    page = client.get("/practice/retention/").content.decode()
    assert f"#{pk}" in page
    assert "Quinn" not in page  # by number only
    unconfirmed = client.post(f"/practice/retention/{pk}/destroy/", {"confirm": "no"})
    assert unconfirmed.status_code == 302
    assert Client.objects.filter(pk=pk).exists()
    client.post(f"/practice/retention/{pk}/destroy/", {"confirm": str(pk)})
    assert not Client.objects.filter(pk=pk).exists()
    assert not SessionNote.objects.exists()  # signed notes go with the record
    entry = AuditEntry.objects.get(action="destroy")
    assert (entry.client_id, entry.actor) == (pk, "pat")
    assert "notes 1" in entry.detail  # the signed note, by app
    assert "measures 4" in entry.detail  # the link, its submission, the answers, their ends
    assert "Quinn" not in entry.detail
    assert "Met." not in entry.detail
    assert verify().intact


def test_a_record_within_retention_is_not_destroyed(client, pat, closed_long_ago):
    from mutuality.clients.models import Client
    from mutuality.practices.models import Practice

    Practice.objects.update(retention_years=50)
    signed_in_with_two_factor(client, pat)
    pk = closed_long_ago.pk
    response = client.post(f"/practice/retention/{pk}/destroy/", {"confirm": str(pk)}, follow=True)
    assert "within its retention period" in response.content.decode()
    assert Client.objects.filter(pk=pk).exists()


def test_the_retention_period_is_a_practice_setting(client, pat):
    from mutuality.practices.models import Practice

    signed_in_with_two_factor(client, pat)
    bad = client.post("/practice/settings/", {"name": "Test Practice", "retention_years": "0"})
    assert bad.status_code == 400
    assert "between 1 and 100" in bad.content.decode()
    client.post("/practice/settings/", {"name": "Test Practice", "retention_years": "10"})
    assert Practice.objects.get(name="Test Practice").retention_years == 10


def test_the_destroyed_record_keeps_its_past_audit_entries_by_id(
    client, alice, pat, closed_long_ago
):
    client.force_login(alice)
    client.get(f"/clients/{closed_long_ago.pk}/")
    before = AuditEntry.objects.filter(client_id=closed_long_ago.pk).count()
    signed_in_with_two_factor(client, pat)
    client.post(
        f"/practice/retention/{closed_long_ago.pk}/destroy/", {"confirm": str(closed_long_ago.pk)}
    )
    assert AuditEntry.objects.filter(client_id=closed_long_ago.pk).count() == before + 1
    assert timedelta(0) <= timezone.now() - AuditEntry.objects.last().at


def test_the_command_line_lists_and_destroys_by_number(closed_long_ago, capsys):
    from mutuality.cli import main
    from mutuality.clients.models import Client

    pk = closed_long_ago.pk
    assert main(["retention", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"{pk}\t2018-01-10\t2025-01-10\tyes" in listed
    assert "Quinn" not in listed
    assert main(["retention", "destroy", str(pk)]) == 2  # not without --yes
    assert main(["retention", "destroy", str(pk), "--yes"]) == 0
    assert not Client.objects.filter(pk=pk).exists()
    assert main(["retention", "destroy", str(pk), "--yes"]) == 1
    assert AuditEntry.objects.get(action="destroy").actor == "command line"


def test_a_supervisors_breadcrumbs_lead_back_to_supervision(client, sam, alice, alice_client):
    signed_in_with_two_factor(client, sam)
    page = client.get(f"/clients/{alice_client.pk}/").content.decode()
    assert '<a href="/supervision/">Supervision</a> ›' in page
    client.force_login(alice)
    page = client.get(f"/clients/{alice_client.pk}/").content.decode()
    assert '<a href="/">Caseload</a> ›' in page
