from datetime import date, datetime

from django.db import transaction

from mutuality.logs.models import LogEntry
from mutuality.maps.models import Relationship
from mutuality.measures.actions import LinkClosed
from mutuality.measures.models import CheckinLink


@transaction.atomic
def add_entry(
    *,
    link: CheckinLink,
    kind: str,
    on: date,
    now: datetime,
    good_things: list[str] | None = None,
    relationship: Relationship | None = None,
    whom: str = "",
    how_met: str = "",
    what: str = "",
) -> LogEntry:
    """One entry through the client's link; a closed link or an unoffered log saves nothing."""
    link = CheckinLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_open(now):
        raise LinkClosed("This link has expired or was withdrawn.")
    if kind not in link.logs:
        raise LinkClosed("This log is not part of this link.")
    if relationship is not None and relationship.client_id != link.client_id:
        relationship = None
    return LogEntry.objects.create(
        client_id=link.client_id,
        link=link,
        kind=kind,
        on=on,
        good_things=good_things or [],
        relationship=relationship,
        whom=whom.strip(),
        how_met=how_met,
        what=what.strip(),
    )
