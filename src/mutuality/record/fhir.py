"""A client's record as one FHIR R4 collection Bundle: Patient, CarePlan with Goals,
Encounters, signed notes as DocumentReferences, and every administration as a
QuestionnaireResponse with Observations. Private process notes and supervision
reflections are never part of it; draft notes are not either (only signed ones are
record).

Each resource's id names the Mutuality row it came from (`note-12`), and references use
`urn:uuid` full URLs derived from those ids, so the Bundle resolves inside itself and an
import can map every resource back to its source.
"""

import base64
import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from mutuality.clients.models import Client
from mutuality.core.measures.model import Instrument
from mutuality.core.measures.scoring import score
from mutuality.core.record.progress import MeasureKind
from mutuality.measures.fhir import administration_resources
from mutuality.measures.models import Administration
from mutuality.measures.registry import get_instrument, questionnaire_url
from mutuality.notes.actions import note_view
from mutuality.notes.models import Addendum, SessionNote
from mutuality.plans.models import Objective, TreatmentPlan
from mutuality.plans.progress import objective_progress
from mutuality.practices.models import name_of
from mutuality.sessions.models import TherapySession

NAMESPACE = uuid.UUID("5b0d7b1e-7d53-4a8e-9f0a-6d1c2f3e4a5b")
HASH_SYSTEM = "urn:mutuality:note-content-sha256"
ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ENCOUNTER_CLASS = {"in-person": ("AMB", "ambulatory"), "video": ("VR", "virtual"),
                   "phone": ("VR", "virtual")}  # fmt: skip


def full_url(resource_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, resource_id)}"


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": full_url(resource["id"]), "resource": resource}


def _ref(resource_id: str, display: str | None = None) -> dict[str, str]:
    ref = {"reference": full_url(resource_id)}
    if display:
        ref["display"] = display
    return ref


def _patient(client: Client, with_details: bool) -> dict[str, Any]:
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": f"client-{client.pk}",
        "active": client.status == Client.Status.ACTIVE,
        "name": [{"use": "usual", "text": client.display_name}],
    }
    if with_details:
        if client.date_of_birth:
            patient["birthDate"] = client.date_of_birth.isoformat()
        telecom = [{"system": "email", "value": client.email}] if client.email else []
        telecom += [{"system": "phone", "value": client.phone}] if client.phone else []
        if telecom:
            patient["telecom"] = telecom
    return patient


def _goal(o: Objective, patient: str, now: datetime) -> dict[str, Any]:
    result = objective_progress(o, timezone.localdate(now))
    target: dict[str, Any] = {"measure": {"text": o.measured_by()}, "dueDate": o.due.isoformat()}
    if o.measure_kind == MeasureKind.LOG:
        target["detailQuantity"] = {"value": o.target, "unit": "entries per week"}
    else:
        target["detailQuantity"] = {"value": o.target}
    return {
        "resourceType": "Goal",
        "id": f"objective-{o.pk}",
        "lifecycleStatus": "completed" if o.goal.closed else "active",
        "achievementStatus": {
            "coding": [{"system": ACHIEVEMENT, "code": result.status.value}],
            "text": result.summary,
        },
        "description": {"text": o.behaviour},
        "subject": _ref(patient),
        "startDate": o.start.isoformat(),
        "target": [target],
        "note": [{"text": f"Goal: {o.goal.title}"}],
    }


def _care_plan(plan: TreatmentPlan, patient: str, goal_ids: list[str]) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": f"plan-{plan.pk}",
        "status": "active",
        "intent": "plan",
        "title": "Treatment plan",
        "description": "; ".join(g.title for g in plan.goals.all()) or "No goals yet",
        "subject": _ref(patient),
        "created": plan.created_at.isoformat(),
        "goal": [_ref(g) for g in goal_ids],
    }
    if plan.review_due:
        resource["period"] = {"end": plan.review_due.isoformat()}
    return resource


def _encounter(s: TherapySession, patient: str) -> dict[str, Any]:
    code, display = ENCOUNTER_CLASS[s.modality]
    tz = timezone.get_current_timezone()
    start = datetime.combine(s.held_on, s.start_time or datetime.min.time(), tzinfo=tz)
    period = {"start": start.isoformat()}
    if s.start_time:
        period["end"] = (start + timedelta(minutes=s.duration_minutes)).isoformat()
    return {
        "resourceType": "Encounter",
        "id": f"session-{s.pk}",
        "status": "finished",
        "class": {"system": ACT_CODE, "code": code, "display": display},
        "subject": _ref(patient),
        "period": period,
        "length": {"value": s.duration_minutes, "unit": "min",
                   "system": "http://unitsofmeasure.org", "code": "min"},
    }  # fmt: skip


