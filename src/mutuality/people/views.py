from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django_otp.plugins.otp_totp.models import TOTPDevice

from mutuality.audit.actions import account_events, check, last_whole
from mutuality.audit.signals import client_ip
from mutuality.people import actions
from mutuality.people.access import admin_practice, get_person_for_admin, get_supervision_for_admin
from mutuality.people.forms import PersonChangeForm, PersonForm, PracticeForm, SupervisionForm
from mutuality.practices.models import Clinician, Supervision
from mutuality.site.requests import ClinicianRequest


def _people_page(
    request: ClinicianRequest,
    person_form: PersonForm | None = None,
    supervision_form: SupervisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    practice = admin_practice(request)
    people = Clinician.objects.filter(practice=practice).select_related("user")
    enrolled = set(
        TOTPDevice.objects.filter(user__clinician__practice=practice, confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    return render(
        request,
        "people/people.html",
        {
            "people": [(p, p.user_id in enrolled) for p in people.order_by("display_name")],
            "supervisions": Supervision.objects.active()
            .filter(supervisor__clinician__practice=practice)
            .select_related("supervisor__clinician", "supervisee__clinician"),
            "person_form": person_form or PersonForm(),
            "supervision_form": supervision_form or SupervisionForm(practice=practice),
        },
        status=status,
    )


def people(request: ClinicianRequest) -> HttpResponse:
    return _people_page(request)


def person_new(request: ClinicianRequest) -> HttpResponse:
    practice = admin_practice(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PersonForm(request.POST)
    if form.is_valid():
        try:
            person = actions.add_person(
                practice=practice,
                by=request.user,
                ip=client_ip(request),
                **form.cleaned_data,
            )
        except ValidationError as e:
            form.add_error("password" if "password" in str(e).lower() else "username", e)
        else:
            messages.success(request, f"{person.display_name} can now sign in.")
            return redirect("practice-people")
    return _people_page(request, person_form=form, status=400)


def person_edit(request: ClinicianRequest, person_id: int) -> HttpResponse:
    person = get_person_for_admin(request, person_id)
    initial = {"role": person.role, "active": person.user.is_active}
    form = PersonChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.change_person(
                person=person, by=request.user, ip=client_ip(request), **form.cleaned_data
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request, f"{person.display_name}: {'; '.join(changed) or 'nothing changed'}."
            )
            return redirect("practice-people")
    return render(
        request,
        "people/person.html",
        {"person": person, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def supervision_new(request: ClinicianRequest) -> HttpResponse:
    practice = admin_practice(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SupervisionForm(request.POST, practice=practice)
    if form.is_valid():
        try:
            actions.start_supervision(
                supervisor=form.user("supervisor"),
                supervisee=form.user("supervisee"),
                cosign_required=form.cleaned_data["cosign_required"],
                by=request.user,
                ip=client_ip(request),
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Supervision set up.")
            return redirect("practice-people")
    return _people_page(request, supervision_form=form, status=400)


def supervision_end(request: ClinicianRequest, supervision_id: int) -> HttpResponse:
    link = get_supervision_for_admin(request, supervision_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.end_supervision(link=link, by=request.user, ip=client_ip(request))
    messages.success(request, "Supervision ended: the supervisor no longer sees that caseload.")
    return redirect("practice-people")


def practice_settings(request: ClinicianRequest) -> HttpResponse:
    practice = admin_practice(request)
    form = PracticeForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        actions.save_settings(form=form, by=request.user, ip=client_ip(request))
        messages.success(request, "Practice settings saved.")
        return redirect("practice-settings")
    return render(
        request,
        "people/settings.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


# The most entries one visit to the audit page walks: about 10 s on a two-core machine
# (docs/benchmarks.md), within the server's 60 s timeout. A longer trail is walked over
# several visits, or at once by `mutuality audit verify`.
PAGE_WALK = 1_000_000


def practice_audit(request: ClinicianRequest) -> HttpResponse:
    """The chain's state and the account events an auditor asks about; no clinical content.
    A visit verifies the entries written since the last verification (the checkpoint it
    left); "Verify the whole trail" walks it from the first entry, as `mutuality audit
    verify` does. Either walks at most `PAGE_WALK` entries."""
    admin_practice(request)
    if request.method == "POST":
        verdict = check(whole=True, limit=PAGE_WALK)
        if verdict.intact:
            if verdict.left:
                messages.info(
                    request,
                    f"The first {verdict.entries} entries verified. The trail has "
                    f"{verdict.left} more than one visit walks: run mutuality audit verify "
                    "on the server to walk the whole of it.",
                )
            else:
                messages.success(request, f"The whole trail verified: {verdict.entries} entries.")
            return redirect("practice-audit")
    else:
        verdict = check(limit=PAGE_WALK)
    return render(
        request,
        "people/audit.html",
        {"verdict": verdict, "whole": last_whole(), "events": account_events()},
    )
