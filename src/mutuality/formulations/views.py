from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mutuality.clients.access import get_client_for_user
from mutuality.core.errors import MutualityError
from mutuality.core.record.formulation import compare, parse
from mutuality.formulations import actions
from mutuality.formulations.access import get_formulation_for_user
from mutuality.formulations.forms import (
    ControllingRows,
    FormulationForm,
    ImageRows,
    StrategyRows,
    initial_from,
    to_content,
)
from mutuality.formulations.models import Formulation, latest_for
from mutuality.site.requests import ClinicianRequest


def formulation_page(request: ClinicianRequest, client_id: int) -> HttpResponse:
    """The latest version's summary, every version, and a comparison of two."""
    client = get_client_for_user(request.user, client_id)
    versions = list(Formulation.objects.filter(client=client).select_related("created_by"))
    by_number = {f.version: f for f in versions}
    changes, a, b = None, None, None
    try:
        a = by_number.get(int(request.GET.get("a", "")))
        b = by_number.get(int(request.GET.get("b", "")))
    except ValueError:
        pass
    if a and b:
        changes = compare(a.parsed(), b.parsed())
    latest = versions[0] if versions else None
    return render(
        request,
        "formulations/page.html",
        {
            "client": client,
            "latest": latest,
            "summary": latest.summary() if latest else [],
            "versions": versions,
            "a": a,
            "b": b,
            "changes": changes,
        },
    )


def formulation_edit(request: ClinicianRequest, client_id: int) -> HttpResponse:
    """A new version, starting from the latest; saving never overwrites a version."""
    client = get_client_for_user(request.user, client_id)
    latest = latest_for(client)
    content = latest.content if latest else {}
    today = timezone.localdate()
    data = request.POST or None
    rels = client.relationships.all()
    form = FormulationForm(
        data,
        today=today,
        initial={
            **initial_from(content),
            "as_of": today,
            "shared": bool(latest and latest.shared_with_client),
        },
    )
    with_map = {"relationships": rels, "listed": list(rels)}
    rows = (
        StrategyRows(
            data, prefix="strategy", initial=content.get("strategies"), form_kwargs=with_map
        ),
        ImageRows(
            data, prefix="image", initial=content.get("relational_images"), form_kwargs=with_map
        ),
        ControllingRows(data, prefix="controlling", initial=content.get("controlling_images")),
    )
    if request.method == "POST" and form.is_valid() and all(r.is_valid() for r in rows):
        try:
            saved = actions.save_formulation(
                client=client,
                by=request.user,
                content=to_content(form, *rows),
                as_of=form.cleaned_data["as_of"],
                shared=form.cleaned_data["shared"],
            )
        except MutualityError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"Formulation version {saved.version} saved.")
            return redirect("formulation", client_id=client.pk)
    return render(
        request,
        "formulations/edit.html",
        {"client": client, "form": form, "rows": rows, "latest": latest},
        status=400 if request.method == "POST" else 200,
    )


def formulation_print(request: ClinicianRequest, formulation_id: int) -> HttpResponse:
    version = get_formulation_for_user(request.user, formulation_id)
    return render(
        request,
        "formulations/print.html",
        {"client": version.client, "f": version, "parsed": parse(version.content),
         "summary": version.summary()},
    )  # fmt: skip
