"""Gathers a client's events from every app for the timeline."""

from django.urls import reverse

from mutuality.clients.models import Client
from mutuality.core.record.timeline import Event, EventKind
from mutuality.formulations.models import Formulation
from mutuality.logs.models import LogEntry, LogKind
from mutuality.maps.models import RelationshipAssessment
from mutuality.measures.models import Administration
from mutuality.notes.models import Addendum, SessionNote
from mutuality.plans.models import PlanVersion
from mutuality.sessions.models import TherapySession


def events(client: Client) -> list[Event]:
    out: list[Event] = []
    for s in TherapySession.objects.filter(client=client):
        out.append(
            Event(s.held_on, EventKind.SESSION, f"Session ({s.get_modality_display().lower()})",
                  f"{s.duration_minutes} minutes", reverse("session", args=[s.pk]), s.pk)
        )  # fmt: skip
    for n in SessionNote.objects.filter(session__client=client).select_related("session"):
        title = "Note signed" if n.is_signed else "Note drafted"
        on = n.signed_at.date() if n.signed_at else n.updated_at.date()
        out.append(
            Event(on, EventKind.NOTE, title, f"for the session of {n.session.held_on:%d %b %Y}",
                  reverse("note-print", args=[n.session_id]), n.pk)
        )  # fmt: skip
    for a in Addendum.objects.filter(note__session__client=client).select_related("note"):
        out.append(
            Event(a.signed_at.date(), EventKind.NOTE, "Addendum signed", "",
                  reverse("note-print", args=[a.note.session_id]), a.pk)
        )  # fmt: skip
    for adm in Administration.objects.filter(client=client).only("instrument", "taken_at"):
        out.append(
            Event(adm.taken_at.date(), EventKind.MEASURE, adm.instrument, adm.get_source_display(),
                  reverse("administration", args=[adm.pk]), adm.pk)
        )  # fmt: skip
    assessments = RelationshipAssessment.objects.filter(relationship__client=client)
    for ra in assessments.select_related("relationship"):
        out.append(
            Event(ra.assessed_on, EventKind.MAP, f"Map: {ra.relationship.name} assessed", "",
                  reverse("relationship", args=[ra.relationship_id]), ra.pk)
        )  # fmt: skip
    page = reverse("formulation", args=[client.pk])
    for f in Formulation.objects.filter(client=client):
        out.append(
            Event(f.as_of, EventKind.FORMULATION, f"Formulation version {f.version}",
                  "shared with the client" if f.shared_with_client else "",
                  f"{page}?a={max(f.version - 1, 1)}&b={f.version}",
                  f.pk)
        )  # fmt: skip
    for v in PlanVersion.objects.filter(plan__client=client):
        out.append(
            Event(v.created_at.date(), EventKind.PLAN, f"Plan version {v.number}", v.change,
                  reverse("plan-versions", args=[client.pk]), v.pk)
        )  # fmt: skip
    for e in LogEntry.objects.filter(client=client):
        out.append(
            Event(e.on, EventKind.LOG, f"Client log: {LogKind(e.kind).label.lower()}", "", "",
                  e.pk)
        )  # fmt: skip
    return out
