"""Gathers a client's events from every app for the timeline, one span of dates at a time
(a year of a long history is what a page draws), each kind in one query."""

from datetime import date
from html import escape  # as Django's escape, without its check for lazy text per call

from django.db.models import Q
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
from mutuality.sessions.models import TherapySession
from mutuality.site.dates import during, local_day
from mutuality.site.days import day
from mutuality.site.links import url_pattern


def events(client: Client, since: date, until: date) -> list[Event]:
    """The client's events dated from `since` to `until`, inclusive."""
    out: list[Event] = []
    zone = timezone.get_current_timezone()
    # Each kind reads only the columns it shows: the sealed words of notes, addenda,
    # formulations and logs stay sealed (a year of a long history is hundreds of rows).
    session_url, note_url = url_pattern("session"), url_pattern("note-print")
    modality = dict(TherapySession.Modality.choices)
    sessions = TherapySession.objects.filter(client=client, held_on__range=(since, until))
    for pk, held_on, how, minutes in sessions.values_list(
        "pk", "held_on", "modality", "duration_minutes"
    ):
        out.append(
            Event(held_on, EventKind.SESSION, f"Session ({modality[how].lower()})",
                  f"{minutes} minutes", session_url.format(pk), pk)
        )  # fmt: skip
    notes = SessionNote.objects.filter(session__client=client).filter(
        during("signed_at", since, until)
        | Q(signed_at__isnull=True) & during("updated_at", since, until)
    )
    for pk, signed_at, updated_at, session_id, held_on in notes.values_list(
        "pk", "signed_at", "updated_at", "session_id", "session__held_on"
    ):
        title = "Note signed" if signed_at else "Note drafted"
        on = local_day(signed_at or updated_at, zone)
        out.append(
            Event(on, EventKind.NOTE, title, f"for the session of {held_on:%d %b %Y}",
                  note_url.format(session_id), pk)
        )  # fmt: skip
    addenda = Addendum.objects.filter(
        during("signed_at", since, until), note__session__client=client
    )
    for pk, signed_at, session_id in addenda.values_list("pk", "signed_at", "note__session_id"):
        out.append(
            Event(local_day(signed_at, zone), EventKind.NOTE, "Addendum signed", "",
                  note_url.format(session_id), pk)
        )  # fmt: skip
    measures = Administration.objects.filter(during("taken_at", since, until), client=client)
    administration_url = url_pattern("administration")
    source = dict(Administration.Source.choices)
    titles: dict[str, str] = {}
    for pk, instrument, taken_at, how in measures.values_list(
        "pk", "instrument", "taken_at", "source"
    ):
        if instrument not in titles:
            titles[instrument] = title_of(instrument)
        out.append(
            Event(local_day(taken_at, zone), EventKind.MEASURE, titles[instrument], source[how],
                  administration_url.format(pk), pk)
        )  # fmt: skip
    assessments = RelationshipAssessment.objects.filter(
        relationship__client=client, assessed_on__range=(since, until)
    )
    relationship_url = url_pattern("relationship")
    for pk, on, relationship_id, name in assessments.values_list(
        "pk", "assessed_on", "relationship_id", "relationship__name"
    ):
        out.append(
            Event(on, EventKind.MAP, f"Map: {name} assessed", "",
                  relationship_url.format(relationship_id), pk)
        )  # fmt: skip
    page = reverse("formulation", args=[client.pk])
    formulations = Formulation.objects.filter(client=client, as_of__range=(since, until))
    for f in formulations.only("pk", "version", "as_of", "shared_with_client"):
        out.append(
            Event(f.as_of, EventKind.FORMULATION, f"Formulation version {f.version}",
                  "shared with the client" if f.shared_with_client else "",
                  f"{page}?a={max(f.version - 1, 1)}&b={f.version}",
                  f.pk)
        )  # fmt: skip
    versions = PlanVersion.objects.filter(during("created_at", since, until), plan__client=client)
    versions_page = reverse("plan-versions", args=[client.pk])
    for v in versions:
        out.append(
            Event(local_day(v.created_at, zone), EventKind.PLAN, f"Plan version {v.number}",
                  v.change, versions_page, v.pk)
        )  # fmt: skip
    for e in LogEntry.objects.filter(client=client, on__range=(since, until)).only("on", "kind"):
        out.append(
            Event(e.on, EventKind.LOG, f"Client log: {LogKind(e.kind).label.lower()}", "", "",
                  e.pk)
        )  # fmt: skip
    return out


def items(events: list[Event]) -> SafeString:
    """The timeline's list items, built in Python: a year of a long history is hundreds of
    events, and the template engine spends a tenth of a millisecond on each. Every text
    and link is escaped here; the rest is the event's date and a fixed kind."""
    out = []
    for e in events:
        title = f'<a href="{escape(e.url)}">{escape(e.title)}</a>' if e.url else escape(e.title)
        detail = f' <span class="muted small">· {escape(e.detail)}</span>' if e.detail else ""
        out.append(
            f'<li><time datetime="{e.on.isoformat()}">{day(e.on)}</time>'
            f'<span class="tag">{e.kind.value}</span><span>{title}{detail}</span></li>'
        )
    return mark_safe("\n".join(out))  # noqa: S308 - every part above is escaped
