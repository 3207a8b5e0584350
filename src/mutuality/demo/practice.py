"""Loads the synthetic demo practice into an empty database."""

from dataclasses import replace
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from mutuality.clients.models import Client, SocialIdentity
from mutuality.core.rct.vocabulary import MIRRORS, GoodThing, Power
from mutuality.demo.audit import load_demo_audit
from mutuality.demo.measures import WEEKS, load_demo_measures
from mutuality.demo.record import load_demo_record
from mutuality.demo.stories import POINTS, STORIES, Story, Trajectory
from mutuality.demo.transcripts import load_demo_transcripts
from mutuality.maps import tally
from mutuality.maps.models import Relationship, RelationshipAssessment
from mutuality.notes.actions import cosign
from mutuality.notes.models import SessionNote
from mutuality.practices.actions import create_clinician
from mutuality.practices.models import Supervision
from mutuality.record import activity

PRACTICE_NAME = "Riverside Relational Practice (demo)"
DEMO_CLINICIANS = (("ana", "Ana Moreno"), ("ben", "Ben Adeyemi"))
# username, name, role: both must set up two-factor sign-in at their first sign-in.
DEMO_STAFF = (
    ("sam", "Sam Whitfield", "supervisor"),  # supervises Ben, whose notes need co-signing
    ("pat", "Pat Lindqvist", "admin"),
)

# Good things are taken in this order and outcomes in the mirrored reverse order, so a
# date never lists a good thing together with the outcome that is its absence.
GOOD_ORDER = (
    GoodThing.ZEST,
    GoodThing.CLARITY,
    GoodThing.WORTH,
    GoodThing.ACTION,
    GoodThing.DESIRE_FOR_CONNECTION,
)
OUTCOME_ORDER = tuple(MIRRORS[g] for g in reversed(GOOD_ORDER))


def _months_ago(today: date, months: int) -> date:
    return today - timedelta(days=round(30.44 * months) + 2)


def _ratings(t: Trajectory, i: int) -> tuple[int, int, int, int, Power]:
    """Ratings at point i: a straight line from start to end, pulled down by a rupture."""
    span = len(POINTS) - 1 - t.first_point
    f = (i - t.first_point) / span if span else 1.0
    values = [round(a + (b - a) * f) for a, b in zip(t.start, t.end, strict=True)]
    if t.dip_at == i:
        values = [max(0, v - 2) for v in values[:3]] + [max(0, values[3] - 1)]
    power = t.power[0] if f < 0.5 else t.power[1]
    if t.dip_at == i:
        power = Power(min(Power.OVER, power + 1))
    return values[0], values[1], values[2], values[3], Power(power)


def _assessments(
    rel: Relationship, t: Trajectory, today: date, by: User
) -> list[RelationshipAssessment]:
    out = []
    for i in range(t.first_point, len(POINTS)):
        me, au, emp, close, power = _ratings(t, i)
        level = (me + au + emp) / 3
        n_good = max(0, min(5, round(level * 1.25 - 0.5)))
        n_bad = max(0, min(5 - n_good, round(3 - level * 1.2)))
        out.append(
            RelationshipAssessment(
                relationship=rel,
                assessed_on=_months_ago(today, POINTS[i]),
                mutual_empathy=me,
                authenticity=au,
                mutual_empowerment=emp,
                closeness=close,
                power=power,
                power_direction=t.direction if power >= Power.MOSTLY_OVER else "shared",
                good_things=[g.value for g in GOOD_ORDER[:n_good]],
                outcomes=[o.value for o in OUTCOME_ORDER[:n_bad]],
                strategies=[s.value for s in t.strategies] if level < 3 else [],
                relational_images=t.images if i == t.first_point else "",
                note=t.note if i == len(POINTS) - 1 else "",
                created_by=by,
            )
        )
    return out


# Family names for the clients generated beyond the thirteen stories (invented pairings).
SURNAMES = (
    "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Mensah", "Ibarra",
    "Nguyen", "O'Brien", "Petrov", "Sandoval", "Achebe", "Varga", "Holm", "Castillo",
)  # fmt: skip


