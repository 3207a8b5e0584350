from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuality.clients.access import get_client_for_user, get_identity_for_user
from mutuality.clients.forms import ClientForm, IdentityForm
from mutuality.clients.models import Client
from mutuality.core.relational_map import summarise


def caseload(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:80]
    status = request.GET.get("status", Client.Status.ACTIVE)
    clients = Client.objects.for_user(request.user).with_last_activity()
    if status in Client.Status.values:
        clients = clients.filter(status=status)
    if query:
        clients = clients.filter(Q(display_name__icontains=query) | Q(concerns_note__icontains=query))
    today = timezone.localdate()
    rows = []
    for client in clients.prefetch_related("relationships__assessments"):
        rels = list(client.relationships.all())
        ties = [r.to_core() for r in rels]
        assessments = [a.to_core() for r in rels for a in r.assessments.all()]
        rows.append((client, summarise(ties, assessments, today) if assessments else None))
    return render(
        request,
        "clients/caseload.html",
        {"rows": rows, "query": query, "status": status, "statuses": Client.Status.choices},
    )


def client_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ClientForm(request.POST or None, today=today, initial={"start_date": today})
    if request.method == "POST" and form.is_valid():
        client = form.save(commit=False)
        client.clinician = request.user  # type: ignore[assignment]
        client.save()
        messages.success(request, f"{client} was added to your caseload.")
        return redirect("client", client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": None})


def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    form = ClientForm(request.POST or None, instance=client, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{client} was updated.")
        return redirect("client", client_id=client.pk)
    return render(request, "clients/client_form.html", {"form": form, "client": client})


def _detail(
    request: HttpRequest, client: Client, identity_form: IdentityForm, status: int = 200
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
        },
        status=status,
    )


def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    return _detail(request, client, IdentityForm())


@require_POST
def identity_add(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    form = IdentityForm(request.POST)
    if form.is_valid():
        identity = form.save(commit=False)
        identity.client = client
        identity.save()
        client.save(update_fields=["updated_at"])
        messages.success(request, f"Added the identity '{identity.own_words}'.")
        return redirect("client", client_id=client.pk)
    return _detail(request, client, form, status=400)


@require_POST
def identity_delete(request: HttpRequest, identity_id: int) -> HttpResponse:
    identity = get_identity_for_user(request.user, identity_id)
    client = identity.client
    identity.delete()
    messages.success(request, f"Removed the identity '{identity.own_words}'.")
    return redirect("client", client_id=client.pk)
