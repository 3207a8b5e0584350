"""The templates' `day` and `day_time` filters (site.jinja) print what Django's `date`
filter prints, and `during` selects the days that Django's `__date` lookup selects."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template.defaultfilters import date as django_date
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from mutuality.site.dates import during, local_day
from mutuality.site.days import day

AWARE = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1)).map(
    lambda d: d.replace(tzinfo=UTC)
)


@given(st.dates())
def test_day_prints_a_date_as_django_does(on):
    assert day(on) == django_date(on, "j M Y")


@given(AWARE)
def test_day_and_day_time_print_a_moment_in_the_practice_time_zone(at):
    from django.template import engines

    ours = engines["jinja2"].from_string("{{ m|day }}|{{ m|day_time }}")
    djangos = engines["django"].from_string('{{ m|date:"j M Y" }}|{{ m|date:"j M Y, H:i" }}')
    with timezone.override("Pacific/Auckland"):
        assert ours.render({"m": at}) == djangos.render({"m": at})


def test_empty_values_print_nothing(settings):
    from django.template import engines

    page = engines["jinja2"].from_string("[{{ a|day }}][{{ b|day_time or 'never' }}]")
    assert page.render({"a": None, "b": ""}) == "[][never]"
    moment = datetime(2026, 3, 5, 23, 30, tzinfo=UTC)
    with timezone.override("Pacific/Auckland"):
        shown = engines["jinja2"].from_string("{{ m|day_time }}").render({"m": moment})
    assert shown == "6 Mar 2026, 12:30"  # the next day there: converted before printing
    assert day(date(2026, 1, 9)) == "9 Jan 2026"


ZONES = ("UTC", "Europe/London", "America/Santiago", "Pacific/Auckland", "Asia/Kolkata")
# Around a change of clocks each way (Santiago's happen at midnight), and an ordinary day.
AROUND = (date(2026, 3, 29), date(2026, 4, 5), date(2026, 9, 6), date(2026, 10, 25))


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ZONES)
def test_during_selects_what_date_selects_without_converting_each_row(zone):
    """`during` picks out the same rows as Django's `__date` range in the practice's time
    zone, every 20 minutes across changes of clocks, for one day and for spans of days."""
    from django.contrib.sessions.models import Session

    starts = [datetime.combine(d, datetime.min.time(), UTC) - timedelta(days=2) for d in AROUND]
    moments = [s + timedelta(minutes=20 * n) for s in starts for n in range(3 * 24 * 6)]
    Session.objects.bulk_create(
        Session(session_key=f"k{n:08d}", session_data="", expire_date=m)
        for n, m in enumerate(moments)
    )
    with timezone.override(zone):
        for first in AROUND:
            for last in (first, first + timedelta(days=2)):
                expected = set(
                    Session.objects.filter(expire_date__date__range=(first, last)).values_list(
                        "pk", flat=True
                    )
                )
                found = Session.objects.filter(during("expire_date", first, last))
                assert expected, (zone, first)
                assert set(found.values_list("pk", flat=True)) == expected, (zone, first, last)


@given(AWARE, st.sampled_from(ZONES))
def test_local_day_is_the_day_in_the_practice_time_zone(at, zone):
    with timezone.override(zone):
        assert local_day(at) == timezone.localdate(at)
        assert local_day(at, timezone.get_current_timezone()) == timezone.localdate(at)


@pytest.mark.django_db
def test_an_answer_late_in_the_evening_is_charted_and_listed_on_that_local_day(alice_client):
    """21:30 in New York is 02:30 the next day in UTC, where moments are kept."""
    from mutuality.core.measures import built_in
    from mutuality.measures import actions, progress
    from mutuality.record import timeline

    evening = datetime(2026, 3, 3, 2, 30, tzinfo=UTC)
    actions.record_administration(
        client=alice_client, instrument=built_in("phq9"),
        answers={f"q{n}": 1 for n in range(1, 10)}, taken_at=evening, by=alice_client.clinician,
    )  # fmt: skip
    with timezone.override("America/New_York"):
        series = progress.series_by_instrument(progress.rows_for(alice_client))
        (point,) = series["phq9"][1]["total"]
        assert point.on == date(2026, 3, 2)
        events = timeline.events(alice_client, date(2026, 3, 1), date(2026, 3, 3))
        assert [e.on for e in events if e.kind == "measure"] == [date(2026, 3, 2)]
