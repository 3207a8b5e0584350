"""The audit trail: what is recorded, in the same transaction as the change, and a hash
chain that reveals a changed, removed or reordered entry."""

import re
import threading
from datetime import UTC, datetime
from typing import Any
from unittest import mock

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from mutuality.audit.actions import check, record, verify
from mutuality.audit.models import Action, AppendOnly, AuditEntry, Checkpoint
from mutuality.cli import main
from mutuality.clients.models import Client
from mutuality.record.audited import OBJECTS
from tests.apps.test_access_control import ALL

pytestmark = pytest.mark.django_db


def entries(**filters):
    return list(AuditEntry.objects.filter(**filters).values_list("action", "object_type"))


def test_every_url_that_names_an_object_is_audited():
    from django.urls import get_resolver

    by_name = {p.name: p for p in get_resolver().url_patterns if hasattr(p, "name")}
    for name, _, conv in ALL:
        if set(conv) & (set(OBJECTS) | {"token"}):
            assert getattr(by_name[name].callback, "audited", False), name


def test_it_records_views_changes_signing_prints_and_exports(client, alice, alice_client):
    from mutuality.sessions.models import TherapySession

    client.force_login(alice)
    client.get(f"/clients/{alice_client.pk}/", REMOTE_ADDR="10.0.0.7")
    client.post(
        f"/clients/{alice_client.pk}/edit/",
        {"display_name": "Quinn R", "start_date": "2026-01-05", "status": "active"},
    )
    session = TherapySession.objects.create(client=alice_client, held_on=alice_client.start_date)
    client.post(
        f"/sessions/{session.pk}/note/",
        {"form": "dap", "s_data": "Talked.", "sign": "1"},
    )
    client.get(f"/sessions/{session.pk}/note/print/")
    client.get(f"/clients/{alice_client.pk}/export.fhir.json")
    mine = AuditEntry.objects.filter(client_id=alice_client.pk)
    actions = list(mine.values_list("action", flat=True))
    assert actions[0] == "view"
    assert {"change", "sign", "print", "export"} <= set(actions)
    first = mine.first()
    assert first is not None
    assert (first.actor, first.actor_id, first.ip) == ("alice", alice.pk, "10.0.0.7")
    assert first.object_type == "client"
    signed = mine.get(action="sign")
    assert signed.object_type == "note"
    # Content never enters the trail: not the note, not the new name.
    text = " ".join(str(v) for e in AuditEntry.objects.all() for v in e.fields())
    assert "Talked." not in text
    assert "Quinn R" not in text


def test_someone_elses_record_is_recorded_as_denied_without_its_client(client, bob, alice_client):
    client.force_login(bob)
    assert client.get(f"/clients/{alice_client.pk}/").status_code == 404
    entry = AuditEntry.objects.get(action="denied")
    assert (entry.actor, entry.object_id, entry.client_id) == ("bob", str(alice_client.pk), None)


def test_a_client_link_page_is_recorded_for_its_client(client, owned_ids):
    client.get(f"/c/{owned_ids['token']}/")
    entry = AuditEntry.objects.filter(actor="client link").get()
    assert entry.client_id == owned_ids["client_id"]


def test_the_change_and_its_entry_are_saved_together_or_not_at_all(client, alice, alice_client):
    client.force_login(alice)
    before = AuditEntry.objects.count()
    with (
        mock.patch("mutuality.record.audited.record", side_effect=DatabaseError("disk full")),
        pytest.raises(DatabaseError),
    ):
        client.post(
            f"/clients/{alice_client.pk}/edit/",
            {"display_name": "Changed", "start_date": "2026-01-05", "status": "active"},
        )
    assert Client.objects.get(pk=alice_client.pk).display_name == "Quinn"
    assert AuditEntry.objects.count() == before


def test_a_new_client_is_recorded_under_its_own_id(client, alice):
    client.force_login(alice)
    client.post(
        "/clients/new/", {"display_name": "Rowan", "start_date": "2026-02-01", "status": "active"}
    )
    rowan = Client.objects.named("Rowan")
    assert entries(client_id=rowan.pk) == [("create", "client")]


def test_the_chain_verifies_and_names_the_first_changed_entry(db):
    _views(5)
    verdict = verify(batch=2)  # across batch boundaries
    assert verdict.intact
    assert verdict.entries == 5
    third = AuditEntry.objects.order_by("id")[2]
    _tamper("UPDATE audit_auditentry SET actor = 'mallory' WHERE id = %s", [third.pk])
    verdict = verify()
    assert verdict.broken_at == third.pk
    assert "changed" in verdict.reason


