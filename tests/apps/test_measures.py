"""Measures in the clinic: entering paper-form answers, risk alerts, charts, FHIR export."""

from datetime import UTC, date, datetime

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given as generated
from hypothesis import strategies as st

from mutuality.maps.models import RelationshipAssessment
from mutuality.measures.models import Administration, RiskAlert


def phq9(*values, taken_on="2026-03-01"):
    data = {"taken_on": taken_on}
    data |= {f"phq9-q{n}": str(v) for n, v in enumerate(values, start=1) if v is not None}
    return data


def test_it_saves_paper_form_answers_and_shows_the_scores(signed_in, alice_client):
    url = f"/clients/{alice_client.pk}/measures/phq9/"
    response = signed_in.post(url, phq9(2, 2, 2, 1, 1, 1, 1, 0, 0), follow=True)
    adm = Administration.objects.get()
    assert (adm.instrument, adm.version, adm.source) == ("phq9", "2001", "session")
    assert adm.answers == {
        "q1": 2,
        "q2": 2,
        "q3": 2,
        "q4": 1,
        "q5": 1,
        "q6": 1,
        "q7": 1,
        "q8": 0,
        "q9": 0,
    }
    page = response.content.decode()
    assert "PHQ-9 saved for Quinn." in page
    assert "<td>10.0</td>" in page
    assert "moderate" in page


def test_it_shows_proration_and_refusal(signed_in, alice_client):
    url = f"/clients/{alice_client.pk}/measures/phq9/"
    page = signed_in.post(url, phq9(1, 1, 1, 1, 1, 1, 1, 1, None), follow=True).content.decode()
    assert "prorated: 8 of 9 answered" in page
    page = signed_in.post(
        url, phq9(1, 1, 1, 1, 1, 1, 1, None, None, taken_on="2026-03-02"), follow=True
    ).content.decode()
    assert "not scored: 2 of 9 items unanswered; at most 1 may be missing" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            phq9(7, 0, 0, 0, 0, 0, 0, 0, 0),
            "1. interest or pleasure: 7 is not one of the answers to this item.",
        ),
        (phq9(0, 0, "x", 0, 0, 0, 0, 0, 0), "3. sleep: x is not one of the answers to this item."),
        (phq9(0, 0, 0, 0, 0, 0, 0, 0, 0, taken_on="2026-02-31"), "Enter a valid date."),
        (
            phq9(0, 0, 0, 0, 0, 0, 0, 0, 0, taken_on="2099-01-01"),
            "The date 01 Jan 2099 is in the future.",
        ),
    ],
)
def test_it_rejects_wrong_answer_codes_and_saves_nothing(signed_in, alice_client, data, message):
    response = signed_in.post(f"/clients/{alice_client.pk}/measures/phq9/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Administration.objects.exists()


def test_it_answers_404_for_an_unknown_instrument(signed_in, alice_client):
    assert signed_in.get(f"/clients/{alice_client.pk}/measures/bdi/").status_code == 404


def test_it_raises_a_risk_alert_until_a_clinician_acknowledges_it(signed_in, alice, alice_client):
    signed_in.post(f"/clients/{alice_client.pk}/measures/phq9/", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1))
    alert = RiskAlert.objects.get()
    assert (alert.item, alert.value) == ("q9", 1)
    assert "Risk item" in signed_in.get("/").content.decode()
    named = "<strong>Risk item:</strong> PHQ-9 item q9 answered 1 on"  # by its title
    assert named in signed_in.get(f"/clients/{alice_client.pk}/").content.decode()
    assert named in signed_in.get(f"/clients/{alice_client.pk}/measures/").content.decode()
    assert signed_in.get(f"/alerts/{alert.pk}/acknowledge/").status_code == 405
    signed_in.post(f"/alerts/{alert.pk}/acknowledge/")
    alert.refresh_from_db()
    assert alert.acknowledged_by == alice
    assert alert.acknowledged_at is not None
    assert "Risk item" not in signed_in.get("/").content.decode()
    page = signed_in.get(f"/administrations/{alert.administration_id}/").content.decode()
    assert f"Acknowledged by {alice.username}" in page


