"""The synthetic demo practice tells the stories the README promises."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.utils import timezone

from mutuality.clients.models import Client
from mutuality.core.relational_map import Movement, compare, summarise
from mutuality.demo.practice import load_demo_practice
from mutuality.maps.models import map_data
from mutuality.practices.models import Practice
from tests.apps.conftest import VACUUMED, own_database, planned, run_mutuality, server_env
from tests.conftest import signs_in

TODAY = date(2026, 11, 20)


@pytest.fixture
def demo(db):
    assert load_demo_practice(password="mutuality-demo", today=TODAY) is True


def map_of(name):
    return map_data(Client.objects.named(name).pk)


def test_it_builds_a_practice_of_two_clinicians_and_at_least_twelve_synthetic_clients(demo, client):
    practice = Practice.objects.get()
    assert practice.is_demo
    roles = sorted(practice.clinicians.values_list("user__username", "role"))
    assert roles == [
        ("ana", "clinician"),
        ("ben", "clinician"),
        ("pat", "admin"),
        ("sam", "supervisor"),
    ]
    assert Client.objects.count() >= 12
    assert all(c.is_synthetic and "Synthetic" in c.concerns_note for c in Client.objects.all())
    assert signs_in(client, "ana", "mutuality-demo")
    client.logout()
    assert signs_in(client, "ben", "mutuality-demo")


def test_it_gives_every_client_at_least_six_months_of_map_history_and_identities(demo):
    for c in Client.objects.all():
        _, assessments = map_data(c.pk)
        dates = sorted({a.on for a in assessments})
        assert (dates[-1] - dates[0]).days >= 182, c.display_name
        assert c.identities.count() >= 2, c.display_name
    dimensions = {i.dimension for c in Client.objects.all() for i in c.identities.all()}
    assert len(dimensions) >= 8


def test_it_tells_of_isolation_easing(demo):
    ties, assessments = map_of("Riley")
    first, last = min(a.on for a in assessments), max(a.on for a in assessments)
    assert summarise(ties, assessments, first).isolation.raised
    after = summarise(ties, assessments, last)
    assert not after.isolation.raised
    assert after.growth_fostering_outside_therapy >= 1


def test_it_tells_of_a_rupture_and_its_repair(demo):
    ties, assessments = map_of("Dev")
    brother = next(t.key for t in ties if t.name == "Brother Arun")
    scores = [a.score for a in sorted(assessments, key=lambda a: a.on) if a.tie == brother]
    low = scores.index(min(scores))
    assert 0 < low < len(scores) - 1
    assert scores[low] < scores[0] - 15
    assert scores[-1] >= scores[0]


def test_it_tells_of_a_power_over_tie_named_and_changed(demo):
    ties, assessments = map_of("Mei")
    first, last = min(a.on for a in assessments), max(a.on for a in assessments)
    manager = next(t.key for t in ties if t.name.startswith("Manager"))
    change = next(c for c in compare(ties, assessments, first, last).ties if c.tie == manager)
    assert change.before is not None
    assert change.after is not None
    assert change.before.power == 4
    assert change.after.power <= 2
    assert change.movement is Movement.TOWARD_GROWTH


def test_it_loads_only_into_an_empty_database(demo):
    assert load_demo_practice(password="mutuality-demo", today=TODAY) is False
    assert Practice.objects.count() == 1


def test_the_kept_ends_of_each_series_are_exactly_the_full_series_ends(demo):
    from mutuality.measures.models import ScaleEnds
    from mutuality.measures.progress import rows_for, series_by_instrument

    for client in Client.objects.all():
        rows = rows_for(client)
        full = {
            (instrument.key, key): (points[0].raw, points[-1].raw)
            for instrument, scales in series_by_instrument(rows).values()
            for key, points in scales.items()
            if len(points) > 1
        }
        ends = {
            (e.instrument, e.scale): (e.first_raw, e.latest_raw)
            for e in ScaleEnds.objects.filter(client=client)
            if e.first_id != e.latest_id
        }
        assert ends == full, client.display_name


def test_it_gives_every_demo_client_a_clinical_record(demo):
    from mutuality.formulations.models import Formulation
    from mutuality.logs.models import LogEntry
    from mutuality.notes.models import Addendum, SessionNote
    from mutuality.plans.models import TreatmentPlan
    from mutuality.plans.progress import objective_progress

    for client in Client.objects.all():
        notes = SessionNote.objects.filter(session__client=client)
        assert (
            notes.filter(signed_at__isnull=False).count()
            > notes.filter(signed_at__isnull=True).count()
            >= 1
        ), client
        assert all(n.hash_matches() for n in notes.filter(signed_at__isnull=False))
        # Sessions span the history its measures draw, a fortnight apart at most.
        first_answer = client.administrations.order_by("taken_at").first()
        held = list(client.therapy_sessions.order_by("held_on").values_list("held_on", flat=True))
        assert first_answer is not None, client
        assert held[0] <= timezone.localdate(first_answer.taken_at) + timedelta(days=14), client
        assert max((b - a).days for a, b in pairwise(held)) <= 14, client
        assert Formulation.objects.filter(client=client).exists(), client
        objective = TreatmentPlan.objects.get(client=client).goals.get().objectives.get()
        assert objective_progress(objective, TODAY).latest is not None, client
    assert Addendum.objects.count() == 1
    revised = {f.client.display_name for f in Formulation.objects.filter(version=2)}
    assert revised == {"Riley", "Dev", "Mei"}
    assert LogEntry.objects.filter(kind="disclosure", client=Client.objects.named("Riley")).exists()
    # Riley's two analysed transcripts sit on sessions of her record, each with its note.
    from mutuality.transcripts.models import SessionTranscript

    analysed = SessionTranscript.objects.filter(session__client=Client.objects.named("Riley"))
    assert analysed.count() == 2
    assert all(SessionNote.objects.filter(session=t.session_id).exists() for t in analysed)


def test_its_audit_trail_comes_from_its_own_history_and_verifies(demo):
    from mutuality.audit.actions import verify
    from mutuality.audit.models import AuditEntry
    from mutuality.notes.models import SessionNote

    verdict = verify()
    assert verdict.intact
    assert verdict.entries > 100
    signed = SessionNote.objects.filter(signed_at__isnull=False).count()
    assert AuditEntry.objects.filter(action="sign", object_type="note").count() == signed
    times = list(AuditEntry.objects.order_by("id").values_list("at", flat=True))
    assert times == sorted(times)


def test_its_supervisor_reads_bens_records_and_has_notes_to_cosign(demo, client):
    from mutuality.notes.actions import cosign_due
    from mutuality.notes.models import Cosignature, SessionNote

    bens = SessionNote.objects.filter(signed_by__username="ben", signed_at__isnull=False)
    assert Cosignature.objects.count() >= 1
    assert any(cosign_due(n) for n in bens)
    assert not any(cosign_due(n) for n in SessionNote.objects.filter(signed_by__username="ana"))
    for username in ("sam", "pat"):  # both must set up two-factor first
        client.logout()
        assert signs_in(client, username, "mutuality-demo")
        assert client.get("/")["Location"] == "/account/two-factor/"


def test_it_builds_a_larger_practice_for_trying_mutuality_at_scale(db):
    from mutuality.demo.practice import load_demo_practice
    from mutuality.measures.models import Administration

    assert load_demo_practice(password="mutuality-demo", clients=30, years=2)
    clients = list(Client.objects.all())
    assert len(clients) == 30
    assert len({c.display_name for c in clients}) == 30
    riley = Client.objects.named("Riley Okafor")  # follows Riley's story under another name
    weeks = Administration.objects.filter(client=riley, instrument="five-good-things").count()
    assert weeks == 104
    assert all(c.is_synthetic for c in clients)
    # A session every fortnight of the two years, each note before the last signed and
    # sealed as signing one at a time seals it, co-signed where supervision asks for it.
    from mutuality.notes.models import SessionNote

    sessions = list(riley.therapy_sessions.order_by("held_on"))
    assert 50 <= len(sessions) <= 54
    assert max((b.held_on - a.held_on).days for a, b in pairwise(sessions)) <= 14
    notes = SessionNote.objects.filter(session__client__in=clients).select_related("session")
    signed = [n for n in notes if n.is_signed]
    assert len(signed) == len(notes) - len(clients)  # each client's latest is a draft
    assert all(n.hash_matches() for n in signed)
    # Ben's supervision began eight months ago: his notes since then are co-signed but each
    # client's latest, and those from before it were never co-signed and wait for nothing.
    from mutuality.notes.actions import cosign_due
    from mutuality.practices.models import Supervision
    from mutuality.site.dates import day_start

    began = day_start(Supervision.objects.get().started_on)
    bens = [n for n in signed if n.signed_by.username == "ben"]
    earlier = [n for n in bens if n.signed_at < began]
    awaiting = [n for n in bens if n.signed_at >= began and not hasattr(n, "cosignature")]
    assert earlier
    assert not any(hasattr(n, "cosignature") for n in earlier)
    assert not any(cosign_due(n) for n in earlier[:20])
    assert len(awaiting) == len({n.session.client_id for n in awaiting})  # only the latest
    assert all(cosign_due(n) for n in awaiting)


def test_every_demo_answer_keeps_the_scores_its_answers_give(demo):
    from mutuality.core.measures.scoring import kept_scores, score
    from mutuality.measures.models import Administration
    from mutuality.measures.registry import get_instrument

    rows = Administration.objects.values_list("instrument", "version", "answers", "scores")
    assert rows
    for key, version, answers, scores in rows:
        kept = kept_scores(score(get_instrument(key, version), answers))
        assert scores == {scale: list(pair) for scale, pair in kept.items()}


def test_its_links_keep_their_latest_use_and_only_kais_check_in_is_overdue(demo):
    """The demo writes check-ins in bulk, past `submit_checkin`: each link's kept latest use
    must still be its latest submission, so the caseload flags the one story written as a
    weekly check-in gone quiet (Kai), and no other."""
    from datetime import datetime, time

    from django.db.models import Max

    from mutuality.measures.models import CheckinLink
    from mutuality.measures.summary import flags_for

    links = CheckinLink.objects.annotate(latest=Max("submissions__submitted_at"))
    kept = list(links.values_list("last_used_at", "latest"))
    assert kept
    assert [used for used, _ in kept] == [latest for _, latest in kept]
    clients = list(Client.objects.all())
    active = [c.pk for c in clients if c.status == Client.Status.ACTIVE]
    now = datetime.combine(TODAY, time(12), tzinfo=timezone.get_current_timezone())
    flags = flags_for([c.pk for c in clients], active, now)
    assert [c.display_name for c in clients if flags[c.pk].overdue] == ["Kai"]


def test_the_demo_leaves_postgresql_vacuumed_and_analysed(transactional_db, tmp_path):
    """After the bulk load, outside its transaction, the command vacuums and analyses: the
    planner's statistics (autovacuum gathers them some time later, or never where it is
    off) and the rows' hint bits (else the first reads write every page again). SQLite's
    connections keep their statistics as they close (site.sqlite3's backend)."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        assert type(connections["default"]).__module__ == "mutuality.site.sqlite3.base"
        return
    with own_database(server_env(tmp_path), "demo") as env:
        loaded = run_mutuality(["demo", "--no-serve", "--years", "0.2"], env)
        assert loaded.returncode == 0, loaded.stderr
        assert planned(env) == VACUUMED
