"""Caseload-wide queries over every app's records, so that no app below has to import the
apps above it. The caseload costs what one page shows: a fixed number of queries for up to
`PAGE` clients, whatever their history (kept current at write time where it would grow:
`measures.summary`, `maps.tally`, `record.activity`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from html import escape  # as Django's escape, without its check for lazy text per call
from typing import NamedTuple

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from mutuality.clients.models import Client
from mutuality.core import rct
from mutuality.core.relational_map import MapSummary
from mutuality.maps import tally
from mutuality.measures.summary import Flags, flags_for
from mutuality.plans.models import TreatmentPlan
from mutuality.record.activity import last_activity
from mutuality.site.days import day
from mutuality.site.links import url_pattern
from mutuality.site.prepared import PAGE_IDS, SOMEDAY, Prepared, page_of

PAGE = len(PAGE_IDS)  # fifty clients a page


class Shown(NamedTuple):
    """What the caseload shows of a client, read as a row: every other sealed field stays
    unopened, and no instance is built (fifty a page)."""

    pk: int
    display_name: str
    pronouns: str
    status: str
    concerns: list[str]
    updated_at: datetime
    activity_at: datetime | None

    def concern_problems(self) -> list[rct.ProblemForWork]:
        return [rct.problem(key) for key in self.concerns]


def _own(*columns: str) -> tuple[Prepared[Client], Prepared[Client]]:
    """The clinician's own clients' `columns`: all of them, and those of one status."""
    return (
        Prepared(lambda user: Client.objects.filter(clinician_id=user).values_list(*columns), -1),
        Prepared(
            lambda user, status: Client.objects.filter(
                clinician_id=user, status=status
            ).values_list(*columns),
            -1,
            "(a status)",
        ),
    )


# Names and concerns are sealed at rest, so the caseload opens every own client's name to
# sort them (and their concerns only to search them), then reads what it shows for the one
# page it shows. Built once (site.prepared): every visit.
NAMED = _own("pk", "display_name")
SEARCHED = _own("pk", "display_name", "concerns_note")
SHOWN_ON_PAGE = Prepared(  # the name is already open: `found` sorted by it
    lambda user, *ids: Client.objects.filter(clinician_id=user, pk__in_page=ids).values_list(
        *(f for f in Shown._fields if f != "display_name")
    ),
    -1,
    *PAGE_IDS,
)


def found(user_id: int, status: str | None, query: str = "") -> list[tuple[int, str]]:
    """(id, name) of the clinician's own clients (of `status`, when given) whose name or
    concerns (in the clinician's words) contain the query, by name."""
    every, of_status = SEARCHED if query else NAMED
    rows = of_status.rows(user_id, status) if status else every.rows(user_id)
    needle = query.casefold()
    hits = [
        (pk, name)
        for pk, name, *concerns in rows
        if not needle or needle in name.casefold() or needle in concerns[0].casefold()
    ]
    return sorted(hits, key=lambda hit: (hit[1].casefold(), hit[0]))


def shown(user_id: int, named: list[tuple[int, str]]) -> list[Shown]:
    """What the caseload shows of these clients of the clinician's (a page of `found`'s
    (id, name) pairs), in the order given; any that left the caseload since are left out."""
    names = dict(named)
    rows = SHOWN_ON_PAGE.rows(user_id, *page_of(list(names)))
    by_id = {pk: Shown(pk, names[pk], *rest) for pk, *rest in rows}
    return [by_id[pk] for pk, _ in named if pk in by_id]


@dataclass(frozen=True)
class Row:
    client: Shown
    map: MapSummary | None
    flags: Flags
    review_due: bool
    last_activity: datetime


def rows(clients: list[Shown], now: datetime) -> list[Row]:
    """One page of the caseload: the map summary, the measure flags, plan reviews and last
    activity, in five queries."""
    ids = [c.pk for c in clients]
    today = timezone.localdate(now)
    active = [c.pk for c in clients if c.status == Client.Status.ACTIVE]
    flags = flags_for(ids, active, now)
    reviews = plan_reviews_due(ids, today)
    maps = tally.summaries(ids, today)
    return [
        Row(
            c,
            maps.get(c.pk),
            flags[c.pk],
            c.pk in reviews,
            last_activity(c.updated_at, c.activity_at),
        )
        for c in clients
    ]


def by_name(clients: Iterable[Client]) -> list[Client]:
    """The clients by name: names are sealed at rest, so sorted here once opened."""
    return sorted(clients, key=lambda c: (c.display_name.casefold(), c.pk))


REVIEWS_DUE = Prepared(
    lambda today, *ids: TreatmentPlan.objects.filter(
        client_id__in_page=ids, review_due__lte=today
    ).values_list("client_id"),
    SOMEDAY.date(),
    *PAGE_IDS,
)


def plan_reviews_due(client_ids: list[int], today: date) -> set[int]:
    """Ids of the clients whose plan review date has come."""
    return {pk for (pk,) in REVIEWS_DUE.rows(today, *page_of(client_ids))}


def rows_html(rows: list[Row]) -> SafeString:
    """The caseload's table rows, built in Python: fifty rows of names, concerns and signals
    cost the template engine several milliseconds. Every text is escaped here."""
    client_url, measures_url, plan_url = (
        url_pattern(name) for name in ("client", "client-measures", "plan")
    )
    out = []
    for row in rows:
        c, summary, flags = row.client, row.map, row.flags
        who = f'<a class="strong" href="{client_url.format(c.pk)}">{escape(c.display_name)}</a>'
        if c.pronouns:
            who += f' <span class="muted">({escape(c.pronouns)})</span>'
        if c.status == Client.Status.CLOSED:
            who += ' <span class="pill">closed</span>'
        concerns = (
            "".join(f'<span class="tag">{escape(p.name)}</span>' for p in c.concern_problems())
            or '<span class="muted">—</span>'
        )
        ties = (
            f"{summary.growth_fostering} of {summary.assessed}"
            if summary
            else '<span class="muted">no map yet</span>'
        )
        signals = []
        if flags.risk:
            signals.append(f'<a class="flag" href="{measures_url.format(c.pk)}">Risk item</a>')
        signals += [
            f'<span class="flag" title="Reliable deterioration since the first score">'
            f"{escape(d)} worse</span>"
            for d in flags.deteriorated
        ]
        if flags.overdue:
            signals.append('<span class="flag soft">Check-in overdue</span>')
        if row.review_due:
            signals.append(
                f'<a class="flag soft" href="{plan_url.format(c.pk)}">Plan review due</a>'
            )
        if summary and summary.isolation.raised:
            reasons = escape("; ".join(summary.isolation.reasons))
            signals.append(f'<span class="flag" title="{reasons}">Isolation signal</span>')
        if summary and summary.power_over:
            signals.append(f'<span class="flag soft">{summary.power_over} power-over</span>')
        out.append(
            f"<tr><td>{who}</td><td>{concerns}</td><td>{ties}</td><td>{' '.join(signals)}</td>"
            f'<td><time datetime="{row.last_activity.isoformat()}">'
            f"{day(timezone.localtime(row.last_activity))}</time></td></tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308 - every text above is escaped
