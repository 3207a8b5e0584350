"""The built-in `day` and `day_time` filters print what Django's `date` filter prints."""

from datetime import UTC, date, datetime

from django.template.defaultfilters import date as django_date
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

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

    ours = engines["django"].from_string("{{ m|day }}|{{ m|day_time }}")
    djangos = engines["django"].from_string('{{ m|date:"j M Y" }}|{{ m|date:"j M Y, H:i" }}')
    with timezone.override("Pacific/Auckland"):
        assert ours.render({"m": at}) == djangos.render({"m": at})


def test_empty_values_print_nothing(settings):
    from django.template import engines

    page = engines["django"].from_string("[{{ a|day }}][{{ b|day_time|default:'never' }}]")
    assert page.render({"a": None, "b": ""}) == "[][never]"
    moment = datetime(2026, 3, 5, 23, 30, tzinfo=UTC)
    with timezone.override("Pacific/Auckland"):
        shown = engines["django"].from_string("{{ m|day_time }}").render({"m": moment})
    assert shown == "6 Mar 2026, 12:30"  # the next day there: converted before printing
    assert day(date(2026, 1, 9)) == "9 Jan 2026"
