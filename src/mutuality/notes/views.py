from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from mutuality.audit.actions import describe
from mutuality.audit.models import Action
from mutuality.core import rct
from mutuality.core.errors import MutualityError
from mutuality.notes import actions
from mutuality.notes.forms import AddendumForm, NoteFormForm, ProcessNoteForm
from mutuality.notes.models import ProcessNote, SessionNote, SignedNoteLocked, SupervisionReflection
from mutuality.sessions.access import get_own_session_for_user, get_session_for_user
from mutuality.site.prepared import Prepared
from mutuality.site.requests import ClinicianRequest


def _default_form(request: ClinicianRequest) -> str:
    clinician = getattr(request.user, "clinician", None)
    return clinician.default_note_form if clinician else "dap"


NOTE_OF_SESSION = Prepared(lambda session: SessionNote.objects.filter(session_id=session), -1)


def note_edit(request: ClinicianRequest, session_id: int) -> HttpResponse:
    """Write or change the draft; sign it from the same form. A signed note is read-only."""
    session = get_session_for_user(request.user, session_id)
    note = NOTE_OF_SESSION.first(session.pk)
    if note is not None and note.is_signed:
        if request.method == "POST":
            messages.error(request, str(SignedNoteLocked()))
            return redirect("session", session_id=session.pk)
        return redirect("note-print", session_id=session.pk)
    initial = NoteFormForm.initial_for(note, _default_form(request))
    form = NoteFormForm(request.POST or None, session=session, initial=initial)
    if request.method == "POST" and form.is_valid():
        note = actions.save_draft(
            session=session,
            by=request.user,
            form=form.cleaned_data["form"],
            sections=form.sections(),
            process=form.process(),
            measures=form.cleaned_data["measures"],
            objectives=form.cleaned_data["objectives"],
        )
        if "sign" in request.POST:
            if not note.sections:
                form.add_error(None, "Write at least one section before signing.")
            else:
                actions.sign_note(note=note, by=request.user, now=timezone.now())
                describe(request, action=Action.SIGN, object_type="note", object_id=note.pk)
                messages.success(request, "Note signed. It is now locked; add an addendum to it.")
                return redirect("session", session_id=session.pk)
        else:
            messages.success(request, "Draft saved.")
            return redirect("session", session_id=session.pk)
    return render(
        request,
        "notes/note_form.html",
        {"session": session, "client": session.client, "form": form, "note": note},
        status=400 if request.method == "POST" else 200,
    )


def addendum_add(request: ClinicianRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    note = SessionNote.objects.filter(session=session, signed_at__isnull=False).first()
    form = AddendumForm(request.POST)
    if note is None:
        messages.error(request, "Addenda are added to a signed note; this session has none.")
    elif form.is_valid():
        addendum = actions.add_addendum(
            note=note, by=request.user, text=form.cleaned_data["text"], now=timezone.now()
        )
        describe(request, action=Action.SIGN, object_type="addendum", object_id=addendum.pk)
        messages.success(request, "Addendum added and signed.")
    else:
        messages.error(request, "Write the addendum before adding it.")
    return redirect("session", session_id=session.pk)


def note_cosign(request: ClinicianRequest, session_id: int) -> HttpResponse:
    """A supervisor co-signs a supervisee's signed note (the one change a supervisor makes)."""
    session = get_session_for_user(request.user, session_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    note = SessionNote.objects.filter(session=session, signed_at__isnull=False).first()
    if note is None:
        messages.error(request, "Only a signed note can be co-signed; this session has none.")
        return redirect("session", session_id=session.pk)
    try:
        cosignature = actions.cosign(note=note, by=request.user, now=timezone.now())
    except MutualityError as e:
        raise PermissionDenied(str(e)) from e
    describe(request, action=Action.SIGN, object_type="cosignature", object_id=cosignature.pk)
    messages.success(request, "Note co-signed.")
    return redirect("session", session_id=session.pk)


def note_print(request: ClinicianRequest, session_id: int) -> HttpResponse:
    """The signed note as it would be printed: header with pseudonym, date, signature, hash."""
    session = get_session_for_user(request.user, session_id)
    note = SessionNote.objects.filter(session=session).select_related("signed_by").first()
    if note is None:
        return redirect("note-edit", session_id=session.pk)
    return render(
        request,
        "notes/note_print.html",
        {
            "session": session,
            "client": session.client,
            "note": note,
            **actions.note_view(note),
            "addenda": note.addenda.select_related("signed_by"),
        },
    )


def private_notes(request: ClinicianRequest, session_id: int) -> HttpResponse:
    """Process notes and supervision reflections: the clinician's own, apart from the record."""
    session = get_own_session_for_user(request.user, session_id)
    process = ProcessNote.objects.filter(session=session).first()
    reflections = {r.question: r for r in session.reflections.all()}
    form = ProcessNoteForm(request.POST or None, initial={"text": process.text if process else ""})
    if request.method == "POST" and form.is_valid():
        ProcessNote.objects.update_or_create(
            session=session, defaults={"text": form.cleaned_data["text"], "author": request.user}
        )
        for q in rct.QUESTIONS:
            text = request.POST.get(f"q_{q.key}", "").strip()[:10_000]
            if text:
                SupervisionReflection.objects.update_or_create(
                    session=session, question=q.key, defaults={"text": text, "author": request.user}
                )
            elif q.key in reflections:
                reflections[q.key].delete()
        messages.success(request, "Private notes saved.")
        return redirect("private-notes", session_id=session.pk)
    questions = [
        (q, reflections[q.key].text if q.key in reflections else "") for q in rct.QUESTIONS
    ]
    return render(
        request,
        "notes/private.html",
        {"session": session, "client": session.client, "form": form, "questions": questions},
    )
