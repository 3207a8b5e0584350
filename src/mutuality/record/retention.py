"""Retention and destruction. Closing a client starts the practice's retention period
(`Client.closed_on`, `Practice.retention_years`); once it has run out, a practice admin
(or `mutuality retention destroy`) may destroy the record: every row that belongs to it,
in one transaction with an audit entry that says what was destroyed — how many of each
kind — and never a word of the content. The audit trail itself keeps its entries about
the client, which name only ids."""

from collections import Counter
from datetime import date

from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from mutuality.audit.actions import record
from mutuality.audit.models import Action, AuditEntry
from mutuality.audit.signals import client_ip
from mutuality.clients.models import Client
from mutuality.core.errors import MutualityError
from mutuality.measures.models import Administration
from mutuality.people.access import admin_practice
from mutuality.site.requests import ClinicianRequest


class NotDueForDestruction(MutualityError):
    pass


@transaction.atomic
def destroy(client_id: int, *, by: object, today: date, ip: str | None = None) -> AuditEntry:
    client = Client.objects.select_for_update().get(pk=client_id)
    due = client.destroy_after()
    if due is None or due > today:
        when = f"until {due:%d %b %Y}" if due else "while it is open"
        raise NotDueForDestruction(f"Record #{client_id} is within its retention period {when}.")
    # Answers first: a check-in's answers protect its submission, which the link (and so
    # the client) would otherwise be refused for.
    per_model: Counter[str] = Counter()
    for rows in (
        Administration.objects.filter(client_id=client_id),
        Client.objects.filter(pk=client_id),
    ):
        per_model.update(rows.delete()[1])
    by_app: Counter[str] = Counter()
    for label, n in per_model.items():
        by_app[label.split(".")[0]] += n
    counts = f"{sum(by_app.values())} rows: " + ", ".join(
        f"{app} {n}" for app, n in sorted(by_app.items()) if n
    )
    return record(
        action=Action.DESTROY,
        actor=by,
        object_type="client",
        object_id=client_id,
        client_id=client_id,
        ip=ip,
        detail=f"closed {client.closed_on}, retention ended {due}; {counts}",
    )


def closed_records(clients: QuerySet[Client]) -> list[tuple[Client, date | None]]:
    """The closed records among these, by number, each with the day it may be destroyed."""
    closed = clients.filter(status=Client.Status.CLOSED).order_by("pk")
    return [(c, c.destroy_after()) for c in closed.select_related("clinician__clinician__practice")]


def retention(request: ClinicianRequest) -> HttpResponse:
    """Closed records of the practice, by id only, with the day each may be destroyed."""
    practice = admin_practice(request)
    today = timezone.localdate()
    rows = sorted(
        closed_records(Client.objects.filter(clinician__clinician__practice=practice)),
        key=lambda r: (r[1] or date.max, r[0].pk),
    )
    return render(request, "people/retention.html", {"rows": rows, "today": today})


def retention_destroy(request: ClinicianRequest, record_id: int) -> HttpResponse:
    practice = admin_practice(request)
    get_object_or_404(Client.objects.filter(clinician__clinician__practice=practice), pk=record_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("confirm") != str(record_id):
        messages.error(request, f"Type the record number {record_id} to confirm destruction.")
        return redirect("practice-retention")
    try:
        destroy(record_id, by=request.user, today=timezone.localdate(), ip=client_ip(request))
    except NotDueForDestruction as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"Record #{record_id} destroyed; the audit trail says what.")
    return redirect("practice-retention")
