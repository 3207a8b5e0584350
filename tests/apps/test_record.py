"""The clinical record: signed notes, plans with computed progress through the client's
link, formulation versions, the FHIR export, and sealed storage."""

import json
import re
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from mutuality.logs.models import LogEntry
from mutuality.measures import actions as measures
from mutuality.notes import actions as notes
from mutuality.notes.models import Addendum, ProcessNote, SessionNote, SignedNoteLocked
from mutuality.plans import actions as plans
from mutuality.plans.models import PlanAcknowledgement
from mutuality.plans.progress import objective_progress
from mutuality.sessions.models import TherapySession

SECRET = "She told me about the lake house for the first time"


@pytest.fixture
def session(alice_client):
    return TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))


@pytest.fixture
def signed_note(alice, session):
    note = notes.save_draft(
        session=session, by=alice, form="dap", sections={"data": SECRET}, process={}
    )
    return notes.sign_note(note=note, by=alice, now=timezone.now())


def link_for(alice, client, **more):
    link, token = measures.create_link(
        client=client, by=alice, instruments=[], now=timezone.now(), days=14,
        recurring_weekly=False, share_progress=False, **more,
    )  # fmt: skip
    return link, token


def test_it_writes_signs_and_locks_a_note(signed_in, session):
    url = f"/sessions/{session.pk}/note/"
    response = signed_in.post(url, {"form": "soap", "s_subjective": "Felt unseen.", "sign": "1"})
    assert response.status_code == 302
    note = SessionNote.objects.get()
    assert note.is_signed
    assert note.hash_matches()
    assert len(note.content_hash) == 64
    assert note.sections == {"subjective": "Felt unseen."}
    # every way of changing it is refused and leaves it as signed
    again = signed_in.post(url, {"form": "soap", "s_subjective": "Changed."}, follow=True)
    assert "signed and cannot be changed" in again.content.decode()
    note.sections = {"subjective": "Changed."}
    with pytest.raises(SignedNoteLocked):
        note.save()
    with pytest.raises(SignedNoteLocked):
        SessionNote.objects.filter(pk=note.pk).update(sections={"x": "y"})
    with pytest.raises(SignedNoteLocked):
        note.delete()
    assert SessionNote.objects.get().sections == {"subjective": "Felt unseen."}
    assert "/admin/notes/" not in signed_in.get("/admin/").content.decode()


def test_it_adds_signed_addenda_to_a_signed_note_only(signed_in, session, signed_note):
    response = signed_in.post(f"/sessions/{session.pk}/addenda/", {"text": "Client called."})
    assert response.status_code == 302
    addendum = Addendum.objects.get()
    assert addendum.hash_matches()
    assert addendum.signed_by.username == "alice"
    with pytest.raises(SignedNoteLocked):
        addendum.save()
    page = signed_in.get(f"/sessions/{session.pk}/note/print/").content.decode()
    assert "Client called." in page
    assert signed_note.content_hash in page
    assert "verified against the stored note" in page


def test_it_refuses_an_addendum_without_a_signed_note(signed_in, session):
    response = signed_in.post(f"/sessions/{session.pk}/addenda/", {"text": "x"}, follow=True)
    assert "this session has none" in response.content.decode()
    assert not Addendum.objects.exists()


def test_it_keeps_private_notes_apart_and_out_of_every_export(signed_in, session, signed_note):
    signed_in.post(
        f"/sessions/{session.pk}/private/",
        {"text": "My countertransference today", "q_my-power": "I held back."},
    )
    assert ProcessNote.objects.get().text == "My countertransference today"
    exported = signed_in.get(f"/clients/{session.client_id}/export.fhir.json").content.decode()
    printed = signed_in.get(f"/sessions/{session.pk}/note/print/").content.decode()
    for text in (exported, printed):
        assert "countertransference" not in text
        assert "I held back" not in text


def test_it_counts_logs_from_the_client_link_toward_an_objective(
    client, alice, alice_client, plan_with_log_goal
):
    _, objective = plan_with_log_goal
    _link, token = link_for(alice, alice_client, logs=["disclosure"])
    today = timezone.localdate()
    for whom in ("my sister", "a friend"):
        response = client.post(
            f"/c/{token}/log/",
            {"kind": "disclosure", "on": today.isoformat(), "whom": whom, "how_met": "welcomed"},
        )
        assert response.status_code == 200
        assert "Saved" in response.content.decode()
    assert LogEntry.objects.count() == 2
    result = objective_progress(objective, today)
    assert result.latest == 2.0
    assert result.fraction == pytest.approx(1 / 8)


