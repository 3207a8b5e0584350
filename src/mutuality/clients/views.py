from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mutuality.audit.actions import describe
from mutuality.clients.access import get_client_for_user
from mutuality.clients.forms import ClientForm
from mutuality.site.requests import ClinicianRequest


def client_new(request: ClinicianRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ClientForm(request.POST or None, today=today, initial={"start_date": today})
    if request.method == "POST" and form.is_valid():
        client = form.save(commit=False)
        client.clinician = request.user
        client.save()
        describe(request, object_type="client", object_id=client.pk, client_id=client.pk)
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
