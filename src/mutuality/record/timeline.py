"""Gathers a client's events from every app for the timeline, one span of dates at a time
(a year of a long history is what a page draws), each kind in one query."""

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mutuality.clients.models import Client
from mutuality.core.record.timeline import Event, EventKind
from mutuality.formulations.models import Formulation
from mutuality.logs.models import LogEntry, LogKind
from mutuality.maps.models import RelationshipAssessment
from mutuality.measures.models import Administration
from mutuality.notes.models import Addendum, SessionNote
from mutuality.plans.models import PlanVersion
from mutuality.sessions.models import TherapySession
from mutuality.site.days import day
from mutuality.site.links import url_pattern


def events(client: Client, since: date, until: date) -> list[Event]:
    """The client's events dated from `since` to `until`, inclusive."""
    out: list[Event] = []
    session_url, note_url = url_pattern("session"), url_pattern("note-print")
    sessions = TherapySession.objects.filter(client=client, held_on__range=(since, until))
    for s in sessions:
        out.append(
            Event(s.held_on, EventKind.SESSION, f"Session ({s.get_modality_display().lower()})",
                  f"{s.duration_minutes} minutes", session_url.format(s.pk), s.pk)
        )  # fmt: skip
    notes = SessionNote.objects.filter(session__client=client).select_related("session")
    for n in notes.filter(
        Q(signed_at__date__range=(since, until))
        | Q(signed_at__isnull=True, updated_at__date__range=(since, until))
    ):
        title = "Note signed" if n.is_signed else "Note drafted"
        on = n.signed_at.date() if n.signed_at else n.updated_at.date()
        out.append(
            Event(on, EventKind.NOTE, title, f"for the session of {n.session.held_on:%d %b %Y}",
                  note_url.format(n.session_id), n.pk)
        )  # fmt: skip
    addenda = Addendum.objects.filter(
        note__session__client=client, signed_at__date__range=(since, until)
    )
    for a in addenda.select_related("note"):
        out.append(
            Event(a.signed_at.date(), EventKind.NOTE, "Addendum signed", "",
                  note_url.format(a.note.session_id), a.pk)
        )  # fmt: skip
    measures = Administration.objects.filter(client=client, taken_at__date__range=(since, until))
    administration_url = url_pattern("administration")
    for adm in measures.only("instrument", "taken_at", "source"):
        out.append(
            Event(adm.taken_at.date(), EventKind.MEASURE, adm.instrument, adm.get_source_display(),
                  administration_url.format(adm.pk), adm.pk)
        )  # fmt: skip
    assessments = RelationshipAssessment.objects.filter(
        relationship__client=client, assessed_on__range=(since, until)
    )
    relationship_url = url_pattern("relationship")
    for ra in assessments.select_related("relationship"):
        out.append(
            Event(ra.assessed_on, EventKind.MAP, f"Map: {ra.relationship.name} assessed", "",
                  relationship_url.format(ra.relationship_id), ra.pk)
        )  # fmt: skip
    page = reverse("formulation", args=[client.pk])
    for f in Formulation.objects.filter(client=client, as_of__range=(since, until)):
        out.append(
            Event(f.as_of, EventKind.FORMULATION, f"Formulation version {f.version}",
                  "shared with the client" if f.shared_with_client else "",
                  f"{page}?a={max(f.version - 1, 1)}&b={f.version}",
                  f.pk)
        )  # fmt: skip
    versions = PlanVersion.objects.filter(
        plan__client=client, created_at__date__range=(since, until)
    )
    for v in versions:
        out.append(
            Event(v.created_at.date(), EventKind.PLAN, f"Plan version {v.number}", v.change,
                  reverse("plan-versions", args=[client.pk]), v.pk)
        )  # fmt: skip
    for e in LogEntry.objects.filter(client=client, on__range=(since, until)):
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