def test_it_refuses_logs_through_a_closed_link_and_saves_nothing(client, alice, alice_client):
    link, token = link_for(alice, alice_client, logs=["disclosure"])
    link.revoked_at = timezone.now()
    link.save()
    data = {"kind": "disclosure", "on": timezone.localdate().isoformat(), "whom": "x"}
    response = client.post(f"/c/{token}/log/", data)
    assert response.status_code == 410
    assert "no longer" in response.content.decode() or "expired" in response.content.decode()
    assert not LogEntry.objects.exists()
    _, other = link_for(alice, alice_client, logs=["connection"])
    assert client.post(f"/c/{other}/log/", data).status_code == 400  # log not offered
    assert not LogEntry.objects.exists()


def test_it_lets_the_client_acknowledge_the_plan(client, alice, alice_client, plan_with_log_goal):
    link, token = link_for(alice, alice_client, share_plan=True)
    page = client.get(f"/c/{token}/plan/").content.decode()
    assert "Reduce condemned isolation" in page
    assert "I have read our plan" in page
    assert client.post(f"/c/{token}/plan/").status_code == 200
    ack = PlanAcknowledgement.objects.get()
    assert ack.link == link
    assert ack.version.number == 2
    link.expires_at = timezone.now() - timedelta(seconds=1)
    link.save()
    assert client.post(f"/c/{token}/plan/").status_code == 410


def test_it_builds_a_plan_from_the_library_and_keeps_every_version(signed_in, alice_client, alice):
    signed_in.post(f"/clients/{alice_client.pk}/plan/start/", {"review_due": "2026-06-01"})
    signed_in.post(
        f"/clients/{alice_client.pk}/plan/goals/", {"goal": "isolation/reduce-condemned-isolation"}
    )
    page = signed_in.get(f"/clients/{alice_client.pk}/plan/").content.decode()
    assert "Reduce condemned isolation" in page
    assert "entries a week" in page
    objective = alice_client.plan.goals.get().objectives.get()
    response = signed_in.post(
        f"/objectives/{objective.pk}/edit/",
        {"behaviour": objective.behaviour, "measure_kind": "log", "log_kind": "disclosure",
         "target": "2", "frequency": "weekly", "start": "2026-03-01", "due": "2026-02-01"},
    )  # fmt: skip
    assert "The due date must come after the start date." in response.content.decode()
    assert alice_client.plan.versions.count() == 2
    diff = signed_in.get(f"/clients/{alice_client.pk}/plan/versions/?a=1&b=2").content.decode()
    assert "Goal added: Reduce condemned isolation" in diff


def test_it_flags_a_plan_review_on_the_caseload(signed_in, alice, alice_client):
    plans.start_plan(client=alice_client, by=alice, now=timezone.now(), review_due=date(2026, 1, 1))
    assert "Plan review due" in signed_in.get("/").content.decode()


