"""Date rules shared by forms that record something that has already happened, and local
days: as spans of time for queries, and as the day a stored moment fell on."""

from datetime import date, datetime, time, timedelta, tzinfo

from django import forms
from django.db.models import Q
from django.utils import timezone


def not_in_future(on: date, today: date) -> date:
    """The date itself, or a form error: sessions, answers and assessments are in the past."""
    if on > today:
        raise forms.ValidationError(f"The date {on:%d %b %Y} is in the future.")
    return on


def during(field: str, first: date, last: date) -> Q:
    """`field` (a timestamp) falls on one of the local days `first` to `last`: from the
    start of `first` to the start of the day after `last` in the practice's time zone. The
    database compares the column itself (on its index), where `__date` converts every row,
    on SQLite in a Python function per row."""
    return Q(**{f"{field}__gte": day_start(first), f"{field}__lt": day_start(last, after=True)})


def day_start(on: date, *, after: bool = False) -> datetime:
    """The moment the local day `on` starts, or with `after` the moment it ends."""
    return timezone.make_aware(datetime.combine(on + timedelta(days=after), time.min))


def local_day(moment: datetime, zone: tzinfo | None = None) -> date:
    """The practice's calendar day of a stored moment. Moments are kept in UTC, so their own
    `.date()` is UTC's: an answer given at 21:00 in New York is already the next day there.
    A loop over many rows passes `zone` (`timezone.get_current_timezone()`) once."""
    return moment.astimezone(zone or timezone.get_current_timezone()).date()
