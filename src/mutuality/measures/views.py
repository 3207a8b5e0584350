import json
from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mutuality.clients.access import get_client_for_user
from mutuality.clients.models import Client
from mutuality.core.errors import MutualityError
from mutuality.core.map_svg import render_map
from mutuality.core.measures import UnknownInstrument
from mutuality.core.measures.change import Z_95, clinical_change, cutoffs, s_diff
from mutuality.core.measures.scoring import InvalidAnswers, score
from mutuality.core.relational_map import compare
from mutuality.maps.models import map_data
from mutuality.measures import actions, progress
from mutuality.measures.access import (
    get_administration_for_user,
    get_alert_for_user,
    get_link_for_token,
    get_link_for_user,
)
from mutuality.measures.fhir import InvalidQuestionnaire, administration_bundle
from mutuality.measures.forms import (
    AnswersForm,
    LinkForm,
    QuestionnaireUploadForm,
    SessionEntryForm,
)
from mutuality.measures.models import (
    OPEN_ALERTS,
    Administration,
    CheckinLink,
    ScaleEnds,
)
from mutuality.measures.registry import all_instruments, get_instrument, questionnaire_url
from mutuality.site.prepared import SOMEDAY, Prepared
from mutuality.site.requests import ClinicianRequest


def _progress_context(
    client: Client, *, own_wording_only: bool = False, since: datetime | None = None
) -> dict[str, object]:
    """Charts of every scale, the five good things as small multiples, paired mutuality.

    With `own_wording_only`, only Mutuality's check-ins: what a client sees of themselves.
    With `since`, only what was answered from then on, with change still measured from
    each scale's very first score.
    """
    admins = progress.rows_for(client, since, own_wording_only=own_wording_only)
    # A window of a longer history still measures change from the first score ever.
    baselines: progress.Baselines | None = (
        {(key, scale): (first, raw) for key, scale, first, raw in BASELINES.rows(client.pk)}
        if since is not None
        else None
    )
    by_instrument = progress.series_by_instrument(admins, baselines)
    notes = progress.annotations(client, since)
    charts, multiples, paired = [], [], ""
    for key, (instrument, scales) in by_instrument.items():
        if key.startswith("session-mutuality") or (
            own_wording_only and not instrument.wording_is_ours
        ):
            continue
        for scale in instrument.scales:
            if scales.get(scale.key):
                charts.append(
                    {
                        "instrument": instrument,
                        "scale": scale,
                        "svg": progress.scale_chart(instrument, scale, scales[scale.key], notes),
                        "table": progress.score_table(scales[scale.key]),
                    }
                )
        if key == progress.ITEM_BY_ITEM:
            multiples = progress.item_multiples(instrument, admins)
    client_side = by_instrument.get("session-mutuality-client", (None, {}))[1].get("total", [])
    clinician_side = by_instrument.get("session-mutuality-clinician", (None, {}))[1].get(
        "total", []
    )
    if client_side or clinician_side:
        paired = progress.paired_chart(client_side, clinician_side, 16)
    return {"charts": charts, "multiples": multiples, "paired": paired}


def _span(request: HttpRequest) -> tuple[bool, datetime | None]:
    """Whether the page shows every year (`?span=all`), and otherwise the moment its twelve
    months start."""
    if request.GET.get("span") == "all":
        return True, None
    return False, timezone.now() - timedelta(days=365)


def _answered_before(client: Client, since: datetime | None) -> bool:
    return since is not None and bool(ANSWERED_BEFORE.rows(client.pk, since))


# The measures page's statements, built once (site.prepared).
BASELINES = Prepared(
    lambda client: ScaleEnds.objects.filter(client_id=client).values_list(
        "instrument", "scale", "first_id", "first_raw"
    ),
    -1,
)
ANSWERED_BEFORE = Prepared(
    lambda client, since: Administration.objects.filter(
        client_id=client, taken_at__lt=since
    ).values_list("id")[:1],
    -1,
    SOMEDAY,
)
LATEST_ANSWERS = Prepared(  # as rows: the instances and their labels cost 4% of the page
    lambda client: Administration.objects.filter(client_id=client).values_list(
        "pk", "taken_at", "instrument", "source"
    )[:15],
    -1,
)
SOURCES = dict(Administration.Source.choices)  # else the stored value, as Django shows it
OPEN_LINKS = Prepared(
    lambda client, now: CheckinLink.objects.filter(client_id=client).active(now), -1, SOMEDAY
)


