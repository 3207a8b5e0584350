"""Each client's last activity, kept current as the record is written, so the caseload
reads it from the client's own row.

`Client.activity_at` is the latest moment anything was recorded for the client — a map
assessment, an answered measure or check-in, an uploaded transcript, a note written or
edited, a log entry — and the caseload shows the later of it and the record's own edit
(`updated_at`). Every save of those records moves it forward (signals, so every writer is
covered); deleting one does not move it back. A bulk load calls `rebuild`, which computes
it from the histories with correlated subqueries on indexed columns.

A full save of a client (the edit form) writes back the `activity_at` it read, which a
concurrent write may just have moved on; the same save moves `updated_at` to now, so what
the caseload shows is never older than the latest write.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.db.models.signals import post_save

from mutuality.clients.models import Client
from mutuality.logs.models import LogEntry
from mutuality.maps.models import RelationshipAssessment
from mutuality.measures.models import Administration
from mutuality.notes.models import SessionNote
from mutuality.sessions.models import TherapySession
from mutuality.transcripts.models import SessionTranscript

# model: (its path to the client's id, the moment it records)
SOURCES: dict[type[models.Model], tuple[str, str]] = {
    RelationshipAssessment: ("relationship__client", "created_at"),
    Administration: ("client", "created_at"),
    SessionTranscript: ("session__client", "uploaded_at"),
    SessionNote: ("session__client", "updated_at"),
    LogEntry: ("client", "created_at"),
}


def last_activity(updated_at: datetime, activity_at: datetime | None) -> datetime:
    """What the caseload shows: the later of the record's own edit (a client's `updated_at`)
    and its activity (`activity_at`)."""
    return max(updated_at, activity_at or updated_at)


def moved(client_id: int, at: datetime) -> None:
    """Moves the client's activity forward to `at` (never back)."""
    later = models.Q(activity_at__isnull=True) | models.Q(activity_at__lt=at)
    Client.objects.filter(later, pk=client_id).update(activity_at=at)


def _latest(model: type[models.Model], path: str, field: str) -> Coalesce:
    """The client's latest moment of this kind, or its own edit when it has none."""
    rows = model._default_manager.filter(**{path: models.OuterRef("pk")})
    return Coalesce(models.Subquery(rows.order_by(f"-{field}").values(field)[:1]), "updated_at")


def rebuild(client_ids: Iterable[int]) -> None:
    """Computes these clients' activity from their histories (after a bulk load), in one
    UPDATE."""
    newest = Greatest(*(_latest(model, *source) for model, source in SOURCES.items()))
    Client.objects.filter(pk__in=list(client_ids)).update(activity_at=newest)


def _saved(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures
    path, field = SOURCES[sender]
    at = getattr(instance, field)
    if sender is RelationshipAssessment:
        client_id = instance.client_pk()
    elif path == "session__client":  # from the session when the writer loaded it
        session = sender.session.field.get_cached_value(instance, None)  # type: ignore[attr-defined]
        client_id = session.client_id if session is not None else _session_client(instance)
    else:
        client_id = instance.client_id
    moved(client_id, at)


def _session_client(instance: Any) -> int:
    found: int = TherapySession.objects.filter(pk=instance.session_id).values_list(
        "client_id", flat=True
    )[0]
    return found


def connect() -> None:
    for model in SOURCES:
        post_save.connect(_saved, sender=model, dispatch_uid=f"activity-{model.__name__}")
