"""An objective's progress reads only what follows its start and the baseline day before
it, and says what the whole history says."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuality.core.measures import built_in
from mutuality.core.measures.scoring import kept_scores, score
from mutuality.core.record.progress import MeasureKind, progress
from mutuality.logs.models import LogEntry
from mutuality.measures.models import Administration
from mutuality.plans.models import Objective, ObjectiveRating
from mutuality.plans.progress import _baseline, _last_day, objective_progress, observations
from mutuality.sessions.models import TherapySession
from mutuality.site.dates import local_day

TODAY = date(2026, 6, 1)
FIRST = TODAY - timedelta(days=120)
DAYS = st.integers(min_value=0, max_value=119).map(lambda n: FIRST + timedelta(days=n))
# A PHQ-9: nine answers, or five (too many missing to score: a row the chart skips).
ANSWERS = st.lists(st.integers(0, 3), min_size=9, max_size=9).map(
    lambda v: {f"q{n}": x for n, x in enumerate(v, start=1)}
) | st.just({f"q{n}": 1 for n in range(1, 6)})
HOURS = st.sampled_from([0, 9, 23])  # the edges of a local day as well as its middle
ZONES = st.sampled_from(["UTC", "America/New_York", "Pacific/Auckland"])
RUNS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def goal(plan_with_log_goal):
    return plan_with_log_goal[1].goal


def objective(goal, kind: MeasureKind, start: date, **fields) -> Objective:
    Objective.objects.filter(goal=goal).delete()
    return Objective.objects.create(
        goal=goal, behaviour="b", measure_kind=kind, target=fields.pop("target", 5),
        start=start, due=start + timedelta(days=56), **fields,
    )  # fmt: skip


@RUNS
@given(st.lists(st.tuples(DAYS, HOURS, ANSWERS, st.booleans()), max_size=12), DAYS, ZONES)
def test_a_scale_objective_matches_its_whole_history(goal, taken, start, zone):
    """Rows with their scores kept (as answers are saved) and without (from an older
    backup, scored when read) alike."""
    client = goal.plan.client
    Administration.objects.filter(client=client).delete()
    phq9 = built_in("phq9")
    with timezone.override(zone):
        for day, hour, answers, kept in taken:
            Administration.objects.create(
                client=client, instrument="phq9", version=phq9.version, answers=answers,
                scores=kept_scores(score(phq9, answers)) if kept else None,
                taken_at=timezone.make_aware(datetime.combine(day, time(hour))), source="clinician",
            )  # fmt: skip
        o = objective(goal, MeasureKind.SCALE, start, instrument="phq9", scale="total")
        whole = [
            (local_day(a.taken_at), score(phq9, a.answers).scale("total").raw)
            for a in Administration.objects.filter(client=client)
        ]
        expected = progress(o.spec(False), [(d, v) for d, v in whole if v is not None], TODAY)
        read, higher_is_better = observations(o)
        assert not higher_is_better
        assert objective_progress(o, TODAY) == expected
        # Only the baseline day is read from before the start.
        assert len({d for d, _ in read if d <= start}) <= 1


@RUNS
@given(st.lists(st.tuples(DAYS, st.integers(0, 10)), max_size=8, unique_by=lambda r: r[0]), DAYS)
def test_a_rating_objective_matches_its_whole_history(goal, alice, rated, start):
    client = goal.plan.client
    TherapySession.objects.filter(client=client).delete()
    o = objective(goal, MeasureKind.RATING, start, target=8)
    for day, value in rated:
        s = TherapySession.objects.create(client=client, held_on=day)
        ObjectiveRating.objects.create(objective=o, session=s, value=value, rated_by=alice)
    expected = progress(o.spec(), [(d, float(v)) for d, v in rated], TODAY)
    assert objective_progress(o, TODAY) == expected


@RUNS
@given(st.lists(DAYS, max_size=20), DAYS)
def test_a_log_objective_matches_its_whole_history(goal, logged, start):
    client = goal.plan.client
    LogEntry.objects.filter(client=client).delete()
    o = objective(goal, MeasureKind.LOG, start, log_kind="disclosure", target=1)
    for day in logged:
        LogEntry.objects.create(client=client, kind="disclosure", on=day)
    expected = progress(o.spec(), [(d, 1.0) for d in logged], TODAY)
    assert objective_progress(o, TODAY) == expected


@given(
    st.lists(st.tuples(DAYS, st.none() | st.floats(0, 27)), max_size=14).map(
        lambda rows: sorted(rows, key=lambda r: r[0], reverse=True)
    ),
    st.integers(1, 15),
)
def test_the_baseline_from_the_newest_rows_is_what_reading_them_all_finds(rows, limit):
    """`observations` reads the baseline from a statement's `limit` newest rows before the
    start, and reads on only when those do not settle it: whatever the rows (days with
    several, rows without a value) and the limit, the answer is reading newest first."""
    read_on = []

    def newest_first():
        read_on.append(True)
        return iter(rows)

    assert _baseline(rows[:limit], newest_first, limit) == _last_day(rows)
    if len(rows) < limit:
        assert not read_on  # all there were: nothing more to read
