"""Date filters for the pages (site.jinja): `{{ x|day }}` reads "5 Mar 2026"
and `{{ x|day_time }}` "5 Mar 2026, 14:05", as Django's `date:"j M Y"` and
`date:"j M Y, H:i"` would print them (English month names; datetimes in the practice's
time zone), at a fraction of the cost: a year of timeline or a page of the caseload prints
hundreds of dates, and the general-purpose `date` filter parses its format every time."""

from datetime import date, datetime

from mutuality.core.charts_svg import MONTHS


def day(value: object) -> str:
    if not isinstance(value, date):
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year:04d}"


def day_time(value: object) -> str:
    if not isinstance(value, datetime):
        return day(value)
    return f"{day(value)}, {value.hour:02d}:{value.minute:02d}"
