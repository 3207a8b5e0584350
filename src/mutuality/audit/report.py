"""A client's access report (accounting of disclosures): every entry naming the client."""

import csv
from typing import TextIO

from django.db.models import QuerySet

from mutuality.audit.models import AuditEntry

COLUMNS = ["when (UTC)", "who", "action", "object", "object id", "from address", "request"]


def entries_for(client_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(client_id=client_id).order_by("id")


def write_csv(out: TextIO, client_id: int) -> None:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in entries_for(client_id).iterator():
        writer.writerow(
            [
                e.at.isoformat(timespec="seconds"),
                e.actor,
                e.get_action_display(),
                e.object_type,
                e.object_id,
                e.ip or "",
                e.detail,
            ]
        )