def test_the_caseload_flags_reliable_deterioration_from_the_first_score(signed_in, alice_client):
    from mutuality.measures.models import ScaleEnds
    from mutuality.measures.summary import rebuild

    url = f"/clients/{alice_client.pk}/measures/phq9/"
    signed_in.post(url, phq9(0, 0, 0, 0, 0, 0, 0, 0, 0, taken_on="2026-01-05"))
    assert "total worse" not in signed_in.get("/").content.decode()
    signed_in.post(url, phq9(3, 3, 3, 3, 2, 2, 2, 2, 0, taken_on="2026-03-02"))  # 0 -> 20
    assert "PHQ-9 total worse" in signed_in.get("/").content.decode()
    kept = set(ScaleEnds.objects.values_list("scale", "deteriorated"))
    rebuild([alice_client.pk])  # what a migration or a bulk load computes agrees
    assert set(ScaleEnds.objects.values_list("scale", "deteriorated")) == kept
    # An earlier, higher score entered late becomes the first: no deterioration from it.
    signed_in.post(url, phq9(3, 3, 3, 3, 3, 3, 3, 3, 0, taken_on="2025-12-01"))
    assert "total worse" not in signed_in.get("/").content.decode()


def test_it_draws_each_scale_over_time_with_reliable_change(signed_in, alice_client):
    url = f"/clients/{alice_client.pk}/measures/phq9/"
    signed_in.post(url, phq9(3, 3, 2, 2, 2, 2, 2, 1, 0, taken_on="2026-01-10"))  # 17
    signed_in.post(url, phq9(1, 1, 1, 1, 1, 1, 1, 0, 0, taken_on="2026-03-10"))  # 7: recovered
    page = signed_in.get(f"/clients/{alice_client.pk}/measures/").content.decode()
    assert page.count('class="point"') == 2
    assert 'class="rc-improved"' in page
    assert "recovered" in page
    assert "moderately severe" in page  # band labels drawn on the chart


def test_it_shows_the_five_good_things_and_paired_mutuality(signed_in, alice_client):
    base = f"/clients/{alice_client.pk}/measures/"
    fgt = {"taken_on": "2026-03-01"} | {
        f"five-good-things-{k}": "2" for k in ("zest", "action", "clarity", "worth", "connection")
    }
    signed_in.post(base + "five-good-things/", fgt)
    for side, value in (("client", "3"), ("clinician", "4")):
        key = f"session-mutuality-{side}"
        data = {"taken_on": "2026-03-01"} | {
            f"{key}-{k}": value for k in ("heard", "affected", "authentic", "power-shared")
        }
        signed_in.post(base + f"{key}/", data)
    page = signed_in.get(base).content.decode()
    assert "week by week" in page
    assert "Session Mutuality: client and clinician" in page
    assert "not a validated instrument" in page


def test_it_feeds_the_map_from_a_relationship_check(signed_in, alice_client, alice_relationship):
    data = {"taken_on": "2026-04-02", "relationship": alice_relationship.pk} | {
        f"relationship-check-{k}": v
        for k, v in {
            "mutual-empathy": "4",
            "authenticity": "3",
            "mutual-empowerment": "4",
            "closeness": "4",
            "power-over": "0",
        }.items()
    }
    signed_in.post(f"/clients/{alice_client.pk}/measures/relationship-check/", data)
    point = RelationshipAssessment.objects.get(
        relationship=alice_relationship, assessed_on=date(2026, 4, 2)
    )
    assert (point.mutual_empathy, point.closeness, point.power) == (4, 4, 0)


def test_it_asks_which_relationship_a_check_is_about(signed_in, alice_client):
    data = {"taken_on": "2026-04-02", "relationship-check-closeness": "2"}
    response = signed_in.post(f"/clients/{alice_client.pk}/measures/relationship-check/", data)
    assert "Choose the relationship this check is about." in response.content.decode()
    assert not Administration.objects.exists()


