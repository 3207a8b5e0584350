"""Pages that bring the apps together: the caseload, the client page, the timeline, and
the record's print, export and access report (the sessions list and a session's hub are
in record.session_pages)."""

import json
from datetime import date, timedelta
from html import escape  # as Django's escape, without its check for lazy text per call

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from mutuality.audit.report import entries_for, write_csv
from mutuality.clients.access import get_client_for_user, get_identity_for_user
from mutuality.clients.forms import IdentityForm
from mutuality.clients.models import Client, SocialIdentity
from mutuality.core.map_svg import score_chip
from mutuality.core.record.timeline import EventKind, merge
from mutuality.core.relational_map import latest_as_of, summarise
from mutuality.formulations.models import Formulation, latest_for
from mutuality.maps.models import (
    Relationship,
    as_core,
    map_data,
    with_ratings,
)
from mutuality.measures.models import OPEN_ALERTS, ScaleEnds
from mutuality.notes.actions import note_view
from mutuality.notes.models import SessionNote
from mutuality.plans.models import Objective, TreatmentPlan
from mutuality.plans.progress import objective_progress
from mutuality.practices.models import Role, Supervision
from mutuality.record import caseload as queries
from mutuality.record import timeline
from mutuality.record.fhir import record_bundle
from mutuality.sessions.models import TherapySession
from mutuality.site.days import day
from mutuality.site.links import url_pattern
from mutuality.site.prepared import Prepared
from mutuality.site.requests import ClinicianRequest


def caseload(request: ClinicianRequest) -> HttpResponse:
    profile = getattr(request.user, "clinician", None)
    if profile is not None and profile.role == Role.ADMIN:
        return redirect("practice-people")  # a practice admin keeps no caseload
    query = request.GET.get("q", "").strip()[:80]
    status = request.GET.get("status", Client.Status.ACTIVE)
    # Names and concerns are sealed at rest: search and sort happen here, after opening
    # (a caseload is hundreds of rows); everything else is fetched for one page only.
    found = queries.found(
        request.user.pk, status if status in Client.Status.values else None, query
    )
    page = Paginator(found, queries.PAGE).get_page(request.GET.get("page"))
    shown = queries.shown(request.user.pk, list(page.object_list))
    rows = queries.rows(shown, timezone.now())
    return render(
        request,
        "clients/caseload.html",
        {
            "rows": queries.rows_html(rows),
            "page": page,
            "total": len(found),
            "query": query,
            "status": status,
            "statuses": Client.Status.choices,
        },
    )


def supervision(request: ClinicianRequest) -> HttpResponse:
    """A supervisor's supervisees: their open caseloads (read-only) and the signed notes
    waiting for a co-signature."""
    rows = []
    links = Supervision.objects.active().filter(supervisor_id=request.user.pk)
    for link in links.select_related("supervisee__clinician"):
        clients = Client.objects.owned_by(link.supervisee).filter(status=Client.Status.ACTIVE)
        awaiting = (
            SessionNote.objects.awaiting_cosignature(link)
            .filter(session__client__clinician=link.supervisee)
            .select_related("session__client")
            .defer("sections", "process")  # listed by client and day: the text stays sealed
            .order_by("signed_at")
            if link.cosign_required
            else SessionNote.objects.none()
        )
        rows.append((link, queries.by_name(clients), list(awaiting)))
    return render(request, "record/supervision.html", {"rows": rows})


# The client page's statements, built once (site.prepared).
PLAN_SIZE = Prepared(
    lambda client: TreatmentPlan.objects.filter(client_id=client).annotate(
        goal_count=Count("goals")
    ),
    -1,
)
RECENT_SESSIONS = Prepared(
    lambda client: (
        TherapySession.objects.filter(client_id=client)
        .select_related("note")
        .defer("note__sections", "note__process")[:5]
    ),
    -1,
)
IDENTITIES = Prepared(lambda client: SocialIdentity.objects.filter(client_id=client), -1)


def _detail(
    request: ClinicianRequest, client: Client, identity_form: IdentityForm, status: int = 200
) -> HttpResponse:
    relationships = with_ratings(client.pk)
    ties, assessments = as_core(relationships)
    today = timezone.localdate()
    summary = summarise(ties, assessments, today) if assessments else None
    plan = PLAN_SIZE.first(client.pk)
    return render(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "identities": IDENTITIES.all(client.pk),
            "identity_form": identity_form,
            "summary": summary,
            "relationships": _relationship_rows(relationships),
            "alerts": OPEN_ALERTS.all(client.pk),
            "plan": plan,
            "review_due": plan is not None and plan.review_is_due(today),
            "formulation": latest_for(client),
            "sessions": RECENT_SESSIONS.all(client.pk),
        },
        status=status,
    )


