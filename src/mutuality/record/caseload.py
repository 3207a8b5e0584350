"""Caseload-wide queries over every app's records, so that no app below has to import the
apps above it."""

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.db.models.functions import Coalesce, Greatest

from mutuality.clients.models import Client, ClientQuerySet
from mutuality.logs.models import LogEntry
from mutuality.maps.models import RelationshipAssessment
from mutuality.measures.models import Administration
from mutuality.notes.models import SessionNote
from mutuality.plans.models import TreatmentPlan
from mutuality.transcripts.models import SessionTranscript


def _latest(model: type[models.Model], path: str, field: str) -> models.Func:
    rows = model._default_manager.filter(**{path: models.OuterRef("pk")})
    newest = models.Subquery(rows.order_by(f"-{field}").values(field)[:1])
    return Coalesce(newest, "updated_at")


def with_last_activity(clients: ClientQuerySet) -> ClientQuerySet:
    """The latest of: the record's own edit, a map assessment, an answered measure or
    check-in, an uploaded transcript, a note written, a log entry. Correlated subqueries,
    so long histories do not multiply rows."""
    return clients.annotate(
        last_activity=Greatest(
            "updated_at",
            _latest(RelationshipAssessment, "relationship__client", "created_at"),
            _latest(Administration, "client", "created_at"),
            _latest(SessionTranscript, "session__client", "uploaded_at"),
            _latest(SessionNote, "session__client", "updated_at"),
            _latest(LogEntry, "client", "created_at"),
        )
    )


def search(clients: Iterable[Client], query: str) -> list[Client]:
    """The clients whose name or concerns (in the clinician's words) contain the query,
    by name. Both are sealed at rest, so this runs over the opened values: a caseload is
    hundreds of records, not millions."""
    needle = query.casefold()
    found = [
        c
        for c in clients
        if not needle or needle in c.display_name.casefold() or needle in c.concerns_note.casefold()
    ]
    return sorted(found, key=lambda c: (c.display_name.casefold(), c.pk))


def plan_reviews_due(client_ids: Iterable[int], today: date) -> set[int]:
    """Ids of the clients whose plan review date has come."""
    return set(
        TreatmentPlan.objects.filter(
            client__in=list(client_ids), review_due__lte=today
        ).values_list("client_id", flat=True)
    )