def test_it_exports_fhir_that_validates(signed_in, alice_client):
    signed_in.post(f"/clients/{alice_client.pk}/measures/phq9/", phq9(2, 2, 2, 1, 1, 1, 1, 0, 1))
    adm = Administration.objects.get()
    response = signed_in.get(f"/administrations/{adm.pk}/fhir/")
    assert response["Content-Type"] == "application/fhir+json"
    bundle = Bundle.model_validate_json(response.content)
    qr, obs = (e.resource for e in bundle.entry)
    assert isinstance(QuestionnaireResponse.model_validate(qr.model_dump()), QuestionnaireResponse)
    assert qr.questionnaire == "urn:mutuality:instrument:phq9|2001"
    assert [i.linkId for i in qr.item] == [f"q{n}" for n in range(1, 10)]
    assert qr.item[8].answer[0].valueCoding.code == "1"
    observation = Observation.model_validate(obs.model_dump())
    assert observation.code.coding[0].system == "http://loinc.org"
    assert observation.code.coding[0].code == "44261-6"
    assert observation.valueQuantity.value == 11
    assert observation.interpretation[0].text == "moderate"
    assert observation.derivedFrom[0].reference == bundle.entry[0].fullUrl


def test_it_lists_instruments_with_their_status_and_limits(signed_in):
    page = signed_in.get("/instruments/").content.decode()
    assert "not validated" in page
    assert "validated" in page
    detail = signed_in.get("/instruments/gad7/").content.decode()
    assert "Reliable change is not computed: no clinical-sample SD is on file." in detail
    assert "Public domain" in detail
    fgt = signed_in.get("/instruments/five-good-things/").content.decode()
    assert "Not a validated instrument" in fgt


def test_it_shows_the_client_only_their_own_check_ins(signed_in, alice_client):
    signed_in.post(f"/clients/{alice_client.pk}/measures/phq9/", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1))
    page = signed_in.get(f"/clients/{alice_client.pk}/progress/").content.decode()
    assert "PHQ-9" not in page
    assert "Risk" not in page
    assert "Quinn: your check-ins" in page


def test_the_clients_view_reads_only_answers_in_mutualitys_own_wording(alice, alice_client):
    from django.utils import timezone

    from mutuality.core.measures import built_in
    from mutuality.measures import actions, progress

    answers: dict[str, dict[str, int | None]] = {
        "phq9": {f"q{n}": 1 for n in range(1, 10)},
        "gad7": {f"q{n}": 1 for n in range(1, 8)},
        "five-good-things": dict.fromkeys(("zest", "action", "clarity", "worth", "connection"), 2),
    }
    for key, given in answers.items():
        actions.record_administration(
            client=alice_client, instrument=built_in(key), answers=given,
            taken_at=timezone.now(), by=alice,
        )  # fmt: skip
    every = progress.rows_for(alice_client)
    ours = progress.rows_for(alice_client, own_wording_only=True)
    assert {a.instrument for a in every} == set(answers)
    assert ours == [a for a in every if built_in(a.instrument).wording_is_ours]
    assert [a.instrument for a in ours] == ["five-good-things"]


def test_it_marks_sessions_and_map_reviews_on_the_charts(
    signed_in, alice_client, alice_relationship
):
    from mutuality.sessions.models import TherapySession

    TherapySession.objects.create(client=alice_client, held_on=date(2026, 2, 15))
    url = f"/clients/{alice_client.pk}/measures/phq9/"
    signed_in.post(url, phq9(3, 3, 2, 2, 2, 2, 2, 1, 0, taken_on="2026-01-10"))
    signed_in.post(url, phq9(1, 1, 1, 1, 1, 1, 1, 0, 0, taken_on="2026-03-10"))
    page = signed_in.get(f"/clients/{alice_client.pk}/measures/").content.decode()
    assert "<title>session 15 Feb 2026</title>" in page
    assert "<title>map review 01 Feb 2026</title>" in page


