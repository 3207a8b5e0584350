"""What the caseload needs to know of each client's measures, without reading histories.

`note_scored` keeps each scale's first and latest score (`ScaleEnds`) as administrations
are saved — one row per scale, updated in the same transaction as the answers. `flags_for`
then answers, for a whole page of clients at once and in a fixed number of queries: open
risk items, reliable deterioration since the first score, and an overdue weekly check-in.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from mutuality.core.measures import UnknownInstrument
from mutuality.core.measures.change import Outcome, clinical_change
from mutuality.core.measures.model import Instrument, Scale
from mutuality.core.measures.scoring import Scored, kept_scores, score
from mutuality.measures.models import (
    Administration,
    CheckinLink,
    RiskAlert,
    ScaleEnds,
)
from mutuality.measures.registry import get_instrument, title_of
from mutuality.site.prepared import PAGE_IDS, SOMEDAY, Prepared, page_of

OVERDUE_AFTER = timedelta(days=8)


def note_scored(adm: Administration, scored: Scored) -> None:
    """Moves the first and latest ends of every scale this administration scored, in the
    order of the history: (taken_at, id)."""
    ends = {
        e.scale: e
        for e in ScaleEnds.objects.filter(client_id=adm.client_id, instrument=adm.instrument)
    }
    key = (adm.taken_at, adm.pk)
    for s in scored.scales:
        if s.raw is None:
            continue
        row = ends.get(s.scale.key)
        if row is None:
            ScaleEnds.objects.create(
                client_id=adm.client_id,
                instrument=adm.instrument,
                version=adm.version,
                scale=s.scale.key,
                first_id=adm.pk,
                first_at=adm.taken_at,
                first_raw=s.raw,
                latest_id=adm.pk,
                latest_at=adm.taken_at,
                latest_raw=s.raw,
            )
            continue
        earlier = key < (row.first_at, row.first_id)
        later = key >= (row.latest_at, row.latest_id)
        if earlier:
            row.first_id, row.first_at, row.first_raw = adm.pk, adm.taken_at, s.raw
        if later:
            row.latest_id, row.latest_at, row.latest_raw = adm.pk, adm.taken_at, s.raw
            row.version = adm.version
        if earlier or later:
            row.deteriorated = _worse(s.scale, row.first_raw, row.latest_raw)
            row.save()


def _worse(scale: Scale, first: float, latest: float) -> bool:
    """Reliable deterioration from the first score to the latest (what the caseload flags)."""
    change = clinical_change(scale, first, latest)
    return change is not None and change.outcome is Outcome.DETERIORATED


def rebuild(clients: Iterable[int]) -> None:
    """Recomputes the ends of these clients from their histories (after a bulk load or a
    migration), scoring from each end of each instrument's series only until every scale
    is found; `note_scored` keeps them current afterwards."""
    ids = list(clients)
    ScaleEnds.objects.filter(client_id__in=ids).delete()
    rows = Administration.objects.filter(client_id__in=ids).order_by(
        "client_id", "instrument", "taken_at", "id"
    )
    series: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for row in rows.values_list(
        "id", "client_id", "instrument", "version", "taken_at", "answers", named=True
    ):
        series[(row.client_id, row.instrument)].append(row)
    out = []
    for (client_id, key), group in series.items():
        try:
            instrument = get_instrument(key, group[-1].version)
        except UnknownInstrument:
            continue
        first, latest = _ends(instrument, group), _ends(instrument, group[::-1])
        scales = {s.key: s for s in instrument.scales}
        for scale, (f, f_raw) in first.items():
            last, l_raw = latest[scale]
            out.append(
                ScaleEnds(
                    client_id=client_id,
                    instrument=key,
                    version=last.version,
                    scale=scale,
                    deteriorated=_worse(scales[scale], f_raw, l_raw),
                    first_id=f.id,
                    first_at=f.taken_at,
                    first_raw=f_raw,
                    latest_id=last.id,
                    latest_at=last.taken_at,
                    latest_raw=l_raw,
                )
            )
    ScaleEnds.objects.bulk_create(out, batch_size=2000)


def keep_scores(administrations: Any = Administration, batch: int = 2000) -> int:
    """Scores every administration saved without its scores kept (`Administration.scores`),
    in batches by id; returns how many it scored. An administration of an instrument no
    longer known is left as it is (its pages say so). `administrations`: the model, or a
    migration's historical one."""
    done, after = 0, 0
    while True:
        rows = list(
            administrations.objects.filter(scores__isnull=True, id__gt=after)
            .order_by("id")
            .values_list("id", "instrument", "version", "answers")[:batch]
        )
        if not rows:
            return done
        scored = []
        for pk, key, version, answers in rows:
            try:
                instrument = get_instrument(key, version)
            except UnknownInstrument:
                continue
            kept = kept_scores(score(instrument, answers, checked=True))
            scored.append(administrations(id=pk, scores=kept))
        administrations.objects.bulk_update(scored, ["scores"], batch_size=500)
        done, after = done + len(scored), rows[-1][0]


def _ends(instrument: Instrument, rows: Sequence[Any]) -> dict[str, tuple[Any, float]]:
    """The first score of each scale met along `rows`, with its row."""
    found: dict[str, tuple[Any, float]] = {}
    for row in rows:
        for s in score(instrument, row.answers, checked=True).scales:
            if s.raw is not None and s.scale.key not in found:
                found[s.scale.key] = (row, s.raw)
        if len(found) == len(instrument.scales):
            break
    return found


@dataclass(frozen=True)
class Flags:
    risk: int = 0
    deteriorated: list[str] = field(default_factory=list)
    overdue: bool = False


# The caseload's statements for a page of clients, built once (site.prepared).
OPEN_RISK = Prepared(
    lambda: RiskAlert.objects.filter(acknowledged_at__isnull=True).values_list(
        "administration__client_id"
    )
)
WORSE = Prepared(
    lambda *ids: (
        ScaleEnds.objects.filter(client_id__in_page=ids, deteriorated=True)
        .order_by("instrument", "scale")
        .values_list("client_id", "instrument", "version", "scale")
    ),
    *PAGE_IDS,
)
WEEKLY_LINKS = Prepared(
    lambda now, *ids: (
        CheckinLink.objects.filter(client_id__in_page=ids, recurring_weekly=True)
        .active(now)
        .values_list("client_id", "last_used_at", "created_at")
    ),
    SOMEDAY,
    *PAGE_IDS,
)


def flags_for(ids: Sequence[int], active: Sequence[int], now: datetime) -> dict[int, Flags]:
    """The caseload's measure flags for a page of clients (`ids`, of whom `active` are
    active: only theirs can be overdue), in three queries."""
    # Open alerts are few practice-wide: reading them all is cheaper than joining the page's
    # clients to their whole histories of answers.
    wanted = set(ids)
    risk = Counter(client_id for (client_id,) in OPEN_RISK.rows() if client_id in wanted)
    deteriorated: dict[int, list[str]] = defaultdict(list)
    titles: dict[tuple[str, str], str] = {}  # an imported instrument's title is a query
    for client_id, key, version, scale in WORSE.rows(*page_of(ids)):
        if (key, version) not in titles:
            titles[key, version] = title_of(key, version)
        deteriorated[client_id].append(f"{titles[key, version]} {scale}")
    links = WEEKLY_LINKS.rows(now, *page_of(active))
    overdue = {pk for pk, last, created in links if now - (last or created) > OVERDUE_AFTER}
    return {pk: Flags(risk.get(pk, 0), deteriorated.get(pk, []), pk in overdue) for pk in ids}