def _relationship_rows(relationships: list[Relationship]) -> SafeString:
    """The client page's relationships table rows, built in Python as the map's are: each
    row cost the template engine about 80 µs. Every text is escaped here."""
    relationship_url, assess_url = url_pattern("relationship"), url_pattern("assessment-new")
    rows = []
    for rel in relationships:
        latest = rel.ratings[0] if rel.ratings else None
        rows.append(
            f'<tr><td><a class="strong" href="{relationship_url.format(rel.pk)}">'
            f"{escape(rel.name)}</a></td><td>{escape(rel.get_kind_display())}</td>"
            f"<td>{score_chip(latest.score) if latest else ''}</td>"
            f"<td>{day(latest.on) if latest else ''}</td>"
            f'<td><a href="{assess_url.format(rel.pk)}">Assess again</a></td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every text above is escaped


def client_detail(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    return _detail(request, client, IdentityForm())


def identity_add(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)  # a stranger's id is a 404 first
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = IdentityForm(request.POST)
    if form.is_valid():
        identity = form.save(commit=False)
        identity.client = client
        identity.save()
        client.save(update_fields=["updated_at"])
        messages.success(request, f"Added the identity '{identity.own_words}'.")
        return redirect("client", client_id=client.pk)
    return _detail(request, client, form, status=400)


def identity_delete(request: ClinicianRequest, identity_id: int) -> HttpResponse:
    identity = get_identity_for_user(request.user, identity_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    client = identity.client
    identity.delete()
    messages.success(request, f"Removed the identity '{identity.own_words}'.")
    return redirect("client", client_id=client.pk)


def client_timeline(request: ClinicianRequest, client_id: int) -> HttpResponse:
    """A year of the client's events at a time: the last twelve months, or a calendar year."""
    client = get_client_for_user(request.user, client_id)
    asked = set(request.GET.getlist("kind"))
    chosen = [k for k in EventKind if k.value in asked]  # in one order, for the year links
    today = timezone.localdate()
    first_year = min(client.start_date.year, today.year)
    years = list(range(today.year, first_year - 1, -1))
    year = request.GET.get("year", "")
    if year.isdigit() and int(year) in years:
        since, until = date(int(year), 1, 1), date(int(year), 12, 31)
    else:
        year, since, until = "", today - timedelta(days=365), today + timedelta(days=1)
    events = merge(timeline.events(client, since, until), chosen)
    return render(
        request,
        "record/timeline.html",
        {
            "client": client,
            "events": timeline.items(events),
            "kinds": list(EventKind),
            "chosen": chosen,
            "years": years,
            "year": year,
        },
    )


def client_export(request: ClinicianRequest, client_id: int) -> HttpResponse:
    """The record as a FHIR R4 Bundle download; identifying details only when asked."""
    client = get_client_for_user(request.user, client_id)
    with_details = request.GET.get("details") == "1"
    bundle = record_bundle(client, now=timezone.now(), with_details=with_details)
    response = HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="record-{client.pk}.fhir.json"'
    return response


def client_record_print(request: ClinicianRequest, client_id: int) -> HttpResponse:
    """The whole record, readable and printable: identifying details, identities,
    formulation, plan with progress, every signed note with its addenda and co-signature,
    measures (first and latest of each scale) and the map. Drafts and the clinician's
    private notes are not part of the record and are left out."""
    client = get_client_for_user(request.user, client_id)
    today = timezone.localdate()
    formulation = Formulation.objects.filter(client=client).order_by("-version").first()
    plan = TreatmentPlan.objects.filter(client=client).first()
    objectives = (
        [
            (o, objective_progress(o, today))
            for o in Objective.objects.filter(goal__plan=plan).select_related("goal__plan")
        ]
        if plan
        else []
    )
    notes = (
        SessionNote.objects.filter(session__client=client, signed_at__isnull=False)
        .select_related("session", "signed_by__clinician", "cosignature__signed_by__clinician")
        .prefetch_related(
            "addenda__signed_by__clinician", "measures_reviewed", "session__objectives_addressed"
        )
        .order_by("session__held_on", "id")
    )
    ties, assessments = map_data(client.pk)
    latest = latest_as_of(assessments, today)
    return render(
        request,
        "record/record_print.html",
        {
            "client": client,
            "identities": client.identities.all(),
            "formulation": formulation,
            "objectives": objectives,
            "notes": [(n, note_view(n)) for n in notes],
            "ends": ScaleEnds.objects.filter(client=client).order_by("instrument", "scale"),
            "ties": [(t, latest.get(t.key)) for t in ties],
            "now": timezone.now(),
        },
    )


ACCESS_PAGE = 100  # audit entries on one page of the access report


def client_access(request: ClinicianRequest, client_id: int) -> HttpResponse:
    """Who viewed, changed, printed or exported this client's record, and when."""
    client = get_client_for_user(request.user, client_id)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="access-client-{client.pk}.csv"'
        write_csv(response, client.pk)  # type: ignore[arg-type]
        return response
    # Newest first, a page at a time: `before` is the id the page ends above (ids only grow,
    # so a page stays the same while new entries arrive).
    before = request.GET.get("before", "")
    entries = entries_for(client.pk).order_by("-id")
    if before.isdigit():
        entries = entries.filter(id__lt=int(before))
    shown = list(entries[: ACCESS_PAGE + 1])
    older = shown[ACCESS_PAGE - 1].pk if len(shown) > ACCESS_PAGE else None
    return render(
        request,
        "record/access.html",
        {
            "client": client,
            "entries": shown[:ACCESS_PAGE],
            "older": older,
            "paged": before.isdigit(),
        },
    )