def _attachment(text: str, title: str) -> dict[str, Any]:
    data = text.encode()
    return {
        "contentType": "text/plain; charset=utf-8",
        "data": base64.b64encode(data).decode(),
        "hash": base64.b64encode(hashlib.sha1(data, usedforsecurity=False).digest()).decode(),
        "title": title,
    }


def note_text(note: SessionNote) -> str:
    view = note_view(note)
    parts = [f"{s.label}:\n{text}" for s, text in view["sections"] if text]
    parts += [f"{s.label}:\n{text}" for s, text in view["process"] if text]
    return "\n\n".join(parts)


def _document(note: SessionNote, patient: str) -> list[dict[str, Any]]:
    assert note.signed_at is not None
    assert note.signed_by is not None
    doc_id = f"note-{note.pk}"
    author = {"display": name_of(note.signed_by)}
    out = [
        {
            "resourceType": "DocumentReference",
            "id": doc_id,
            "identifier": [{"system": HASH_SYSTEM, "value": note.content_hash}],
            "status": "current",
            "docStatus": "final",
            "type": {"text": f"Progress note ({note.form.upper()})"},
            "subject": _ref(patient),
            "date": note.signed_at.isoformat(),
            "author": [author],
            "authenticator": author,
            "content": [{"attachment": _attachment(note_text(note), "Session note")}],
            "context": {"encounter": [_ref(f"session-{note.session_id}")]},
        }
    ]
    for a in note.addenda.all():  # prefetched, with who signed them
        by = {"display": name_of(a.signed_by)}
        out.append(
            {
                "resourceType": "DocumentReference",
                "id": f"addendum-{a.pk}",
                "identifier": [{"system": HASH_SYSTEM, "value": a.content_hash}],
                "status": "current",
                "docStatus": "amended",
                "type": {"text": "Addendum to a progress note"},
                "subject": _ref(patient),
                "date": a.signed_at.isoformat(),
                "author": [by],
                "authenticator": by,
                "relatesTo": [{"code": "appends", "target": _ref(doc_id)}],
                "content": [{"attachment": _attachment(a.text, "Addendum")}],
                "context": {"encounter": [_ref(f"session-{note.session_id}")]},
            }
        )
    return out


def _administrations(client: Client, patient: str) -> list[dict[str, Any]]:
    subject = _ref(patient, client.display_name)
    # Each instrument and its Questionnaire, read once: an imported one is a statement each.
    read: dict[tuple[str, str], tuple[Instrument, str | None]] = {}
    out = []
    for adm in Administration.objects.filter(client=client).order_by("taken_at", "id"):
        if (key := (adm.instrument, adm.version)) not in read:
            read[key] = get_instrument(*key), questionnaire_url(*key)
        instrument, url = read[key]
        qr_id = f"administration-{adm.pk}"
        response, observations = administration_resources(
            score(instrument, adm.answers),
            adm.answers,
            taken_at=adm.taken_at,
            subject=subject,
            response_url=full_url(qr_id),
            questionnaire_url=url,
        )
        out.append(_entry({**response, "id": qr_id}))
        out += [_entry({**o, "id": f"{qr_id}-scale-{n}"}) for n, o in enumerate(observations, 1)]
    return out


def record_bundle(client: Client, *, now: datetime, with_details: bool = False) -> dict[str, Any]:
    """The whole exportable record as a validated FHIR R4 collection Bundle (JSON)."""
    patient = _patient(client, with_details)
    entries = [_entry(patient)]
    pid = patient["id"]
    plan = TreatmentPlan.objects.filter(client=client).first()
    if plan is not None:
        objectives = Objective.objects.filter(goal__plan=plan).select_related("goal__plan")
        goals = [_goal(o, pid, now) for o in objectives]
        entries.append(_entry(_care_plan(plan, pid, [g["id"] for g in goals])))
        entries += [_entry(g) for g in goals]
    sessions = TherapySession.objects.filter(client=client).order_by("held_on", "id")
    entries += [_entry(_encounter(s, pid)) for s in sessions]
    notes = SessionNote.objects.filter(session__client=client, signed_at__isnull=False)
    notes = notes.select_related("session", "signed_by__clinician").prefetch_related(
        Prefetch("addenda", Addendum.objects.select_related("signed_by__clinician"))
    )
    for note in notes.order_by("signed_at"):
        entries += [_entry(d) for d in _document(note, pid)]
    entries += _administrations(client, pid)
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "id": f"record-{client.pk}",
            "type": "collection",
            "timestamp": now.isoformat(),
            "entry": entries,
        }
    )
    result: dict[str, Any] = bundle.model_dump(mode="json", exclude_none=True)
    return result