def test_it_keeps_formulation_versions_and_compares_them(signed_in, alice_client):
    url = f"/clients/{alice_client.pk}/formulation/new/"
    base = {
        "as_of": "2026-03-01", "yearnings": "to be known",
        "strategy-TOTAL_FORMS": "1", "strategy-INITIAL_FORMS": "0",
        "strategy-0-strategy": "going quiet",
        "image-TOTAL_FORMS": "0", "image-INITIAL_FORMS": "0",
        "controlling-TOTAL_FORMS": "0", "controlling-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert signed_in.post(url, base).status_code == 302
    assert signed_in.post(url, {**base, "resilience": "her choir"}).status_code == 302
    assert [f.version for f in alice_client.formulations.all()] == [2, 1]
    page = signed_in.get(f"/clients/{alice_client.pk}/formulation/?a=1&b=2").content.decode()
    assert "added: her choir" in page
    assert "Quinn yearns for to be known" in page
    future = signed_in.post(url, {**base, "as_of": "2999-01-01"})
    assert future.status_code == 400
    assert alice_client.formulations.count() == 2


def test_it_exports_the_record_as_a_valid_fhir_bundle(
    signed_in, alice, alice_client, session, signed_note, plan_with_log_goal
):
    from fhir.resources.R4B.bundle import Bundle

    notes.add_addendum(note=signed_note, by=alice, text="Later.", now=timezone.now())
    response = signed_in.get(f"/clients/{alice_client.pk}/export.fhir.json")
    data = json.loads(response.content)
    Bundle.model_validate(data)  # raises on anything invalid
    ids: dict[str, list[str]] = {e["resource"]["resourceType"]: [] for e in data["entry"]}
    for e in data["entry"]:
        ids[e["resource"]["resourceType"]].append(e["resource"]["id"])
    _, objective = plan_with_log_goal
    assert ids["Patient"] == [f"client-{alice_client.pk}"]
    assert ids["Encounter"] == [f"session-{session.pk}"]
    assert ids["Goal"] == [f"objective-{objective.pk}"]
    assert f"note-{signed_note.pk}" in ids["DocumentReference"]
    urls = {e["fullUrl"] for e in data["entry"]}
    refs = [
        e["resource"]["subject"]["reference"] for e in data["entry"] if "subject" in e["resource"]
    ]
    assert refs
    assert set(refs) <= urls
    doc = next(
        e["resource"] for e in data["entry"] if e["resource"]["id"] == f"note-{signed_note.pk}"
    )
    assert doc["identifier"][0]["value"] == signed_note.content_hash
    assert "date_of_birth" not in response.content.decode()


def test_it_stores_record_text_only_sealed(alice, session, signed_note, alice_client):
    ProcessNote.objects.create(session=session, text="private words here", author=alice)
    with connection.cursor() as cursor:
        for table in ("notes_sessionnote", "notes_processnote"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            raw = json.dumps(cursor.fetchall(), default=str)
            assert "lake house" not in raw
            assert "private words" not in raw
            assert "m1:" in raw
    assert SessionNote.objects.get().sections["data"] == SECRET


def test_the_whole_record_reads_and_prints_without_drafts_or_private_notes(
    signed_in, alice, alice_client, alice_relationship, session, signed_note, plan_with_log_goal
):
    from mutuality.audit.models import AuditEntry

    alice_client.email = "quinn@example.org"
    alice_client.save()
    notes.add_addendum(note=signed_note, by=alice, text="Phoned after.", now=timezone.now())
    ProcessNote.objects.create(session=session, text="my private hunch", author=alice)
    draft_session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 9))
    notes.save_draft(
        session=draft_session, by=alice, form="dap", sections={"data": "unsigned words"}, process={}
    )
    _, objective = plan_with_log_goal
    objective.sessions.add(session)
    page = signed_in.get(f"/clients/{alice_client.pk}/record/").content.decode()
    for shown in (SECRET, "Phoned after.", "quinn@example.org", "trans woman", "Sister"):
        assert shown in page, shown
    assert objective.behaviour in page
    assert "<h3>Objectives addressed</h3>" in page  # under the signed note
    assert "unsigned words" not in page
    assert "my private hunch" not in page
    assert signed_note.content_hash in page
    assert AuditEntry.objects.filter(action="print", client_id=alice_client.pk).exists()


def test_the_timeline_lists_a_year_of_events_escaped_and_filtered(
    signed_in, alice_client, signed_note
):
    from mutuality.maps.models import Relationship
    from tests.conftest import assess

    today = timezone.localdate()
    TherapySession.objects.create(client=alice_client, held_on=today - timedelta(days=3))
    rel = Relationship.objects.create(client=alice_client, name="<b>Mum</b> & co", kind="family")
    assess(rel, today - timedelta(days=2), (3, 3, 3, 3))
    answers = {f"phq9-q{n}": "1" for n in range(1, 10)}
    signed_in.post(
        f"/clients/{alice_client.pk}/measures/phq9/",
        {"taken_on": (today - timedelta(days=1)).isoformat(), **answers},
    )
    url = f"/clients/{alice_client.pk}/timeline/"
    page = signed_in.get(url).content.decode()
    assert f'<time datetime="{(today - timedelta(days=2)).isoformat()}">' in page
    assert "Map: &lt;b&gt;Mum&lt;/b&gt; &amp; co assessed" in page
    assert "<b>Mum</b>" not in page
    assert '>PHQ-9</a> <span class="muted small">· Entered in session</span>' in page
    assert page.index("Map: &lt;b&gt;") < page.index("Session (")  # newest first
    assert 'Note signed</a> <span class="muted small">· for the session of 02 Mar 2026' in page
    assert SECRET not in page  # a note's words are not on the timeline
    only_sessions = signed_in.get(url + "?kind=session").content.decode()
    assert "Session (" in only_sessions
    assert "Map: " not in only_sessions
    assert "Nothing recorded in this period." not in page
    none = signed_in.get(url + "?kind=formulation").content.decode()
    assert "Nothing recorded in this period." in none
    # The year links keep the kinds chosen, in the filter's own order, however asked.
    both = signed_in.get(url + "?kind=measure&kind=bogus&kind=session").content.decode()
    assert '<a href="?kind=session&amp;kind=measure&amp;" aria-current="page">' in both
    assert "Session (" in both
    assert "Map: " not in both