def test_the_charts_notes_are_every_session_map_review_and_link_sent_in_their_window(
    alice, alice_client, alice_relationship
):
    """Sessions and map reviews by their day, links by the local day they were sent (here
    a day ahead of UTC's), from the first day the charts show."""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from mutuality.measures import actions, progress
    from mutuality.sessions.models import TherapySession
    from tests.conftest import assess

    for held_on in (date(2026, 1, 20), date(2026, 2, 15), date(2026, 3, 2)):
        TherapySession.objects.create(client=alice_client, held_on=held_on)
    assess(alice_relationship, date(2026, 3, 2), (4, 4, 4, 4))
    for sent in (datetime(2026, 1, 5, 9, 0, tzinfo=UTC), datetime(2026, 3, 1, 20, 0, tzinfo=UTC)):
        actions.create_link(
            client=alice_client, by=alice, instruments=["five-good-things"], now=sent,
            days=7, recurring_weekly=False, share_progress=False,
        )  # fmt: skip
    with timezone.override(ZoneInfo("Pacific/Auckland")):
        everything = progress.annotations(alice_client)
        since_february = progress.annotations(
            alice_client, since=datetime(2026, 2, 10, 0, 0, tzinfo=UTC)
        )
    assert everything == (
        (date(2026, 1, 5), "check-in link sent"),
        (date(2026, 1, 20), "session"),
        (date(2026, 2, 1), "map review"),
        (date(2026, 2, 15), "session"),
        (date(2026, 3, 2), "check-in link sent"),  # 20:00 UTC is the next morning there
        (date(2026, 3, 2), "map review"),
        (date(2026, 3, 2), "session"),
    )
    assert since_february == everything[3:]


def test_it_states_the_reliable_change_threshold_and_cut_off_of_an_instrument(signed_in):
    page = signed_in.get("/instruments/phq9/").content.decode()
    assert "a change of more than 5.6 points" in page  # 1.96 * 6.1 * sqrt(2) * sqrt(1 - .89)
    assert "crossing 8.6 (criterion c)" in page
    assert "prorated when no more than 1 item is missing" in page
    assert "Reliable change:" not in signed_in.get("/instruments/gad7/").content.decode()


def test_it_shows_the_client_their_map_then_and_now(signed_in, alice_client, alice_relationship):
    from tests.conftest import assess

    assess(alice_relationship, date(2026, 5, 1), (4, 4, 4, 4))
    page = signed_in.get(f"/clients/{alice_client.pk}/progress/").content.decode()
    assert "Your relationships, then and now" in page
    assert "01 Feb 2026 → 01 May 2026" in page


def test_the_charts_show_the_last_year_with_change_still_from_the_first_score(
    signed_in, alice, alice_client
):
    from datetime import timedelta

    from django.utils import timezone

    from mutuality.core.measures import built_in
    from mutuality.measures import actions

    now = timezone.now()
    for days, level in ((800, 3), (30, 0), (10, 0)):  # severe two years ago, mild lately
        actions.record_administration(
            client=alice_client, instrument=built_in("phq9"),
            answers={f"q{n}": level if n != 9 else 0 for n in range(1, 10)},
            taken_at=now - timedelta(days=days), by=alice,
        )  # fmt: skip
    recent = signed_in.get(f"/clients/{alice_client.pk}/measures/").content.decode()
    whole = signed_in.get(f"/clients/{alice_client.pk}/measures/?span=all").content.decode()
    old_day = f"{(now - timedelta(days=800)).day} {(now - timedelta(days=800)):%b %Y}"
    # The old answer is drawn in the view of every year only (both list it once under
    # recent answers)…
    assert recent.count(old_day) == 1
    assert whole.count(old_day) > 1
    assert "Every year" in recent
    # …yet the recent scores are still measured against it, as in the full view.
    changes = [p.count("<td>recovered</td>") for p in (recent, whole)]
    assert changes[0] == changes[1] >= 2


