"""The demo practice's audit trail, written from its own history in date order.

Each signed note, addendum, plan version, formulation version and administration entered
in session becomes the entry that would have been written when it happened (the demo is
loaded in one go, so the entries are reconstructed after it, then chained in time order).
"""

from datetime import datetime, time
from typing import Any

from django.utils import timezone

from mutuality.audit.actions import record
from mutuality.audit.models import Action
from mutuality.clients.models import Client
from mutuality.formulations.models import Formulation
from mutuality.measures.models import Administration
from mutuality.notes.models import Addendum, Cosignature, SessionNote
from mutuality.plans.models import PlanVersion


def load_demo_audit() -> int:
    events: list[tuple[datetime, dict[str, Any]]] = []

    def add(at: datetime, **entry: Any) -> None:
        events.append((at, {"detail": "demo history", **entry}))

    for c in Client.objects.select_related("clinician"):
        start = timezone.make_aware(datetime.combine(c.start_date, time(9)))
        add(
            start,
            action=Action.CREATE,
            actor=c.clinician,
            object_type="client",
            object_id=c.pk,
            client_id=c.pk,
        )
    for n in SessionNote.objects.filter(signed_at__isnull=False).select_related(
        "signed_by", "session"
    ):
        assert n.signed_at is not None
        add(
            n.signed_at,
            action=Action.SIGN,
            actor=n.signed_by,
            object_type="note",
            object_id=n.pk,
            client_id=n.session.client_id,
        )
    additions: list[tuple[str, Addendum | Cosignature]] = [
        *(("addendum", a) for a in Addendum.objects.select_related("signed_by", "note__session")),
        *(
            ("cosignature", c)
            for c in Cosignature.objects.select_related("signed_by", "note__session")
        ),
    ]
    for kind, a in additions:
        add(
            a.signed_at,
            action=Action.SIGN,
            actor=a.signed_by,
            object_type=kind,
            object_id=a.pk,
            client_id=a.note.session.client_id,
        )
    for v in PlanVersion.objects.select_related("plan__client__clinician"):
        client = v.plan.client
        add(
            v.created_at,
            action=Action.CHANGE,
            actor=client.clinician,
            object_type="plan",
            object_id=v.plan_id,
            client_id=client.pk,
        )
    for f in Formulation.objects.select_related("client__clinician"):
        at = timezone.make_aware(datetime.combine(f.as_of, time(17)))
        add(
            at,
            action=Action.CREATE,
            actor=f.client.clinician,
            object_type="formulation",
            object_id=f.pk,
            client_id=f.client_id,
        )
    for m in Administration.objects.filter(entered_by__isnull=False).select_related("entered_by"):
        add(
            m.taken_at,
            action=Action.CREATE,
            actor=m.entered_by,
            object_type="administration",
            object_id=m.pk,
            client_id=m.client_id,
        )
    events.sort(key=lambda e: e[0])
    for at, entry in events:
        record(at=at, **entry)
    return len(events)
