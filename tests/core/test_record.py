"""The record's pure parts, against tables of known answers."""

from datetime import date, timedelta

import pytest

from mutuality.core.errors import MutualityError
from mutuality.core.record import formulation as fm
from mutuality.core.record.notes import content_hash, sections_for
from mutuality.core.record.progress import MeasureKind, ObjectiveSpec, Status, progress
from mutuality.core.record.timeline import Event, EventKind, merge
from mutuality.core.record.versions import compare_plans

START, DUE = date(2026, 1, 5), date(2026, 3, 2)  # 8 weeks
LOG = ObjectiveSpec(MeasureKind.LOG, 1, START, DUE)


def week(n: int, day: int = 0) -> date:
    return START + timedelta(weeks=n, days=day)


@pytest.mark.parametrize(
    ("days", "today", "status", "fraction"),
    [
        ([], week(2), Status.NO_DATA, 0.0),
        ([week(0, 1), week(0, 3)], week(1), Status.IN_PROGRESS, 1 / 8),  # two in one week
        ([week(0), week(1), week(3)], week(4), Status.IN_PROGRESS, 3 / 8),
        ([week(n, 2) for n in range(8)], week(8), Status.ACHIEVED, 1.0),
        ([week(0)], DUE + timedelta(days=1), Status.NOT_ACHIEVED, 1 / 8),
        ([START - timedelta(days=1), week(9)], week(9), Status.NOT_ACHIEVED, 0.0),  # outside
    ],
)
def test_it_counts_log_weeks_toward_the_target(days, today, status, fraction):
    result = progress(LOG, [(d, 1.0) for d in days], today)
    assert result.status is status
    assert result.fraction == pytest.approx(fraction)


def test_it_asks_for_as_many_entries_a_week_as_the_target():
    twice = ObjectiveSpec(MeasureKind.LOG, 2, START, DUE)
    result = progress(twice, [(week(0), 1), (week(0, 2), 1), (week(1), 1)], week(2))
    assert result.fraction == pytest.approx(1 / 8)
    assert [v for _, v in result.points] == [2.0, 1.0, 0.0]


PHQ = ObjectiveSpec(MeasureKind.SCALE, 9, START, DUE, higher_is_better=False)


@pytest.mark.parametrize(
    ("values", "status", "fraction", "baseline", "latest"),
    [
        ([(week(0), 19)], Status.IN_PROGRESS, 0.0, 19, 19),
        ([(week(0), 19), (week(2), 14)], Status.IMPROVING, 0.5, 19, 14),
        ([(week(0), 19), (week(2), 21)], Status.WORSENING, 0.0, 19, 21),
        ([(week(0), 19), (week(2), 19)], Status.NO_CHANGE, 0.0, 19, 19),
        ([(week(0), 19), (week(4), 8)], Status.ACHIEVED, 1.0, 19, 8),
        # the last score before the start is the baseline; older ones are ignored
        ([(week(-3), 25), (week(-1), 17), (week(3), 13)], Status.IMPROVING, 0.5, 17, 13),
    ],
)
def test_it_moves_a_scale_from_baseline_toward_the_target(
    values, status, fraction, baseline, latest
):
    result = progress(PHQ, values, week(5))
    assert (result.status, result.baseline, result.latest) == (status, baseline, latest)
    assert result.fraction == pytest.approx(fraction)


def test_it_rates_higher_as_better_and_marks_a_missed_due_date():
    rating = ObjectiveSpec(MeasureKind.RATING, 7, START, DUE)
    assert progress(rating, [(week(1), 3), (week(3), 5)], week(4)).fraction == pytest.approx(0.5)
    late = progress(rating, [(week(1), 3), (week(3), 5)], DUE + timedelta(days=1))
    assert late.status is Status.NOT_ACHIEVED


@pytest.mark.parametrize(
    ("kind", "target", "start", "due", "message"),
    [
        (MeasureKind.LOG, 1, DUE, START, "due date must come after"),
        (MeasureKind.LOG, 0.5, START, DUE, "whole number"),
    ],
)
def test_it_refuses_an_impossible_objective(kind, target, start, due, message):
    with pytest.raises(MutualityError, match=message):
        ObjectiveSpec(kind, target, start, due)