def client_measures(request: ClinicianRequest, client_id: int) -> HttpResponse:
    """The charts of the last twelve months (every year with `?span=all`); reliable change
    is always measured from each scale's first score."""
    client = get_client_for_user(request.user, client_id)
    now = timezone.now()
    whole, since = _span(request)
    instruments = all_instruments()
    titles = {i.key: i.title for i in instruments}  # else its key: no longer installed
    return render(
        request,
        "measures/client_measures.html",
        {
            "client": client,
            "whole": whole,
            "earlier": not whole and _answered_before(client, since),
            **_progress_context(client, since=since),
            "alerts": OPEN_ALERTS.all(client.pk),
            "recent": [
                (pk, taken_at, titles.get(key, key), SOURCES.get(source, source))
                for pk, taken_at, key, source in LATEST_ANSWERS.rows(client.pk)
            ],
            "links": [
                (link, ", ".join(titles.get(key, key) for key in link.instruments))
                for link in OPEN_LINKS.all(client.pk, now)
            ],
            "instruments": instruments,
        },
    )


def client_view(request: ClinicianRequest, client_id: int) -> HttpResponse:
    """What the clinician shows the client: their own check-ins of the last twelve months
    (every year with `?span=all`), in plain words."""
    client = get_client_for_user(request.user, client_id)
    whole, since = _span(request)
    context = _progress_context(client, own_wording_only=True, since=since)
    context |= {"whole": whole, "earlier": not whole and _answered_before(client, since)}
    ties, assessments = map_data(client.pk)
    dates = sorted({a.on for a in assessments})
    if dates:
        change = compare(ties, assessments, dates[0], dates[-1])
        context["map_svg"] = render_map(client.display_name, ties, change, comparing=len(dates) > 1)
    return render(request, "measures/client_view.html", {"client": client, **context})


def enter_answers(request: ClinicianRequest, client_id: int, instrument_key: str) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    try:
        instrument = get_instrument(instrument_key)
    except UnknownInstrument as e:
        raise Http404(str(e)) from None
    today = timezone.localdate()
    data = request.POST or None
    form = AnswersForm(instrument, data)
    details = SessionEntryForm(data, client=client, instrument=instrument, today=today)
    if request.method == "POST" and form.is_valid() and details.is_valid():
        taken_on = details.cleaned_data["taken_on"]
        taken_at = timezone.make_aware(datetime.combine(taken_on, time(12)))
        try:
            adm = actions.record_administration(
                client=client,
                instrument=instrument,
                answers=form.answers(),
                taken_at=taken_at,
                by=request.user,
                relationship=details.cleaned_data.get("relationship"),
            )
        except InvalidAnswers as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"{instrument.title} saved for {client}.")
            return redirect("administration", administration_id=adm.pk)
    return render(
        request,
        "measures/enter.html",
        {"client": client, "instrument": instrument, "form": form, "details": details},
        status=400 if request.method == "POST" else 200,
    )


def administration_detail(request: ClinicianRequest, administration_id: int) -> HttpResponse:
    adm = get_administration_for_user(request.user, administration_id)
    instrument = get_instrument(adm.instrument, adm.version)
    scored = score(instrument, adm.answers)
    first = (
        Administration.objects.filter(client=adm.client, instrument=adm.instrument)
        .order_by("taken_at", "id")
        .first()
    )
    baseline = score(instrument, first.answers) if first and first.pk != adm.pk else None
    rows = []
    for s in scored.scales:
        before = baseline.scale(s.scale.key).raw if baseline else None
        change = None
        if before is not None and s.raw is not None:
            change = clinical_change(s.scale, before, s.raw)
        rows.append({"score": s, "baseline": before, "change": change})
    items = [(item, adm.answers.get(item.key)) for item in instrument.items]
    return render(
        request,
        "measures/administration.html",
        {
            "client": adm.client,
            "adm": adm,
            "instrument": instrument,
            "rows": rows,
            "items": items,
            "alerts": adm.alerts.all(),
            "first": first,
        },
    )


def administration_fhir(request: ClinicianRequest, administration_id: int) -> HttpResponse:
    adm = get_administration_for_user(request.user, administration_id)
    instrument = get_instrument(adm.instrument, adm.version)
    bundle = administration_bundle(
        score(instrument, adm.answers),
        adm.answers,
        taken_at=adm.taken_at,
        subject_id=str(adm.client_id),
        subject_label=adm.client.display_name,
        questionnaire_url=questionnaire_url(adm.instrument, adm.version),
    )
    response = HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{adm.instrument}-{adm.pk}.fhir.json"'
    return response