def test_the_chain_reveals_a_removed_entry(db):
    _views(4)
    rows = list(AuditEntry.objects.order_by("id"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [rows[1].pk])
    verdict = verify()
    assert verdict.broken_at == rows[2].pk
    assert "removed" in verdict.reason


def test_the_chain_reveals_reordered_entries(db):
    _views(3)
    a, b = list(AuditEntry.objects.order_by("id"))[:2]
    with connection.cursor() as cursor:
        _drop_trigger(cursor)
        swap = "UPDATE audit_auditentry SET object_id = %s, prev_hash = %s, hash = %s WHERE id = %s"
        cursor.execute("UPDATE audit_auditentry SET hash = %s WHERE id = %s", ["f" * 64, a.pk])
        cursor.execute(swap, [a.object_id, a.prev_hash, a.hash, b.pk])
        cursor.execute(swap, [b.object_id, b.prev_hash, b.hash, a.pk])
    assert verify().broken_at == a.pk


def test_the_entry_record_returns_is_the_row_it_saved(db):
    """`record` writes its row with a plain statement: the moment, address and ids come back
    from the database as they went in, so the saved row's hash checks out."""
    at = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    first = record(action=Action.VIEW, actor="system", object_type="client", object_id=7)
    entry = record(
        action=Action.EXPORT,
        actor="client link",
        object_type="client",
        object_id=7,
        client_id=7,
        ip="2001:db8::1",
        detail="GET client-export",
        at=at,
    )
    saved = AuditEntry.objects.get(pk=entry.pk)
    assert saved.fields() == entry.fields()
    assert saved.at == at
    assert (saved.prev_hash, saved.hash) == (first.hash, entry.hash)
    assert saved.compute_hash() == saved.hash
    assert verify().intact


# Text the chain's JSON must write alike in Python and, on PostgreSQL, around the database's
# append function: quotes, backslashes, control characters, and letters beyond ASCII.
AWKWARD = [
    'a "quoted" word',
    "back\\slash and / slash",
    "tab\tnew line\ncarriage\r",
    "\x01\x1f\x7f",
    "café · Māori · 日本語 · עברית",
    "\U0001f600 beyond the basic plane",
    "\u2028\u2029 separators",
    "</script><!--",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_an_entry_of_any_text_hashes_as_verify_checks_it(db, text):
    record(action=Action.VIEW, actor="system", object_type="client", object_id=1)
    entry = record(
        action=Action.VIEW, actor=text[:150], object_type="client", object_id=2, detail=text
    )
    saved = AuditEntry.objects.get(pk=entry.pk)
    assert (saved.actor, saved.detail) == (text[:150], text)
    assert saved.compute_hash() == saved.hash == entry.hash
    assert verify().intact


@pytest.mark.django_db(transaction=True)
def test_appends_from_many_connections_at_once_keep_one_chain():
    """Requests in several workers append at the same moment: each must chain onto the entry
    before it, never two onto the same one (SQLite's write lock; PostgreSQL's advisory lock,
    taken before the last hash is read). The test database on SQLite lives in memory, where
    a second connection is refused rather than kept waiting; appends to SQLite's file from
    several workers at once are tested with the server itself (test_crash_safety)."""
    if connection.vendor == "sqlite":
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        return
    writers, each = 4, 25
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def append(n: int) -> None:
        try:
            start.wait(timeout=30)
            for k in range(each):
                record(action=Action.VIEW, actor=f"w{n}", object_type="client", object_id=k)
        except BaseException as e:  # reported below
            failures.append(e)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=append, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures
    saved = list(AuditEntry.objects.order_by("id").values_list("prev_hash", "hash"))
    assert len(saved) == writers * each
    assert len({prev for prev, _ in saved}) == len(saved)  # no two on one predecessor
    verdict = verify()
    assert verdict.intact, verdict.reason
    assert verdict.entries == writers * each


def test_entries_cannot_be_changed_or_removed_through_the_orm_or_sql(db):
    entry = record(action=Action.VIEW, actor="system")
    entry.actor = "mallory"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update(actor="mallory")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET actor = 'mallory'")
    assert AuditEntry.objects.get().actor == "system"


def test_audit_verify_exits_0_when_intact_and_1_naming_the_entry(db, capsys):
    for n in range(3):
        record(action=Action.VIEW, actor="system", object_id=n)
    assert main(["audit", "verify"]) == 0
    assert "3 entries" in capsys.readouterr().out
    last = AuditEntry.objects.order_by("id").last()
    assert last is not None
    _tamper("UPDATE audit_auditentry SET detail = 'x' WHERE id = %s", [last.pk])
    assert main(["audit", "verify"]) == 1
    assert f"entry #{last.pk}" in capsys.readouterr().err


def test_the_access_report_lists_the_clients_entries_in_app_and_as_csv(client, alice, alice_client):
    client.force_login(alice)
    client.get(f"/clients/{alice_client.pk}/timeline/")
    page = client.get(f"/clients/{alice_client.pk}/access/").content.decode()
    assert "GET timeline" in page
    csv = client.get(f"/clients/{alice_client.pk}/access/?format=csv").content.decode()
    header, *rows = csv.strip().splitlines()
    assert header.startswith("when (UTC),who,action")
    assert any(",alice,viewed,client," in r and "GET timeline" in r for r in rows)


def test_the_access_report_shows_a_page_of_entries_at_a_time_newest_first(
    client, alice, alice_client
):
    for n in range(130):
        record(action=Action.VIEW, actor="system", object_type="client", object_id=n,
               client_id=alice_client.pk, detail=f"entry {n}")  # fmt: skip
    client.force_login(alice)
    url = f"/clients/{alice_client.pk}/access/"
    page = client.get(url).content.decode()
    assert len(re.findall(r'<span class="muted small">entry \d+</span>', page)) == 100
    assert page.index("entry 129") < page.index("entry 30<")  # newest first
    assert "entry 29<" not in page
    older = re.search(r'href="\?before=(\d+)"', page)
    assert older
    client.get(f"/clients/{alice_client.pk}/timeline/")  # a newer entry moves no page
    second = client.get(f"{url}?before={older[1]}").content.decode()
    rest = re.findall(r'<span class="muted small">(entry \d+)</span>', second)
    assert rest == [f"entry {n}" for n in range(29, -1, -1)]
    assert "?before=" not in second  # no older page
    assert "Newest entries" in second
    assert "?before=" in client.get(f"{url}?before=not-a-number").content.decode()


def _tamper(sql: str, params: list[Any]) -> None:
    """One statement run past the trigger that refuses changes, as someone with raw database
    access could."""
    with connection.cursor() as cursor:
        _drop_trigger(cursor)
        cursor.execute(sql, params)


def _drop_trigger(cursor) -> None:
    """What someone with raw database access could do before tampering."""
    if connection.vendor == "sqlite":
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_update")
    else:
        cursor.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit_auditentry")


def _views(n: int) -> None:
    for k in range(n):
        record(action=Action.VIEW, actor="system", object_type="client", object_id=k)


def test_a_check_walks_on_from_the_last_checkpoint_and_agrees_with_a_whole_walk(db):
    _views(5)
    first = check()
    assert first.intact
    assert first.since is None
    assert Checkpoint.objects.get().whole
    _views(3)
    with CaptureQueriesContext(connection) as walked:
        later = check()
    assert later.since is not None
    assert later.since.through_id == first.through_id
    assert (later.entries, later.head) == (8, verify().head)
    # The walk read on from the checkpoint's entry, not from the first.
    walks = [q["sql"] for q in walked if '"id" >' in q["sql"]]
    assert walks
    assert all(f'"id" > {first.through_id}' in sql or f'"id" > {later.through_id}' in sql
               for sql in walks), walks  # fmt: skip
    assert not Checkpoint.objects.order_by("through_id").last().whole
    assert check().since.through_id == later.through_id  # nothing new: no new checkpoint
    assert Checkpoint.objects.count() == 2


def test_a_check_finds_a_changed_entry_written_after_its_checkpoint(db):
    _views(4)
    check()
    _views(3)
    changed = AuditEntry.objects.order_by("id").last()
    _tamper("UPDATE audit_auditentry SET detail = 'x' WHERE id = %s", [changed.pk])
    verdict = check()
    assert verdict.broken_at == changed.pk
    assert "changed" in verdict.reason


def test_a_checkpoint_reveals_an_entry_removed_before_it_or_its_own_entry_rewritten(db):
    _views(5)
    check()
    rows = list(AuditEntry.objects.order_by("id"))
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [rows[1].pk])
    removed = check()
    assert removed.broken_at == rows[-1].pk
    assert "lost or gained" in removed.reason
    with connection.cursor() as cursor:  # the entry back, and the checkpoint's own rewritten
        cursor.execute(
            "INSERT INTO audit_auditentry (id, at, actor_id, actor, action, object_type, "
            "object_id, client_id, ip, detail, prev_hash, hash) SELECT %s, at, actor_id, actor, "
            "action, object_type, object_id, client_id, ip, detail, prev_hash, %s FROM "
            "audit_auditentry WHERE id = %s",
            [rows[1].pk, rows[1].hash, rows[2].pk],
        )
        cursor.execute(
            "UPDATE audit_auditentry SET hash = %s WHERE id = %s", ["e" * 64, rows[-1].pk]
        )
    rewritten = check()
    assert rewritten.broken_at == rows[-1].pk
    assert "no longer matches the checkpoint" in rewritten.reason


def test_a_change_before_the_checkpoint_is_found_by_a_whole_walk_and_then_by_every_visit(db):
    _views(6)
    check()
    _views(2)
    check()
    second = AuditEntry.objects.order_by("id")[1]
    _tamper("UPDATE audit_auditentry SET actor = 'mallory' WHERE id = %s", [second.pk])
    assert check().intact  # its own hash kept: only walking past it shows the change
    whole = check(whole=True)
    assert whole.broken_at == second.pk
    assert not Checkpoint.objects.exists()  # both stood past the break
    assert check().broken_at == second.pk


def test_the_admin_verifies_the_whole_trail_from_the_audit_page(client, pat, alice, alice_client):
    from tests.conftest import signed_in_with_two_factor

    client.force_login(alice)
    client.get(f"/clients/{alice_client.pk}/")
    signed_in_with_two_factor(client, pat)
    page = client.get("/practice/audit/").content.decode()
    assert "intact" in page
    assert "last verified" in page  # the first visit walked from the first entry
    client.get(f"/clients/{alice_client.pk}/")
    page = client.get("/practice/audit/").content.decode()
    assert "since the last verification" in page
    response = client.post("/practice/audit/", follow=True)
    assert "The whole trail verified" in response.content.decode()
    assert Checkpoint.objects.order_by("-at").first().whole
    client.force_login(alice)
    assert client.post("/practice/audit/").status_code in (403, 404)


def test_the_account_events_come_newest_first_by_their_own_index(db):
    from mutuality.audit.actions import account_events

    for n in range(6):
        record(action=Action.VIEW, actor="system", object_id=n)
        record(action=Action.LOGIN_FAILED, actor="anonymous", detail=f"attempt {n}")
    record(action=Action.BACKUP, actor="command line")
    listed = account_events(latest=4)
    assert [(e.action, e.detail) for e in listed] == [
        ("backup", ""), ("login-failed", "attempt 5"), ("login-failed", "attempt 4"),
        ("login-failed", "attempt 3"),
    ]  # fmt: skip
    with transaction.atomic():  # the statement as it runs, its parameters bound
        if connection.vendor == "postgresql":  # a table this small is read whole otherwise
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = account_events().explain()
    assert "audit_account_events" in plan, plan


def test_an_entrys_hash_is_indexed_once(db):
    """Every page view appends an entry: an index it also writes that nothing reads (the
    `LIKE` index PostgreSQL gets for a unique text column) costs every append."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, AuditEntry._meta.db_table)
    on_hash = [name for name, c in found.items() if c["columns"] == ["hash"]]
    assert len(on_hash) == 1, on_hash
    assert found[on_hash[0]]["unique"]


def test_a_check_stops_at_its_limit_and_the_next_goes_on_from_there(db):
    _views(8)
    walked = [check(limit=3) for _ in range(3)]
    assert [(v.entries, v.left) for v in walked] == [(3, 5), (6, 2), (8, 0)]
    assert walked[-1].head == verify().head
    assert not Checkpoint.objects.filter(whole=True).exists()  # none walked it all at once
    whole = check(whole=True, limit=5)  # a whole walk cut short leaves no checkpoint
    assert (whole.intact, whole.entries, whole.left) == (True, 5, 3)
    assert Checkpoint.objects.count() == 3
    assert check(whole=True).left == 0
    assert Checkpoint.objects.filter(whole=True).count() == 1


def test_the_audit_page_walks_a_long_trail_over_several_visits(client, pat, monkeypatch):
    from mutuality.people import views
    from tests.conftest import signed_in_with_two_factor

    _views(5)
    monkeypatch.setattr(views, "PAGE_WALK", 2)
    signed_in_with_two_factor(client, pat)
    page = client.get("/practice/audit/").content.decode()
    assert "intact so far" in page
    assert "more are left for the next visits" in page
    response = client.post("/practice/audit/", follow=True).content.decode()
    assert "The first 2 entries verified" in response
    assert "mutuality audit verify" in response