def test_it_hashes_note_content_canonically():
    a = {"sections": {"data": "x", "plan": "y"}, "signed_by": "alice"}
    b = {"signed_by": "alice", "sections": {"plan": "y", "data": "x"}}
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash({**a, "sections": {"data": "x.", "plan": "y"}})
    assert [s.key for s in sections_for("birp")] == ["behavior", "intervention", "response", "plan"]


FORMULATION = {
    "yearnings": ["to be known by her sister", " "],
    "strategies": [
        {"strategy": "going quiet", "where": "at family dinners", "protects": "being mocked",
         "relationship": 7},
        {"strategy": "", "where": "ignored: no strategy"},
    ],
    "relational_images": [{"words": "If I need people they leave", "origin": "childhood",
                           "status": "shifting"}],
    "controlling_images": [{"image": "the strong one", "source": "family and church",
                            "internalised": "largely"}],
    "resilience": ["her choir"],
    "therapy_power_culture": "We differ in class and age.",
    "clinician_location": "white, middle-class, cis woman",
}  # fmt: skip


def test_it_summarises_a_formulation_in_a_fixed_order():
    parsed = fm.parse(FORMULATION)
    assert len(parsed.strategies) == 1
    assert parsed.yearnings == ("to be known by her sister",)
    text = fm.summary(parsed, "Riley", {7: "Sister"})
    assert text[0] == (
        "The central relational paradox. Riley yearns for to be known by her sister. To stay "
        "safe, they keep parts of themselves out of connection: going quiet (with Sister), "
        "shown at family dinners, which protects against being mocked."
    )
    assert (
        text[1]
        == "Relational images at play: “If I need people they leave”, learned childhood (shifting)."
    )
    assert (
        text[2]
        == "Controlling images: “the strong one” from family and church, largely internalised."
    )
    assert text[-1].endswith("The clinician's own social location: white, middle-class, cis woman.")
    assert fm.parse(parsed.as_dict()) == parsed  # round trip


def test_it_compares_two_formulation_versions():
    before = fm.parse(FORMULATION)
    later = dict(FORMULATION)
    later["relational_images"] = [{**FORMULATION["relational_images"][0], "status": "revised"}]
    later["resilience"] = ["her choir", "a new friend at work"]
    changes = {c.section: c for c in fm.compare(before, fm.parse(later))}
    assert set(changes) == {"Relational images", "Relational resilience"}
    assert changes["Relational images"].changed == (
        "“If I need people they leave” (shifting) → “If I need people they leave” (revised)",
    )
    assert changes["Relational resilience"].added == ("a new friend at work",)
    assert fm.compare(before, before) == []


def test_it_refuses_a_formulation_with_a_bad_status():
    with pytest.raises(MutualityError, match="relational image 1: 'gone' is not one of"):
        fm.parse({"relational_images": [{"words": "x", "status": "gone"}]})


def test_it_orders_the_timeline_newest_first_and_filters_by_kind():
    events = [
        Event(date(2026, 1, 1), EventKind.SESSION, "a"),
        Event(date(2026, 2, 1), EventKind.LOG, "b"),
        Event(date(2026, 1, 15), EventKind.NOTE, "c"),
    ]
    assert [e.title for e in merge(events)] == ["b", "c", "a"]
    assert [e.title for e in merge(events, {EventKind.SESSION, EventKind.NOTE})] == ["c", "a"]


def test_it_describes_what_changed_between_plan_versions():
    objective = {"id": 1, "behaviour": "Share once a week", "target": 1, "due": "2026-03-01"}
    goal = {"id": 1, "title": "Reduce isolation", "objectives": [objective]}
    before = {"review_due": None, "goals": [goal]}
    after = {
        "review_due": "2026-04-01",
        "goals": [
            {**goal, "objectives": [{**objective, "target": 2}]},
            {"id": 2, "title": "Restore zest", "objectives": []},
        ],
    }
    assert compare_plans(before, after) == [
        "Review date: — → 2026-04-01",
        "Objective 'Share once a week': target 1 → 2",
        "Goal added: Restore zest",
    ]
