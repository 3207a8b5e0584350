from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mutuality.sessions.access import get_session_for_user
from mutuality.sessions.forms import SessionForm
from mutuality.site.requests import ClinicianRequest


def session_edit(request: ClinicianRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    form = SessionForm(request.POST or None, instance=session, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Session details saved.")
        return redirect("session", session_id=session.pk)
    return render(
        request,
        "sessions/session_form.html",
        {"session": session, "client": session.client, "form": form},
        status=400 if request.method == "POST" else 200,
    )
