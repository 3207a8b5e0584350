"""The caseload's map summaries without reading map histories.

Each client's `MapTally` is recomputed, in the transaction of the write, whenever one of
their relationships or assessments is saved or deleted (signals, so every writer is
covered: the views, the actions, the admin); a bulk load calls `rebuild`. `summaries`
answers for a page of clients in one query, recomputing only a tally that a later-dated
assessment has overtaken.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Min
from django.utils import timezone

from mutuality.core.rct.vocabulary import RelationshipKind
from mutuality.core.relational_map import Assessment, MapSummary, Tie, summarise
from mutuality.maps.models import (
    MapTally,
    Relationship,
    RelationshipAssessment,
    holds_on,
    summary_of,
)
from mutuality.site.prepared import PAGE_IDS, Prepared, page_of


def _compute(client_ids: list[int], on: date) -> list[MapTally]:
    """Fresh tallies as of `on`, from the latest assessment of each relationship only: one
    query for the ratings, however long the history, and one for later-dated ones."""
    latest = (
        RelationshipAssessment.objects.filter(
            relationship=models.OuterRef("pk"), assessed_on__lte=on
        )
        .order_by("-assessed_on", "-id")
        .values("id")[:1]
    )
    newest = Relationship.objects.filter(client_id__in=client_ids).values(
        latest_id=models.Subquery(latest)
    )
    ties: dict[int, list[Tie]] = defaultdict(list)
    current: dict[int, list[Assessment]] = defaultdict(list)
    rows = RelationshipAssessment.objects.filter(pk__in=newest).values_list(
        "relationship__client_id", "relationship__kind", *RelationshipAssessment.RATINGS
    )
    for client_id, kind, *ratings in rows:
        assessment = RelationshipAssessment.core_from(*ratings)
        ties[client_id].append(Tie(key=assessment.tie, name="", kind=RelationshipKind(kind)))
        current[client_id].append(assessment)
    later = dict(
        RelationshipAssessment.objects.filter(
            relationship__client_id__in=client_ids, assessed_on__gt=on
        )
        .values_list("relationship__client_id")
        .annotate(first=Min("assessed_on"))
    )
    out = []
    for pk in set(current) | set(later):
        s = summarise(ties[pk], current[pk], on)
        out.append(
            MapTally(
                client_id=pk,
                as_of=on,
                next_change=later.get(pk),
                assessed=s.assessed,
                growth_fostering=s.growth_fostering,
                growth_fostering_outside_therapy=s.growth_fostering_outside_therapy,
                power_over=s.power_over,
                isolation_reasons=list(s.isolation.reasons),
            )
        )
    return out


def rebuild(client_ids: Iterable[int], on: date | None = None) -> list[MapTally]:
    """Replaces these clients' tallies with ones computed as of `on` (today)."""
    ids = list(client_ids)
    fresh = _compute(ids, on or timezone.localdate())
    MapTally.objects.filter(client_id__in=ids).delete()
    return MapTally.objects.bulk_create(fresh, batch_size=1000)


TALLIES = Prepared(  # rows, not instances: fifty a caseload page
    lambda *ids: MapTally.objects.filter(client_id__in_page=ids).values_list(
        "client_id", "as_of", "next_change", *MapTally.COUNTS, "isolation_reasons"
    ),
    *PAGE_IDS,
)


def summaries(client_ids: list[int], today: date) -> dict[int, MapSummary]:
    """Each client's map summary as of today, for those with a map."""
    out, stale = {}, []
    for pk, as_of, next_change, *kept in TALLIES.rows(*page_of(client_ids)):
        if not holds_on(as_of, next_change, today):
            stale.append(pk)
        elif kept[0]:  # assessed
            out[pk] = summary_of(today, *kept)
    if stale:
        out.update({t.client_id: t.summary(today) for t in rebuild(stale, today) if t.assessed})
    return out


def map_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Signal receiver: a relationship or an assessment was saved or deleted."""
    if kwargs.get("raw"):
        return  # loading fixtures: rebuild after
    client_id = (
        instance.client_pk() if isinstance(instance, RelationshipAssessment) else instance.client_id
    )
    if client_id is not None:  # None: the whole relationship is going, and will say so
        rebuild([client_id])
