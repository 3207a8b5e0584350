from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mutuality.audit.actions import describe
from mutuality.audit.models import Action
from mutuality.logs import actions
from mutuality.logs.forms import LogEntryForm
from mutuality.measures.access import get_link_for_token
from mutuality.measures.actions import LinkClosed


@login_not_required
@never_cache
def link_log(request: HttpRequest, token: str) -> HttpResponse:
    """The client's between-session log, through their private link: any number of entries
    while the link is open, and nothing about them shown back but their own entries."""
    link = get_link_for_token(token)
    now = timezone.now()
    if not link.is_open(now) or not link.logs:
        return render(request, "measures/checkin_closed.html", {"reason": "expired"}, status=410)
    form = LogEntryForm(
        request.POST or None,
        kinds=link.logs,
        relationships=link.client.relationships.exclude(kind="therapy"),
        today=timezone.localdate(),
    )
    saved = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = actions.add_entry(
                link=link, kind=data["kind"], on=data["on"], now=now,
                good_things=data["good_things"], relationship=data["relationship"],
                whom=data["whom"], how_met=data["how_met"], what=data["what"],
            )  # fmt: skip
            describe(request, action=Action.CREATE)
        except LinkClosed:
            return render(
                request, "measures/checkin_closed.html", {"reason": "expired"}, status=410
            )
        form = LogEntryForm(
            kinds=link.logs,
            relationships=link.client.relationships.exclude(kind="therapy"),
            today=timezone.localdate(),
        )
    recent = link.log_entries.order_by("-on", "-id")[:10]
    return render(
        request,
        "logs/link_log.html",
        {"link": link, "form": form, "saved": saved, "recent": recent},
        status=400 if request.method == "POST" and saved is None else 200,
    )