def test_the_sessions_list_shows_a_year_of_sessions_a_page_newest_first(
    signed_in, alice, alice_client
):
    first = date(2024, 1, 1)
    TherapySession.objects.bulk_create(
        TherapySession(client=alice_client, held_on=first + timedelta(weeks=n)) for n in range(60)
    )
    latest = TherapySession.objects.get(held_on=first + timedelta(weeks=59))
    draft = notes.save_draft(
        session=latest, by=alice, form="dap", sections={"data": "d"}, process={}
    )
    notes.sign_note(note=draft, by=alice, now=timezone.now())
    before = TherapySession.objects.get(held_on=first + timedelta(weeks=58))
    before.modality = TherapySession.Modality.VIDEO
    before.save()
    notes.save_draft(session=before, by=alice, form="dap", sections={"data": "d"}, process={})
    url = f"/clients/{alice_client.pk}/sessions/"
    newest, older = (signed_in.get(url + q).content.decode() for q in ("", "?page=2"))
    assert "60 sessions · 1–50 shown, newest first" in newest
    assert newest.count('href="/sessions/') == 50
    assert newest.index("17 Feb 2025") < newest.index("10 Feb 2025")  # weeks 59 and 58
    signed, drafted, unwritten = newest.split("<tr><td>")[1:4]
    assert "17 Feb 2025" in signed
    assert '<span class="pill ok">signed</span>' in signed
    assert "10 Feb 2025" in drafted
    assert '<span class="pill">draft</span>' in drafted
    assert ("In person" in signed, "Video" in drafted) == (True, True)  # labels, not codes
    assert '<span class="muted">—</span>' in unwritten
    assert "no transcript" in unwritten
    assert "1 Jan 2024" not in newest
    assert older.count('href="/sessions/') == 10
    assert "1 Jan 2024" in older
    # With sessions to list, adding one waits behind a summary; with none, it is open.
    assert '<details class="card add-session" ><summary>Add a session' in newest
    refused = signed_in.post(url, {"held_on": "", "duration_minutes": "50"})
    assert refused.status_code == 400
    assert '<details class="card add-session" open>' in refused.content.decode()  # errors
    TherapySession.objects.filter(client=alice_client).delete()
    assert '<details class="card add-session" open>' in signed_in.get(url).content.decode()
    assert 'href="?page=1">Newer</a>' in older


def test_a_session_lists_the_latest_of_each_measure_of_the_four_weeks_before_it(
    signed_in, alice, alice_client, session
):
    from mutuality.core.measures import built_in

    def take(key: str, on: date) -> int:
        answers: dict[str, int | None] = dict.fromkeys(built_in(key).item_keys, 1)
        at = timezone.make_aware(datetime.combine(on, time(12)))
        adm = measures.record_administration(
            client=alice_client, instrument=built_in(key), answers=answers, taken_at=at, by=alice
        )
        return adm.pk

    take("phq9", date(2026, 1, 30))  # more than four weeks before 2 Mar: not listed
    take("phq9", date(2026, 2, 10))
    latest = take("phq9", date(2026, 3, 2))
    gad7 = take("gad7", date(2026, 2, 20))
    page = signed_in.get(f"/sessions/{session.pk}/").content.decode()
    assert (
        f'<a href="/administrations/{latest}/">PHQ-9</a> · 2 Mar 2026 '
        '<span class="muted small">Entered in session · 2 in the four weeks</span>'
    ) in page
    assert (
        f'<a href="/administrations/{gad7}/">GAD-7</a> · 20 Feb 2026 '
        '<span class="muted small">Entered in session</span>'
    ) in page