def test_the_clients_view_shows_their_last_year_and_every_year_on_request(
    signed_in, alice, alice_client
):
    from datetime import timedelta

    from django.utils import timezone

    from mutuality.core.measures import built_in
    from mutuality.measures import actions

    now = timezone.now()
    for days in (800, 10):
        actions.record_administration(
            client=alice_client, instrument=built_in("five-good-things"),
            answers=dict.fromkeys(("zest", "action", "clarity", "worth", "connection"), 2),
            taken_at=now - timedelta(days=days), by=alice,
        )  # fmt: skip
    url = f"/clients/{alice_client.pk}/progress/"
    recent, whole = (signed_in.get(url + q).content.decode() for q in ("", "?span=all"))
    old, new = (
        f"{(now - timedelta(days=d)).day} {(now - timedelta(days=d)):%b %Y}" for d in (800, 10)
    )
    assert old not in recent
    assert new in recent
    assert old in whole
    assert new in whole
    assert "Every year" in recent
    assert 'aria-current="page">Every year' in whole


def test_a_score_table_row_says_date_score_band_and_change():
    from mutuality.core.measures import built_in
    from mutuality.core.measures.change import clinical_change
    from mutuality.measures.progress import ScalePoint, score_table

    scale = next(s for s in built_in("phq9").scales if s.key == "total")
    change = clinical_change(scale, 20, 6)
    assert change is not None
    rows = score_table(
        [
            ScalePoint(7, date(2026, 3, 5), 20, "Severe", False, None),
            ScalePoint(8, date(2026, 4, 2), 6.5, "<Mild & so>", True, change),
        ]
    ).split("\n")
    assert rows[0] == (
        '<tr><td><a href="/administrations/7/">5 Mar 2026</a></td><td>20</td><td>Severe</td>'
        "<td>—</td></tr>"
    )
    assert '<a href="/administrations/8/">2 Apr 2026</a>' in rows[1]
    assert '<td>6.5 <span class="pill">prorated</span></td>' in rows[1]
    assert "<td>&lt;Mild &amp; so&gt;</td>" in rows[1]
    assert f"<td>{change.outcome}</td>" in rows[1]


def test_saved_answers_keep_their_scores_and_the_charts_draw_them(alice, alice_client):
    """The charts draw the scores kept when answers were saved; a row saved without them (an
    older backup's) is scored when read, to the same points; `keep_scores` fills it in."""
    from datetime import timedelta

    from django.utils import timezone

    from mutuality.core.measures import built_in
    from mutuality.core.measures.scoring import score
    from mutuality.measures import actions, progress
    from mutuality.measures.summary import keep_scores

    now = timezone.now()
    good = ("zest", "action", "clarity", "worth", "connection")
    given: list[tuple[str, dict[str, int | None]]] = [
        ("phq9", {**{f"q{n}": 2 for n in range(1, 9)}, "q9": None}),  # prorated
        ("phq9", {f"q{n}": 1 for n in range(1, 10)}),
        ("phq9", {f"q{n}": None for n in range(1, 10)} | {"q1": 3}),  # too few to score
        ("five-good-things", dict.fromkeys(good[:4], 3)),  # none may be missing
        ("five-good-things", dict.fromkeys(good, 2)),
    ]
    for days, (key, answers) in enumerate(given):
        actions.record_administration(
            client=alice_client, instrument=built_in(key), answers=answers,
            taken_at=now - timedelta(days=10 - days), by=alice,
        )  # fmt: skip
    saved = list(Administration.objects.order_by("taken_at"))
    assert [a.scores for a in saved] == [
        {"total": [18.0, True]},
        {"total": [9.0, False]},
        {},
        {},
        {"total": [10.0, False]},
    ]
    for adm in saved:  # what scoring the answers gives, at any time
        scored = score(built_in(adm.instrument), adm.answers).scales
        assert adm.scores == {s.scale.key: [s.raw, s.prorated] for s in scored if s.raw is not None}

    def drawn() -> object:
        rows = progress.rows_for(alice_client)
        # only the item-by-item instrument's answers are read
        assert [r.answers is not None for r in rows] == [False, False, False, True, True]
        series = progress.series_by_instrument(rows)
        return {key: dict(scales) for key, (_, scales) in series.items()}

    from_kept = drawn()
    assert [(p.raw, p.band, p.prorated) for p in from_kept["phq9"]["total"]] == [
        (18.0, "moderately severe", True),
        (9.0, "mild", False),
    ]
    Administration.objects.update(scores=None)
    rows = progress.rows_for(alice_client)
    assert all(r.scores is None and r.answers is not None for r in rows)
    scored_now = {
        key: dict(scales) for key, (_, scales) in progress.series_by_instrument(rows).items()
    }
    assert scored_now == from_kept
    assert keep_scores() == 5
    assert [a.scores for a in Administration.objects.order_by("taken_at")] == [
        a.scores for a in saved
    ]
    assert keep_scores() == 0