def generated_stories(n: int) -> list[Story]:
    """`n` clients beyond the stories, each following one of them under a new name."""
    out = []
    for i in range(n):
        story = STORIES[i % len(STORIES)]
        round_ = i // len(STORIES)
        surname = SURNAMES[round_ % len(SURNAMES)]
        suffix = f" {round_ // len(SURNAMES) + 1}" if round_ >= len(SURNAMES) else ""
        out.append(replace(story, name=f"{story.name} {surname}{suffix}"))
    return out


def _load_story(story: Story, clinician: User, today: date, weeks: int = WEEKS) -> None:
    client = Client.objects.create(
        clinician=clinician,
        display_name=story.name,
        pronouns=story.pronouns,
        status=Client.Status.CLOSED if story.closed else Client.Status.ACTIVE,
        start_date=min(_months_ago(today, POINTS[0] + 1), today - timedelta(weeks=weeks + 1)),
        concerns=list(story.concerns),
        concerns_note=story.note + " (Synthetic demo client.)",
        is_synthetic=True,
    )
    SocialIdentity.objects.bulk_create(
        SocialIdentity(client=client, dimension=d, own_words=w, position=p, contexts=c)
        for d, w, p, c in story.identities
    )
    for t in story.ties:
        rel = Relationship.objects.create(client=client, name=t.name, kind=t.kind)
        RelationshipAssessment.objects.bulk_create(_assessments(rel, t, today, clinician))


def _cosign_older_notes(supervision: Supervision) -> None:
    """Sam has co-signed Ben's notes signed since his supervision began, except each
    client's latest: those wait for him."""
    signed = SessionNote.objects.awaiting_cosignature(supervision).order_by(
        "session__client_id", "-signed_at"
    )
    latest: set[int] = set()
    for note in signed.select_related("session"):
        if note.session.client_id not in latest:
            latest.add(note.session.client_id)
            continue
        assert note.signed_at is not None
        cosign(note=note, by=supervision.supervisor, now=note.signed_at + timedelta(days=2))


@transaction.atomic
def load_demo_practice(
    *, password: str, today: date | None = None, clients: int | None = None, years: float = 0
) -> bool:
    """Load the demo practice if the database has no accounts yet; True if it loaded.

    By default the thirteen story clients with eight months of history. `clients` past
    thirteen adds clients following the same stories under other names; `years` stretches
    every client's measures over that many years, with a session and its signed note every
    fortnight (for trying Mutuality at scale)."""
    if User.objects.exists():
        return False
    today = today or timezone.localdate()
    weeks = max(WEEKS, round(years * 52))
    users = {}
    for username, name, role in [(u, n, "clinician") for u, n in DEMO_CLINICIANS] + list(
        DEMO_STAFF
    ):
        account = create_clinician(
            username=username,
            password=password,
            display_name=name,
            practice_name=PRACTICE_NAME,
            is_demo=True,
        )
        account.role = role
        account.save(update_fields=["role"])
        users[username] = account.user
    supervision = Supervision.objects.create(
        supervisor=users["sam"],
        supervisee=users["ben"],
        cosign_required=True,
        started_on=today - timedelta(days=240),
    )
    for story in [*STORIES, *generated_stories(max(0, (clients or 0) - len(STORIES)))]:
        _load_story(story, users[story.clinician], today, weeks)
    load_demo_measures(list(Client.objects.filter(is_synthetic=True)), users, today, weeks)
    synthetic = list(Client.objects.filter(is_synthetic=True))
    load_demo_record(synthetic, today, weeks)  # a session every fortnight of the history
    load_demo_transcripts(Client.objects.named("Riley"), users["ana"], today)
    _cosign_older_notes(supervision)
    everyone = list(Client.objects.values_list("pk", flat=True))
    tally.rebuild(everyone, today)  # bulk_create sends no signal to keep these
    activity.rebuild(everyone)
    load_demo_audit()
    return True  # then site.postgresql.after_bulk_load, outside this transaction
