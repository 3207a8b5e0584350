"""Gathers a client's events from every app for the timeline, one span of dates at a time
(a year of a long history is what a page draws), each kind in one query."""

from datetime import date, timedelta
from html import escape  # as Django's escape, without its check for lazy text per call
from typing import Any

from django.db.models import DateTimeField, Model, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from mutuality.clients.models import Client
from mutuality.core.record.timeline import Event, EventKind
from mutuality.formulations.models import Formulation
from mutuality.logs.models import LogEntry, LogKind
from mutuality.maps.models import RelationshipAssessment
from mutuality.measures.models import Administration
from mutuality.measures.registry import title_of
from mutuality.notes.models import Addendum, SessionNote
from mutuality.plans.models import PlanVersion
from mutuality.sessions.models import MODALITY_LABELS, TherapySession
from mutuality.site.dates import day_start, local_day
from mutuality.site.days import day
from mutuality.site.links import url_pattern
from mutuality.site.prepared import FIRST_DAY, LAST_DAY, SOMEDAY, Prepared

# Each kind in one statement, built once (site.prepared), reading only the columns it shows:
# the sealed words of notes, addenda, formulations and logs stay sealed (a year of a long
# history is hundreds of rows). A day column is bound to the span's first and last day, a
# moment column to the local start of the first and of the day after the last.
START, END = SOMEDAY, SOMEDAY + timedelta(days=1)


def _within(model: type[Model], client: str, field: str, *columns: str) -> Prepared[Any]:
    moments = isinstance(model._meta.get_field(field), DateTimeField)
    below = "lt" if moments else "lte"
    return Prepared(
        lambda pk, low, high: model._default_manager.filter(
            **{client: pk, f"{field}__gte": low, f"{field}__{below}": high}
        ).values_list(*columns),
        -1,
        *((START, END) if moments else (FIRST_DAY, LAST_DAY)),
    )


SESSIONS = _within(
    TherapySession, "client_id", "held_on", "pk", "held_on", "modality", "duration_minutes"
)
NOTES = Prepared(  # signed in the span, or drafts last changed in it
    lambda client, start, end: SessionNote.objects.filter(session__client_id=client)
    .filter(
        Q(signed_at__gte=start, signed_at__lt=end)
        | Q(signed_at__isnull=True, updated_at__gte=start, updated_at__lt=end)
    )
    .values_list("pk", "signed_at", "updated_at", "session_id", "session__held_on"),
    -1, START, END,
)  # fmt: skip
ADDENDA = _within(
    Addendum, "note__session__client_id", "signed_at", "pk", "signed_at", "note__session_id"
)
MEASURES = _within(
    Administration, "client_id", "taken_at", "pk", "instrument", "taken_at", "source"
)
ASSESSMENTS = _within(
    RelationshipAssessment, "relationship__client_id", "assessed_on",
    "pk", "assessed_on", "relationship_id", "relationship__name",
)  # fmt: skip
FORMULATIONS = _within(
    Formulation, "client_id", "as_of", "pk", "version", "as_of", "shared_with_client"
)
PLAN_VERSIONS = _within(
    PlanVersion, "plan__client_id", "created_at", "pk", "number", "change", "created_at"
)
LOGS = _within(LogEntry, "client_id", "on", "pk", "on", "kind")


def events(client: Client, since: date, until: date) -> list[Event]:
    """The client's events dated from `since` to `until`, inclusive."""
    out: list[Event] = []
    zone = timezone.get_current_timezone()
    days = (client.pk, since, until)
    moments = (client.pk, day_start(since), day_start(until, after=True))
    session_url, note_url = url_pattern("session"), url_pattern("note-print")
    for pk, held_on, how, minutes in SESSIONS.rows(*days):
        out.append(
            Event(held_on, EventKind.SESSION, f"Session ({MODALITY_LABELS[how].lower()})",
                  f"{minutes} minutes", session_url.format(pk), pk)
        )  # fmt: skip
    for pk, signed_at, updated_at, session_id, held_on in NOTES.rows(*moments):
        title = "Note signed" if signed_at else "Note drafted"
        on = local_day(signed_at or updated_at, zone)
        out.append(
            Event(on, EventKind.NOTE, title, f"for the session of {held_on:%d %b %Y}",
                  note_url.format(session_id), pk)
        )  # fmt: skip
    for pk, signed_at, session_id in ADDENDA.rows(*moments):
        out.append(
            Event(local_day(signed_at, zone), EventKind.NOTE, "Addendum signed", "",
                  note_url.format(session_id), pk)
        )  # fmt: skip
    administration_url = url_pattern("administration")
    source = dict(Administration.Source.choices)
    titles: dict[str, str] = {}
    measure = EventKind.MEASURE  # looked up once: a year of weekly check-ins is hundreds
    for pk, instrument, taken_at, how in MEASURES.rows(*moments):
        if instrument not in titles:
            titles[instrument] = title_of(instrument)
        out.append(
            Event(local_day(taken_at, zone), measure, titles[instrument], source[how],
                  administration_url.format(pk), pk)
        )  # fmt: skip
    relationship_url = url_pattern("relationship")
    for pk, on, relationship_id, name in ASSESSMENTS.rows(*days):
        out.append(
            Event(on, EventKind.MAP, f"Map: {name} assessed", "",
                  relationship_url.format(relationship_id), pk)
        )  # fmt: skip
    page = reverse("formulation", args=[client.pk])
    for pk, version, as_of, shared in FORMULATIONS.rows(*days):
        out.append(
            Event(as_of, EventKind.FORMULATION, f"Formulation version {version}",
                  "shared with the client" if shared else "",
                  f"{page}?a={max(version - 1, 1)}&b={version}", pk)
        )  # fmt: skip
    versions_page = reverse("plan-versions", args=[client.pk])
    for pk, number, change, created_at in PLAN_VERSIONS.rows(*moments):
        out.append(
            Event(local_day(created_at, zone), EventKind.PLAN, f"Plan version {number}",
                  change, versions_page, pk)
        )  # fmt: skip
    for pk, on, kind in LOGS.rows(*days):
        out.append(
            Event(on, EventKind.LOG, f"Client log: {LogKind(kind).label.lower()}", "", "", pk)
        )  # fmt: skip
    return out


def items(events: list[Event]) -> SafeString:
    """The timeline's list items, built in Python: a year of a long history is hundreds of
    events, and the template engine spends a tenth of a millisecond on each. Every text
    and link is escaped here; the rest is the event's date and a fixed kind."""
    out = []
    escaped: dict[str, str] = {}  # titles and details repeat: a year of weekly check-ins

    def esc(text: str) -> str:
        if (done := escaped.get(text)) is None:
            done = escaped[text] = escape(text)
        return done

    for e in events:  # (a kind's `_value_` is its value, without the enum property's steps)
        title = f'<a href="{escape(e.url)}">{esc(e.title)}</a>' if e.url else esc(e.title)
        detail = f' <span class="muted small">· {esc(e.detail)}</span>' if e.detail else ""
        out.append(
            f'<li><time datetime="{e.on.isoformat()}">{day(e.on)}</time>'
            f'<span class="tag">{e.kind._value_}</span><span>{title}{detail}</span></li>'
        )
    return mark_safe("\n".join(out))  # noqa: S308 - every part above is escaped