def test_the_note_form_offers_the_measures_of_its_window_and_the_open_objectives(
    signed_in, alice, bob, alice_client, session, plan_with_log_goal
):
    """The measures given in the 28 local days up to the session, and the objectives of the
    client's open goals, nothing of another client's; what a draft chose comes back checked,
    and an id the form did not offer is refused."""
    from mutuality.clients.models import Client
    from mutuality.core.measures import built_in
    from mutuality.site.dates import day_start
    from mutuality.site.days import day

    plan, open_objective = plan_with_log_goal
    closed_goal = plans.add_goal_from_library(
        plan=plan,
        goal_key="reduce-condemned-isolation",
        problem_key="isolation",
        by=alice,
        now=timezone.now(),
    )
    closed_goal.closed = True
    closed_goal.save()
    closed_objective = closed_goal.objectives.get()

    def given(client, at):
        return measures.record_administration(
            client=client,
            instrument=built_in("phq9"),
            answers={f"q{n}": 1 for n in range(1, 10)},
            taken_at=at,
            by=alice if client == alice_client else bob,
        )

    held = session.held_on
    first, after = day_start(held - timedelta(days=27)), day_start(held, after=True)
    inside = [given(alice_client, first), given(alice_client, after - timedelta(seconds=1))]
    outside = [
        given(alice_client, first - timedelta(seconds=1)),
        given(alice_client, after),
    ]
    theirs = Client.objects.create(clinician=bob, display_name="B", start_date=date(2026, 1, 1))
    forged = given(theirs, first + timedelta(hours=1))

    def boxes(name):
        page = signed_in.get(f"/sessions/{session.pk}/note/").content.decode()
        found = re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"([^>]*)>', page)
        return {int(pk): "checked" in rest for pk, rest in found}

    assert boxes("measures") == {a.pk: False for a in inside}
    page = signed_in.get(f"/sessions/{session.pk}/note/").content.decode()
    assert f"PHQ-9 on {day(held - timedelta(days=27))}" in page  # the title, not the key
    assert boxes("objectives") == {open_objective.pk: False}
    assert closed_objective.pk not in boxes("objectives")

    url = f"/sessions/{session.pk}/note/"
    saved = signed_in.post(
        url,
        {
            "form": "dap",
            "s_data": "Talked.",
            "measures": [inside[0].pk],
            "objectives": [open_objective.pk],
        },
    )
    assert saved.status_code == 302
    assert boxes("measures") == {inside[0].pk: True, inside[1].pk: False}
    assert boxes("objectives") == {open_objective.pk: True}

    for field, pk in (
        ("measures", forged.pk),
        ("measures", outside[0].pk),
        ("objectives", closed_objective.pk),
    ):
        refused = signed_in.post(url, {"form": "dap", "s_data": "Talked.", field: [pk]})
        assert refused.status_code == 400, (field, pk)
        assert "Select a valid choice" in refused.content.decode()
    note = SessionNote.objects.get(session=session)
    assert list(note.measures_reviewed.values_list("pk", flat=True)) == [inside[0].pk]


def test_the_formulation_form_reads_the_map_once_however_many_rows_it_has(
    signed_in, alice_client, alice_relationship
):
    from django.test.utils import CaptureQueriesContext

    from mutuality.clients.models import Client
    from mutuality.maps.models import Relationship

    url = f"/clients/{alice_client.pk}/formulation/new/"
    rows = 6
    data = {
        "as_of": "2026-03-01", "yearnings": "to be known",
        "strategy-TOTAL_FORMS": str(rows), "strategy-INITIAL_FORMS": "0",
        "image-TOTAL_FORMS": "0", "image-INITIAL_FORMS": "0",
        "controlling-TOTAL_FORMS": "0", "controlling-INITIAL_FORMS": "0",
    }  # fmt: skip
    for n in range(rows):
        data |= {f"strategy-{n}-strategy": f"way {n}", f"strategy-{n}-relationship": ""}
    data["strategy-0-relationship"] = str(alice_relationship.pk)
    assert signed_in.post(url, data).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        page = signed_in.get(url).content.decode()
    reads = [q for q in captured.captured_queries if '"maps_relationship"' in q["sql"]]
    assert len(reads) == 1, reads
    assert page.count(f'<option value="{alice_relationship.pk}" selected>') == 1
    selects = re.findall(r'<select name="(\w+-\d+-relationship)"', page)
    assert len(selects) > rows  # the saved rows and the blank ones, strategies and images
    assert page.count(f'<option value="{alice_relationship.pk}"') == len(selects)
    other = Relationship.objects.create(
        client=Client.objects.create(
            clinician=alice_client.clinician, display_name="Other", start_date=date(2026, 1, 1)
        ),
        name="Not Quinn's",
        kind="friend",
    )
    foreign = signed_in.post(url, {**data, "strategy-1-relationship": str(other.pk)})
    assert foreign.status_code == 400
    assert "Select a valid choice" in foreign.content.decode()
