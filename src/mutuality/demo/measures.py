"""Eight months of synthetic measures for the demo clients, following their stories.

Each client has a wellbeing curve (0 = struggling, 1 = thriving) from which weekly
check-ins, paired Session Mutuality and fortnightly standard measures are drawn with a
little deterministic noise.
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from mutuality.clients.models import Client
from mutuality.core.measures import built_in
from mutuality.core.measures.model import Instrument
from mutuality.core.measures.scoring import kept_scores, score
from mutuality.measures.actions import create_link
from mutuality.measures.models import (
    Administration,
    CheckinLink,
    CheckinSubmission,
    RiskAlert,
    latest_use,
)
from mutuality.measures.summary import rebuild

WEEKS = 35
# name: (start, end, weeks of a dip or None)
CURVES: dict[str, tuple[float, float, range | None]] = {
    "Riley": (0.25, 0.72, None),
    "Mei": (0.35, 0.66, None),
    "Dev": (0.55, 0.72, range(15, 20)),
    "Sofia": (0.2, 0.55, None),
    "Tomasz": (0.3, 0.55, None),
    "Amara": (0.4, 0.6, None),
    "Harriet": (0.3, 0.72, None),
    "Jordan": (0.3, 0.62, None),
    "Lucía": (0.35, 0.55, None),
    "Kai": (0.3, 0.45, None),
    "Noor": (0.45, 0.6, None),
    "Patrick": (0.25, 0.6, None),
    "Zoe": (0.7, 0.2, None),
}
STANDARD = {
    "Riley": "phq9",
    "Sofia": "phq9",
    "Tomasz": "phq9",
    "Zoe": "phq9",
    "Patrick": "phq9",
    "Jordan": "core10",
    "Mei": "core10",
    "Amara": "gad7",
    "Lucía": "gad7",
    "Kai": "gad7",
    "Dev": "core10",
    "Noor": "gad7",
    "Harriet": "phq9",
}


def _answers(instrument: Instrument, level: float, rng: random.Random) -> dict[str, int | None]:
    """Each item near `level` (0..1 of its range), reverse-keyed items mirrored."""
    reverse = set().union(*(s.reverse for s in instrument.scales))
    out: dict[str, int | None] = {}
    for item in instrument.items:
        target = level if item.key not in reverse else 1 - level
        value = round(item.low + (item.high - item.low) * target + rng.uniform(-0.6, 0.6))
        out[item.key] = max(item.low, min(item.high, value))
    return out


def story_of(client: Client) -> str:
    """The story a client follows: its own, or the one a generated client was made from
    ('Riley Okafor' follows Riley)."""
    return str(client.display_name).split()[0]


def _wellbeing(name: str, week: int, weeks: int) -> float:
    start, end, dip = CURVES[name]
    w = start + (end - start) * week / max(1, weeks - 1)
    if dip:  # the dip sits at the same point of the story, however long it runs
        dip = range(dip.start * weeks // WEEKS, dip.stop * weeks // WEEKS)
    return max(0.0, w - 0.25) if dip and week in dip else w


def load_demo_measures(
    clients: list[Client], users: dict[str, User], today: date, weeks: int = WEEKS
) -> None:
    """Weekly check-ins and session measures, fortnightly standard measures, over `weeks`.
    Written in bulk: a practice of 200 clients over five years is a quarter of a million
    administrations."""
    tz = timezone.get_current_timezone()
    start = today - timedelta(weeks=weeks)
    admins: list[Administration] = []
    submissions: list[CheckinSubmission] = []
    risks: list[tuple[int, str, int, bool]] = []
    for client in clients:
        story = story_of(client)
        if story not in CURVES:
            continue
        rng = random.Random(client.display_name)
        clinician = users[client.clinician.username]
        created = datetime.combine(start, time(9), tz)
        link, _token = create_link(
            client=client,
            by=clinician,
            instruments=["five-good-things", "disconnection"],
            now=created,
            days=(today - start).days + 60,
            recurring_weekly=True,
            share_progress=True,
        )
        last_week = weeks
        if client.status == Client.Status.CLOSED:
            last_week = weeks - 5  # work ended a month ago; the link was withdrawn then
            link.revoked_at = datetime.combine(start + timedelta(weeks=last_week), time(9), tz)
            link.save(update_fields=["revoked_at"])
        if client.display_name == "Kai":
            last_week = weeks - 2  # a weekly check-in gone quiet: overdue on the caseload
        standard = built_in(STANDARD[story])
        for week in range(last_week):
            w = _wellbeing(story, week, weeks)
            when = datetime.combine(start + timedelta(weeks=week, days=1), time(19), tz)
            submission = CheckinSubmission(link=link, period=week, submitted_at=when)
            submissions.append(submission)
            for key, level in (("five-good-things", w), ("disconnection", 1 - w)):
                admins.append(
                    _admin(
                        client,
                        built_in(key),
                        _answers(built_in(key), level, rng),
                        when,
                        "link",
                        None,
                        submission,
                    )
                )
            session = when - timedelta(days=1)
            for key, bias in (
                ("session-mutuality-client", 0.0),
                ("session-mutuality-clinician", 0.08),
            ):
                level = min(1.0, 0.45 + 0.45 * w + bias)
                admins.append(
                    _admin(
                        client,
                        built_in(key),
                        _answers(built_in(key), level, rng),
                        session,
                        "session",
                        clinician,
                        None,
                    )
                )
            if week % 2 == 0:
                answers = _answers(standard, (1 - w) * 0.8, rng)
                if standard.key == "phq9":
                    answers["q9"] = 0
                    if client.display_name == "Sofia" and week >= last_week - 2:
                        answers["q9"] = 1  # recent, not yet acknowledged
                    if client.display_name == "Riley" and week == 4:
                        answers["q9"] = 1  # early, acknowledged after a safety conversation
                if standard.key == "core10":
                    answers["q6"] = 0
                admins.append(
                    _admin(client, standard, answers, session, "session", clinician, None)
                )
                for item in score(standard, answers).risk_items:
                    value = answers[item] or 0
                    risks.append((len(admins) - 1, item, value, client.display_name == "Riley"))
    CheckinSubmission.objects.bulk_create(submissions, batch_size=2000)  # ids for the answers
    CheckinLink.objects.filter(client__in=clients).update(last_used_at=latest_use())
    saved = Administration.objects.bulk_create(admins, batch_size=2000)
    rebuild(c.pk for c in clients)
    for index, item, value, acknowledged in risks:
        adm = saved[index]
        RiskAlert.objects.create(
            administration=adm,
            item=item,
            value=value,
            acknowledged_by=adm.entered_by if acknowledged else None,
            acknowledged_at=adm.taken_at + timedelta(hours=1) if acknowledged else None,
        )


def _admin(
    client: Client,
    instrument: Instrument,
    answers: dict[str, int | None],
    when: datetime,
    source: str,
    by: User | None,
    submission: CheckinSubmission | None,
) -> Administration:
    return Administration(
        client=client,
        instrument=instrument.key,
        version=instrument.version,
        taken_at=when,
        answers=answers,
        scores=kept_scores(score(instrument, answers)),
        source=source,
        entered_by=by,
        submission=submission,
    )
