"""The demo practice's clinical record: for every synthetic client, fortnightly sessions
with notes (most signed, the latest a draft, one with an addendum), a plan from the RCT
library with logs that feed it, and a formulation (revised once for three clients).
Every word is invented."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db.models import prefetch_related_objects
from django.utils import timezone

from mutuality.clients.models import Client
from mutuality.core.record.notes import content_hash
from mutuality.formulations.actions import save_formulation
from mutuality.logs.models import LogEntry
from mutuality.notes import actions as notes
from mutuality.notes.models import Cosignature, SessionNote
from mutuality.plans import actions as plans
from mutuality.practices.models import Supervision
from mutuality.sessions.models import TherapySession

GOALS = {  # client -> (problem, goal) from the Guide's library
    "Riley": ("isolation", "reduce-condemned-isolation"),
    "Dev": ("relationship-conflict", "interrupt-relational-paradox"),
    "Mei": ("oppression", "externalise-stigma"),
}
DEFAULT_GOAL = ("low-mood-worth", "restore-zest-and-worth")
REVISED = {"Riley", "Dev", "Mei"}
NOTE = {
    "data": "{name} spoke about the week: who they reached out to and where they held back.",
    "assessment": "More willing to stay with discomfort in the room; the old expectation of "
    "being let down still shows when plans change.",
    "plan": "Continue the log; revisit the relationship that felt riskiest this week.",
}
PROCESS = {
    "connection": "A moment of shared laughter after {name} named a fear plainly.",
    "disconnection": "Went quiet when I asked about family; I named it gently.",
}


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _formulation(client: Client, by: User, on: date, revised: bool) -> None:
    name = client.display_name
    content = {
        "yearnings": [f"to be known by the people {name} loves without having to perform"],
        "strategies": [
            {"strategy": "going quiet", "where": "when someone is disappointed",
             "protects": "against being dropped"},
        ],
        "relational_images": [
            {"words": "If I need people, they leave", "origin": "early family life",
             "status": "shifting" if revised else "active"},
        ],
        "controlling_images": [
            {"image": "the one who copes", "source": "family and school",
             "internalised": "partly" if revised else "largely"},
        ],
        "isolation": ["moving cities alone at nineteen"],
        "resilience": ["a friend from the choir", *(["a colleague"] if revised else [])],
        "therapy_power_culture": "We talk about the difference in age and class between us.",
        "clinician_location": "A clinician from a different generation and background.",
    }  # fmt: skip
    save_formulation(client=client, by=by, content=content, as_of=on, shared=revised)


def load_demo_record(clients: list[Client], today: date, weeks: int = 0) -> None:
    """The last sixteen weeks of sessions, written through the record's own actions, and
    the fortnightly sessions of the `weeks` before them (since each client began), their
    notes signed (and co-signed where the clinician's supervision asks for it)."""
    for client in clients:
        by = client.clinician
        start = max(client.start_date, today - timedelta(weeks=16))
        first = max(client.start_date, today - timedelta(weeks=weeks))
        if first < start:
            _earlier_sessions(client, by, first, start)
        days = [
            start + timedelta(weeks=2 * n)
            for n in range(8)
            if start + timedelta(weeks=2 * n) < today
        ]
        sessions = [TherapySession.objects.get_or_create(client=client, held_on=d)[0] for d in days]
        for n, s in enumerate(sessions):
            s.start_time, s.modality = time(10 + n % 6), ("video" if n % 3 == 2 else "in-person")
            s.save()
            note = notes.save_draft(
                session=s, by=by, form="dap",
                sections={k: v.format(name=client.display_name) for k, v in NOTE.items()},
                process={k: v.format(name=client.display_name) for k, v in PROCESS.items()},
            )  # fmt: skip
            if n < len(sessions) - 1:  # the latest stays a draft
                note = notes.sign_note(note=note, by=by, now=_aware(s.held_on, 18))
                if client.display_name == "Riley" and n == 1:
                    notes.add_addendum(
                        note=note, by=by, now=_aware(s.held_on + timedelta(days=2), 9),
                        text="Riley phoned to add that the visit to her sister went ahead.",
                    )  # fmt: skip
        _formulation(client, by, start, revised=False)
        if client.display_name in REVISED:
            _formulation(client, by, start + timedelta(weeks=10), revised=True)
        plan = plans.start_plan(
            client=client, by=by, now=_aware(start, 12), review_due=today + timedelta(weeks=4)
        )
        problem, goal_key = GOALS.get(client.display_name, DEFAULT_GOAL)
        goal = plans.add_goal_from_library(
            plan=plan, goal_key=goal_key, problem_key=problem, by=by, now=_aware(start, 12)
        )
        objective = goal.objectives.get()
        objective.start, objective.due = start, start + timedelta(weeks=20)
        objective.save()
        if objective.log_kind:
            LogEntry.objects.bulk_create(
                LogEntry(client=client, kind=objective.log_kind, on=start + timedelta(days=d),
                         good_things=["zest"] if objective.log_kind == "five-good-things" else [],
                         whom="a friend" if objective.log_kind == "disclosure" else "",
                         how_met="welcomed" if objective.log_kind == "disclosure" else "")
                for d in range(3, (today - start).days, 9)
            )  # fmt: skip
        else:
            for n, s in enumerate(sessions):
                plans.rate_objective(objective=objective, session=s, value=min(3 + n, 8), by=by)


def _earlier_sessions(client: Client, by: User, first: date, until: date) -> None:
    """Fortnightly sessions from `first` to before `until`, each note signed two hours after
    its session: written in bulk (years of a practice), sealed by the notes' own
    `sealed_content`, so each hash checks as a note signed one at a time would."""
    sessions = TherapySession.objects.bulk_create(
        TherapySession(
            client=client,
            held_on=first + timedelta(days=n),
            start_time=time(10),
            modality="in-person",
        )
        for n in range(0, (until - first).days, 14)
    )
    words = {k: v.format(name=client.display_name) for k, v in NOTE.items()}
    thoughts = {k: v.format(name=client.display_name) for k, v in PROCESS.items()}
    drafts = SessionNote.objects.bulk_create(
        SessionNote(session=s, author=by, form="dap", sections=words, process=thoughts)
        for s in sessions
    )
    prefetch_related_objects(drafts, "measures_reviewed")  # none: one query, not one a note
    for note in drafts:
        note.signed_by, note.signed_at = by, _aware(note.session.held_on, 12)
        note.content_hash = content_hash(note.sealed_content())
    SessionNote.objects.bulk_update(drafts, ["signed_by", "signed_at", "content_hash"])
    supervision = Supervision.objects.active().filter(supervisee=by, cosign_required=True).first()
    if supervision is None:
        return
    cosignatures = [  # of the notes signed since the supervision began
        Cosignature(
            note=note,
            signed_by=supervision.supervisor,
            signed_at=_aware(note.session.held_on, 12) + timedelta(days=2),
        )
        for note in drafts
        if note.session.held_on >= supervision.started_on
    ]
    for c in cosignatures:
        c.content_hash = content_hash(c.sealed_content())
    Cosignature.objects.bulk_create(cosignatures)
