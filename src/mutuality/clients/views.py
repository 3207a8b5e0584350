from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from mutuality.clients.access import get_client_for_user, get_identity_for_user
from mutuality.clients.forms import ClientForm, IdentityForm
from mutuality.clients.models import Client
from mutuality.core.relational_map import summarise
from mutuality.maps.models import as_core
from mutuality.measures.models import RiskAlert
from mutuality.measures.progress import flags as measure_flags
from mutuality.site.requests import ClinicianRequest


def caseload(request: ClinicianRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:80]
    status = request.GET.get("status", Client.Status.ACTIVE)
    clients = Client.objects.for_user(request.user).with_last_activity()
    if status in Client.Status.values:
        clients = clients.filter(status=status)
    if query:
        clients = clients.filter(
            Q(display_name__icontains=query) | Q(concerns_note__icontains=query)
        )
    now = timezone.now()
    today = timezone.localdate()
    rows = []
    for client in clients.prefetch_related("relationships__assessments"):
        ties, assessments = as_core(client.relationships.all())  # prefetched above
        summary = summarise(ties, assessments, today) if assessments else None
        rows.append((client, summary, measure_flags(client, now)))
    return render(
        request,
        "clients/caseload.html",
        {"rows": rows, "query": query, "status": status, "statuses": Client.Status.choices},
    )


def client_new(request: ClinicianRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ClientForm(request.POST or None, today=today, initial={"start_date": today})
    if request.method == "POST" and form.is_valid():
        client = form.save(commit=False)
        client.clinician = request.user
        client.save()
        messages.success(request, f"{client} was added to your caseload.")
        return redirect("client", client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": None})


def client_edit(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    form = ClientForm(request.POST or None, instance=client, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{client} was updated.")
        return redirect("client", client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": client})


def _detail(
    request: ClinicianRequest, client: Client, identity_form: IdentityForm, status: int = 200
) -> HttpResponse:
    ties, assessments = client.relationships.all().map_data()
    summary = summarise(ties, assessments, timezone.localdate()) if assessments else None
    return render(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "identities": client.identities.all(),
            "identity_form": identity_form,
            "summary": summary,
            "relationships": client.relationships.prefetch_related("assessments"),
            "alerts": RiskAlert.objects.filter(
                administration__client=client, acknowledged_at__isnull=True
            ).select_related("administration"),
        },
        status=status,
    )


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