@generated(
    totals=st.lists(
        st.tuples(
            st.sampled_from(["phq9", "gad7", "session-mutuality-client"]), st.integers(0, 16)
        ),
        max_size=40,
    ),
    window=st.integers(0, 40),
)
def test_each_point_is_banded_and_measured_from_the_first_score_as_scoring_one_by_one_would(
    totals, window
):
    """`series_by_instrument` works out each repeated score's band and change once: every
    point must still be what banding and measuring it alone gives, from the rows' first
    score, or for a window of a longer history from the baseline before it."""
    from datetime import UTC, datetime, timedelta

    from mutuality.core.measures import built_in
    from mutuality.core.measures.change import clinical_change
    from mutuality.measures import progress

    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    rows = [
        progress.Answered(n + 1, key, built_in(key).version, start + timedelta(days=7 * n),
                          {"total": [float(total), False]}, None)
        for n, (key, total) in enumerate(totals)
    ]  # fmt: skip
    shown = rows[window:]
    baselines: dict[tuple[str, str], tuple[int, float]] = {}
    for row in rows:
        baselines.setdefault((row.instrument, "total"), (row.id, row.scores["total"][0]))
    for read, firsts in ((rows, None), (shown, baselines)):
        drawn = progress.series_by_instrument(read, firsts)
        for key, (instrument, scales) in drawn.items():
            scale = instrument.scales[0]
            own = [r for r in read if r.instrument == key]
            before = (own[0].id, own[0].scores["total"][0])
            first_id, first = (firsts or {}).get((key, "total")) or before
            expected = []
            for r in own:
                raw = r.scores["total"][0]
                band = scale.band(raw)
                change = clinical_change(scale, first, raw) if r.id != first_id else None
                expected.append((r.id, raw, band.label if band else "", change))
            points = [(p.administration_id, p.raw, p.band, p.change) for p in scales["total"]]
            assert points == expected


def test_a_score_tables_rows_print_each_points_own_cells_with_labels_escaped():
    """Rows that share a score share their printed cells (`score_table`); each still shows
    its own date, link, band and change, and labels from an imported instrument are
    escaped."""
    from mutuality.core.measures.change import ClinicalChange, Outcome
    from mutuality.measures.progress import ScalePoint, score_table

    improved = ClinicalChange(Outcome.IMPROVED, None, None, None)  # type: ignore[arg-type]
    points = [
        ScalePoint(7, date(2026, 3, 2), 9.0, "<b>mild</b>", False, None),
        ScalePoint(8, date(2026, 3, 9), 9.0, "<b>mild</b>", False, improved),
        ScalePoint(9, date(2026, 3, 16), 9.0, "<b>mild</b>", True, improved),
        ScalePoint(10, date(2026, 3, 23), 9.0, "<b>mild</b>", False, None),
    ]
    rows = str(score_table(points)).split("\n")
    assert rows == [
        '<tr><td><a href="/administrations/7/">2 Mar 2026</a></td><td>9</td>'
        "<td>&lt;b&gt;mild&lt;/b&gt;</td><td>—</td></tr>",
        '<tr><td><a href="/administrations/8/">9 Mar 2026</a></td><td>9</td>'
        "<td>&lt;b&gt;mild&lt;/b&gt;</td><td>improved</td></tr>",
        '<tr><td><a href="/administrations/9/">16 Mar 2026</a></td>'
        '<td>9 <span class="pill">prorated</span></td>'
        "<td>&lt;b&gt;mild&lt;/b&gt;</td><td>improved</td></tr>",
        '<tr><td><a href="/administrations/10/">23 Mar 2026</a></td><td>9</td>'
        "<td>&lt;b&gt;mild&lt;/b&gt;</td><td>—</td></tr>",
    ]