def alert_acknowledge(request: ClinicianRequest, alert_id: int) -> HttpResponse:
    alert = get_alert_for_user(request.user, alert_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.acknowledge_alert(alert=alert, by=request.user, now=timezone.now())
    messages.success(request, "Risk alert acknowledged; your name and the time are recorded.")
    return redirect("client-measures", client_id=alert.administration.client_id)


def link_new(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    form = LinkForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        link, token = actions.create_link(
            client=client,
            by=request.user,
            instruments=form.cleaned_data["instruments"],
            now=timezone.now(),
            days=form.cleaned_data["days"],
            recurring_weekly=form.cleaned_data["recurring_weekly"],
            share_progress=form.cleaned_data["share_progress"],
            logs=form.cleaned_data["logs"],
            share_plan=form.cleaned_data["share_plan"],
            relationship=form.cleaned_data.get("relationship"),
        )
        url = request.build_absolute_uri(f"/c/{token}/")
        return render(
            request,
            "measures/link_created.html",
            {"client": client, "link": link, "checkin_url": url},
        )
    return render(
        request,
        "measures/link_new.html",
        {"client": client, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def link_revoke(request: ClinicianRequest, link_id: int) -> HttpResponse:
    link = get_link_for_user(request.user, link_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    messages.success(request, "The check-in link no longer works.")
    return redirect("client-measures", client_id=link.client_id)


@login_not_required
@never_cache
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    """The client's page: only the chosen check-ins, nothing else about them."""
    link = get_link_for_token(token)
    now = timezone.now()
    if not link.is_open(now):
        return render(request, "measures/checkin_closed.html", {"reason": "expired"}, status=410)
    instruments = [get_instrument(k) for k in link.instruments]
    if not instruments:
        return render(request, "measures/checkin.html", {"forms": [], "link": link})
    already = link.submissions.filter(period=link.period(now)).exists()
    if already:
        return _answered(request, link, now, status=409 if request.method == "POST" else 200)
    data = request.POST or None
    forms = [AnswersForm(i, data) for i in instruments]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            actions.submit_checkin(
                link=link, answers={f.instrument: f.answers() for f in forms}, now=now
            )
        except actions.AlreadySubmitted:
            return _answered(request, link, now, status=409)
        except actions.LinkClosed:
            return render(
                request, "measures/checkin_closed.html", {"reason": "expired"}, status=410
            )
        except InvalidAnswers as e:
            forms[0].add_error(None, str(e))
        else:
            return _answered(request, link, now, thanks=True)
    return render(
        request,
        "measures/checkin.html",
        {"forms": forms, "link": link, "relationship": link.relationship},
        status=400 if request.method == "POST" else 200,
    )


def _answered(
    request: HttpRequest,
    link: CheckinLink,
    now: datetime,
    *,
    thanks: bool = False,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, object] = {
        "link": link,
        "thanks": thanks,
        "next_opening": link.next_opening(now) if link.recurring_weekly else None,
        "expires_at": link.expires_at,
    }
    if link.share_progress:
        context.update(_progress_context(link.client, own_wording_only=True))
    return render(request, "measures/checkin_done.html", context, status=status)


def instruments_list(request: ClinicianRequest) -> HttpResponse:
    return render(request, "measures/instruments.html", {"instruments": all_instruments()})


def instrument_detail(request: ClinicianRequest, instrument_key: str) -> HttpResponse:
    try:
        instrument = get_instrument(instrument_key)
    except UnknownInstrument as e:
        raise Http404(str(e)) from None
    scales = []
    for scale in instrument.scales:
        change = None
        if scale.clinical_norm is not None and scale.reliability is not None:
            criterion, cutoff = cutoffs(
                scale.clinical_norm, scale.functional_norm, scale.higher_is_worse
            ).preferred
            threshold = Z_95 * s_diff(scale.clinical_norm.sd, scale.reliability.value)
            change = {"threshold": threshold, "criterion": criterion, "cutoff": cutoff}
        scales.append((scale, change))
    return render(request, "measures/instrument.html", {"instrument": instrument, "scales": scales})


def instrument_import(request: ClinicianRequest) -> HttpResponse:
    form = QuestionnaireUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = actions.import_questionnaire(data=form.cleaned_data["file"], by=request.user)
        except InvalidQuestionnaire as e:
            errors = e.errors
        except MutualityError as e:
            errors = [str(e)]
        else:
            messages.success(request, f"Installed {imported.title} (version {imported.version}).")
            return redirect("instrument", instrument_key=imported.key)
    return render(
        request,
        "measures/import.html",
        {"form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )
