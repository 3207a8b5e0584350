"""A client's sessions: the list of them, a page at a time, and the hub of one session
(its note, transcript, measures, map reviews and objectives)."""

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from html import escape  # as Django's escape, without its check for lazy text per call
from typing import Any, NamedTuple

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from mutuality.audit.actions import describe
from mutuality.audit.models import Action
from mutuality.clients.access import get_client_for_user
from mutuality.core import rct
from mutuality.core.charts_svg import SECOND, Chart, Series, render_chart
from mutuality.maps.models import RelationshipAssessment
from mutuality.measures.models import Administration
from mutuality.measures.registry import title_of
from mutuality.notes.actions import cosign_state, note_view
from mutuality.notes.forms import AddendumForm
from mutuality.notes.models import Addendum, SessionNote
from mutuality.plans.forms import RatingForm
from mutuality.plans.models import Objective, ObjectiveRating
from mutuality.sessions.access import get_session_for_user
from mutuality.sessions.forms import SessionForm
from mutuality.sessions.models import MODALITY_LABELS, TherapySession
from mutuality.site.dates import day_start
from mutuality.site.days import day
from mutuality.site.links import url_pattern
from mutuality.site.prepared import PAGE_IDS, SOMEDAY, Prepared, page_of
from mutuality.site.requests import ClinicianRequest
from mutuality.transcripts.models import SessionTranscript


class Listed(NamedTuple):
    """A session as the list shows it, read without building model instances: whether its
    note is signed, and its transcript's model and summary (None without a transcript)."""

    pk: int
    held_on: date
    modality: str
    note: int | None
    signed_at: datetime | None
    model: str | None
    summary: dict[str, Any] | None


def _trend(sessions: Sequence[Listed]) -> str:
    analysed = [(s.held_on, s.summary) for s in reversed(sessions) if s.summary]  # {}: queued
    if not analysed:
        return ""
    empathy = tuple((on, 100 * summary["empathic_turns"]) for on, summary in analysed)
    disconnection = tuple(
        (
            on,
            100 * max(summary["client_rates"][k] for k in ("isolation", "concealment", "shame")),
        )
        for on, summary in analysed
    )
    return render_chart(
        Chart(
            "Across sessions (% of turns)",
            (
                Series("clinician turns with empathy", empathy),
                Series("client turns with a disconnection cue", disconnection, SECOND, True),
            ),
            0,
            100,
            higher_is_worse=False,
        )
    )


SESSIONS_PAGE = len(PAGE_IDS)  # fifty: a year of weekly sessions
# The sessions list's statements, built once (site.prepared). Of a note, the list shows
# only whether it is signed, so its sealed text is not read; nor a transcript's content.
SESSION_IDS = Prepared(
    lambda client: TherapySession.objects.filter(client_id=client).values_list("pk"), -1
)
LISTED = ("pk", "held_on", "modality", "note", "note__signed_at", "transcript__model")
SESSIONS_BY_ID = Prepared(
    lambda *ids: TherapySession.objects.filter(pk__in_page=ids).values_list(
        *LISTED, "transcript__summary"
    ),
    *PAGE_IDS,
)


def client_sessions(request: ClinicianRequest, client_id: int) -> HttpResponse:
    client = get_client_for_user(request.user, client_id)
    form = SessionForm(request.POST or None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.client = client
        session.save()
        describe(request, action=Action.CREATE, object_type="session", object_id=session.pk)
        messages.success(request, "Session added. Write its note when you are ready.")
        return redirect("session", session_id=session.pk)
    # Newest first, a page at a time: years of weekly sessions are hundreds of rows, whose
    # ids are read to count and page them, then the page's fifty sessions.
    ids = [pk for (pk,) in SESSION_IDS.rows(client.pk)]
    page = Paginator(ids, SESSIONS_PAGE).get_page(request.GET.get("page"))
    listed = [Listed(*row) for row in SESSIONS_BY_ID.rows(*page_of(list(page.object_list)))]
    on_page = {s.pk: s for s in listed}
    sessions = [on_page[pk] for pk in page.object_list if pk in on_page]
    return render(
        request,
        "sessions/sessions.html",
        {
            "client": client,
            "rows": _session_rows(sessions),
            "page": page,
            "form": form,
            "trend": _trend(sessions),
        },
        status=400 if request.method == "POST" else 200,
    )


def _session_rows(sessions: Sequence[Listed]) -> SafeString:
    """The sessions table's rows, built in Python as the caseload's are: fifty rows of
    cells cost the template engine milliseconds. Every text is escaped here."""
    link = url_pattern("session")
    rows = []
    for s in sessions:
        signed = (
            '<span class="muted">—</span>'
            if s.note is None
            else '<span class="pill ok">signed</span>'
            if s.signed_at is not None
            else '<span class="pill">draft</span>'
        )
        if s.summary is None:
            analysis = '<td class="muted" colspan="4">no transcript</td>'
        elif not s.summary:  # queued, or its analysis failed: no summary yet
            analysis = '<td class="muted" colspan="4">transcript not analysed yet</td>'
        else:
            summary = s.summary
            client_share = summary.get("talk_share", {}).get("client", 0)
            analysis = (
                f"<td>{summary.get('utterances', 0)} utterances · {escape(s.model or '')}"
                f" model</td><td>{round(summary.get('empathic_turns', 0) * 100)}%</td>"
                f"<td>{round(client_share * 100)}%</td>"
                f"<td>{len(summary.get('ruptures', []))}</td>"
            )
        modality = escape(MODALITY_LABELS[s.modality])
        rows.append(
            f'<tr><td><a href="{link.format(s.pk)}">{day(s.held_on)}</a><br><span class="muted'
            f' small">{modality}</span></td><td>{signed}</td>{analysis}</tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every text above is escaped


class Taken(NamedTuple):
    """An administration as the session page lists it, read as a row."""

    pk: int
    instrument: str
    taken_at: datetime
    source: str

    @property
    def source_label(self) -> str:
        return str(Administration.Source(self.source).label)


def _latest_per_instrument(administrations: Iterable[Taken]) -> list[tuple[str, Taken, int]]:
    """(title, latest administration, how many) per instrument, newest first."""
    latest: dict[str, Taken] = {}
    counts: Counter[str] = Counter()
    for a in administrations:
        latest.setdefault(a.instrument, a)
        counts[a.instrument] += 1
    return [(title_of(key), a, counts[key]) for key, a in latest.items()]


# The statements the session page runs, built once (site.prepared): its note with who
# signed and co-signed it, its ratings and transcript summary, the client's open
# objectives, the measures of the four weeks before it and the map reviews of its day.
NOTE = Prepared(
    lambda session: SessionNote.objects.filter(session_id=session).select_related(
        "signed_by__clinician", "cosignature__signed_by__clinician"
    ),
    -1,
)
ADDENDA = Prepared(
    lambda note: Addendum.objects.filter(note_id=note).select_related("signed_by__clinician"), -1
)
RATINGS = Prepared(
    lambda session: ObjectiveRating.objects.filter(session_id=session).values_list(
        "objective_id", "value"
    ),
    -1,
)
SUMMARY = Prepared(
    lambda session: SessionTranscript.objects.filter(session_id=session).defer("content"), -1
)
OPEN_OBJECTIVES = Prepared(
    lambda client: Objective.objects.filter(goal__plan__client_id=client, goal__closed=False),
    -1,
)
ADDRESSED = Prepared(
    lambda session: Objective.objects.filter(sessions__id=session).values_list("id"), -1
)
MEASURES_BETWEEN = Prepared(
    lambda client, start, end: (
        Administration.objects.filter(client_id=client, taken_at__gte=start, taken_at__lt=end)
        .order_by("-taken_at")
        .values_list(*Taken._fields)
    ),
    -1,
    SOMEDAY,
    SOMEDAY + timedelta(days=1),
)
REVIEWS_ON = Prepared(
    lambda client, day: (
        RelationshipAssessment.objects.filter(relationship__client_id=client, assessed_on=day)
        .select_related("relationship")
        .only("relationship__name")
    ),
    -1,
    SOMEDAY.date(),
)


def session_detail(request: ClinicianRequest, session_id: int) -> HttpResponse:
    """The hub of one meeting: its note, transcript, measures, map and objectives."""
    session = get_session_for_user(request.user, session_id)
    client = session.client
    note = NOTE.first(session.pk)
    day = session.held_on
    rated = dict(RATINGS.rows(session.pk))
    transcript = SUMMARY.first(session.pk)
    cosign_due, may_cosign = cosign_state(note, request.user) if note else (False, False)
    recent = [
        Taken(*row)
        for row in MEASURES_BETWEEN.rows(
            client.pk, day_start(day - timedelta(days=27)), day_start(day, after=True)
        )
    ]
    return render(
        request,
        "sessions/session.html",
        {
            "session": session,
            "client": client,
            "note": note,
            "addenda": ADDENDA.all(note.pk) if note and note.is_signed else [],
            "addendum_form": AddendumForm(),
            "transcript": transcript,
            "summary": transcript.summary if transcript else None,
            "measures": _latest_per_instrument(recent),
            **(note_view(note) if note and note.is_signed else {}),
            "cosignature": getattr(note, "cosignature", None) if note else None,
            "cosign_due": cosign_due,
            "may_cosign": may_cosign,
            "own": client.clinician_id == request.user.pk,
            "assessments": REVIEWS_ON.all(client.pk, day),
            "addressed": {pk for (pk,) in ADDRESSED.rows(session.pk)},
            "objectives": [(o, rated.get(o.pk)) for o in OPEN_OBJECTIVES.all(client.pk)],
            "rating_form": RatingForm(),
            "questions": rct.QUESTIONS,
        },
    )
