from datetime import date
from enum import StrEnum
from html import escape  # as Django's escape, without its check for lazy text per call
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from mutuality.clients.access import get_client_for_user
from mutuality.clients.models import Client
from mutuality.core.map_svg import render_map, score_chip
from mutuality.core.rct.vocabulary import DisconnectionOutcome, DisconnectionStrategy, GoodThing
from mutuality.core.relational_map import MapChange, Tie, TieChange, compare
from mutuality.maps import actions
from mutuality.maps.access import get_assessment_for_user, get_relationship_for_user
from mutuality.maps.forms import AssessmentForm, RelationshipForm
from mutuality.maps.models import map_data
from mutuality.site.links import url_pattern
from mutuality.site.requests import ClinicianRequest


def _date_param(request: ClinicianRequest, name: str, errors: list[str]) -> date | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(
            f"'{raw[:20]}' is not a date; use the form YYYY-MM-DD. Showing the latest map."
        )
        return None


def _map_view(
    request: ClinicianRequest, client: Client
) -> tuple[list[Tie], MapChange, bool, list[date], list[str]]:
    """The map the request asks for: as of `on`, compared with `since` when given."""
    ties, assessments = map_data(client.pk)
    dates = sorted({a.on for a in assessments})
    errors: list[str] = []
    on = _date_param(request, "on", errors) or (dates[-1] if dates else timezone.localdate())
    since = _date_param(request, "since", errors)
    if since is not None and since > on:
        errors.append("The earlier date must come before the later one; they were swapped.")
        since, on = on, since
    change = compare(ties, assessments, since or on, on)
    return ties, change, since is not None, dates, errors


def map_page(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    ties, change, comparing, dates, errors = _map_view(request, client)
    names = {t.key: t for t in ties}
    rows = [(names[c.tie], c) for c in change.ties]
    rows.sort(key=lambda row: -(row[1].after.score if row[1].after else 0))
    return render(
        request,
        "maps/map.html",
        {
            "client": client,
            "svg": render_map(client.display_name, ties, change, comparing=comparing),
            "change": change,
            "comparing": comparing,
            "rows": _table_rows(rows, comparing),
            "dates": dates,
            "errors": errors,
        },
    )


def _tags(chosen: frozenset[StrEnum], every: type[Any], kind: str) -> str:
    """A rating's chosen good things, outcomes or strategies, in their list's order."""
    tags = [f'<span class="tag{kind}">{escape(i.label)}</span>' for i in every if i in chosen]
    return "".join(tags) or "—"


def _table_rows(rows: list[tuple[Tie, TieChange]], comparing: bool) -> SafeString:
    """The map's table rows, built in Python as the caseload's are: a map of many
    relationships, each with its chosen tags, costs the template engine milliseconds.
    Every text is escaped here."""
    link = url_pattern("relationship")
    out = []
    for tie, c in rows:
        a = c.after
        assert a is not None  # compare() gives every tie assessed by the later date
        cells = [
            f'<th scope="row"><a href="{link.format(tie.key)}">{escape(tie.name)}</a><br>'
            f'<span class="muted small">{escape(tie.kind.label)}</span></th>',
            f'<td>{score_chip(a.score)} <span class="small">{escape(a.quality)}</span></td>',
            f"<td>{a.closeness}/4</td>",
            f"<td>{escape(a.power.label)}</td>",
            f"<td>{_tags(a.good_things, GoodThing, ' good')}</td>",
            f"<td>{_tags(a.outcomes, DisconnectionOutcome, ' bad')}</td>",
            f"<td>{_tags(a.strategies, DisconnectionStrategy, '')}</td>",
        ]
        if comparing:
            delta = "" if c.delta is None else f" ({c.delta:+d})" if c.delta else " (0)"
            cells.append(f"<td>{escape(c.movement)}{delta}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe("\n".join(out))  # noqa: S308 - every text above is escaped


def map_svg(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    ties, change, comparing, _dates, _errors = _map_view(request, client)
    svg = render_map(client.display_name, ties, change, comparing=comparing)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def relationship_new(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    today = timezone.localdate()
    data = request.POST or None
    rel_form = RelationshipForm(data, client=client, prefix="rel")
    form = AssessmentForm(data, relationship=None, today=today, prefix="first")
    if request.method == "POST" and rel_form.is_valid() and form.is_valid():
        rel = actions.add_relationship(
            client=client,
            by=request.user,
            relationship=rel_form.cleaned_data,
            first=form.cleaned_data,
        )
        messages.success(request, f"{rel} is on {client}'s map.")
        return redirect("map", client_id=client.pk)
    return render(
        request,
        "maps/relationship_new.html",
        {"client": client, "rel_form": rel_form, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def relationship_detail(request: ClinicianRequest, relationship_id: int) -> HttpResponse:
    rel = get_relationship_for_user(request.user, relationship_id)
    return render(
        request,
        "maps/relationship_detail.html",
        {"client": rel.client, "relationship": rel, "assessments": rel.assessments.all()},
    )


def relationship_edit(request: ClinicianRequest, relationship_id: int) -> HttpResponse:
    rel = get_relationship_for_user(request.user, relationship_id)
    form = RelationshipForm(request.POST or None, instance=rel, client=rel.client)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{rel} was updated.")
        return redirect("relationship", relationship_id=rel.pk)
    return render(
        request,
        "maps/relationship_edit.html",
        {"client": rel.client, "relationship": rel, "form": form},
    )


def assessment_new(request: ClinicianRequest, relationship_id: int) -> HttpResponse:
    rel = get_relationship_for_user(request.user, relationship_id)
    form = AssessmentForm(request.POST or None, relationship=rel, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        actions.assess_relationship(relationship=rel, by=request.user, data=form.cleaned_data)
        messages.success(request, f"New assessment of {rel} saved.")
        return redirect("relationship", relationship_id=rel.pk)
    return render(
        request,
        "maps/assessment_form.html",
        {"client": rel.client, "relationship": rel, "form": form, "assessment": None},
        status=400 if request.method == "POST" else 200,
    )


def assessment_edit(request: ClinicianRequest, assessment_id: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, assessment_id)
    rel = assessment.relationship
    form = AssessmentForm(
        request.POST or None, instance=assessment, relationship=rel, today=timezone.localdate()
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, f"Assessment of {rel} on {assessment.assessed_on:%d %b %Y} updated."
        )
        return redirect("relationship", relationship_id=rel.pk)
    return render(
        request,
        "maps/assessment_form.html",
        {"client": rel.client, "relationship": rel, "form": form, "assessment": assessment},
        status=400 if request.method == "POST" else 200,
    )
