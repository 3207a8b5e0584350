"""A client's measures over time: scored series, reliable change, charts and flags."""

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from html import escape  # as Django's escape, without its check for lazy text per call
from typing import Any, NamedTuple

from django.db.models import DateField, DateTimeField, QuerySet, TextField, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from mutuality.clients.models import Client
from mutuality.core.charts_svg import SECOND, Chart, Marker, Series, render_chart
from mutuality.core.measures import UnknownInstrument
from mutuality.core.measures.change import ClinicalChange, Outcome, clinical_change
from mutuality.core.measures.instruments import BUILT_IN
from mutuality.core.measures.model import Instrument, Method, Scale
from mutuality.core.measures.scoring import kept_scores, score
from mutuality.maps.models import RelationshipAssessment
from mutuality.measures.models import Administration, CheckinLink, answers_unless_scored
from mutuality.measures.registry import get_instrument
from mutuality.site.dates import local_day
from mutuality.site.days import day
from mutuality.site.links import url_pattern
from mutuality.site.prepared import SOMEDAY, Prepared

# The instrument drawn item by item (`item_multiples`): the only one whose answers the
# charts read; every other is drawn from the scores kept when it was saved.
ITEM_BY_ITEM = "five-good-things"


class Answered(NamedTuple):
    """What progress needs of an administration, read without building model instances:
    its kept scores (None if saved without them) and, for `ITEM_BY_ITEM` only, its answers
    (else None). Rows may share the same decoded scores or answers: read them only."""

    id: int
    instrument: str
    version: str
    taken_at: datetime
    scores: Mapping[str, Sequence[Any]] | None
    answers: dict[str, int] | None


def _answered(client: int, since: datetime, exclude: tuple[str, ...] = ()) -> QuerySet[Any]:
    """The rows `rows_for` reads, with the scores and answers as their JSON text, which it
    decodes (`_documents`)."""
    return (
        Administration.objects.filter(client_id=client, taken_at__gte=since)
        .exclude(instrument__in=exclude)
        .order_by("taken_at", "id")
        .values_list(
            *Answered._fields[:-2],
            Cast("scores", TextField()),
            Cast(answers_unless_scored(ITEM_BY_ITEM), TextField()),
        )
    )


# A client's answers from a moment on, oldest first, in one statement built once
# (site.prepared): the measures page and the client's view read a year of them each visit.
ANSWERED_SINCE = Prepared(_answered, -1, SOMEDAY)
# The same without the built-in instruments whose wording is not Mutuality's, which the
# client's view leaves out: a quarter of a year's answers, read for nothing.
THEIRS = tuple(sorted(key for key, i in BUILT_IN.items() if not i.wording_is_ours))
OWN_WORDING_SINCE = Prepared(lambda client, since: _answered(client, since, THEIRS), -1, SOMEDAY)
EVER = datetime(1900, 1, 1, tzinfo=UTC)  # before any answer: "since" for a whole history


def rows_for(
    client: Client, since: datetime | None = None, *, own_wording_only: bool = False
) -> list[Answered]:
    """A client's administrations (from `since`, when given), oldest first, without
    building model instances; with `own_wording_only`, without the built-in instruments
    whose wording is not Mutuality's."""
    statement = OWN_WORDING_SINCE if own_wording_only else ANSWERED_SINCE
    read = _documents()
    return [
        Answered(pk, key, version, taken_at, read(scores), read(answers))
        for pk, key, version, taken_at, scores, answers in statement.rows(client.pk, since or EVER)
    ]


def _documents() -> Callable[[str | None], Any]:
    """Decodes JSON text, each distinct document once: a year's kept scores are a few dozen
    documents repeated ('{"total": [9.0, false]}' every few weeks), and decoding every row's
    cost the measures page about 4% of its instructions (bench/instructions.py). Rows that
    share a document share what it decoded to, so what `rows_for` gives is for reading
    only."""
    decoded: dict[str, Any] = {}

    def read(text: str | None) -> Any:
        if text is None:
            return None
        if (found := decoded.get(text)) is None:
            found = decoded[text] = json.loads(text)
        return found

    return read


# (instrument key, scale key) -> (first administration's id, its score): the baseline that
# reliable change is measured from, kept current in measures.summary.ScaleEnds.
Baselines = dict[tuple[str, str], tuple[int, float]]


class ScalePoint(NamedTuple):  # a tuple: a year's page builds some 500 of them
    administration_id: int
    on: date
    raw: float
    band: str
    prorated: bool
    change: ClinicalChange | None  # against the first score of this scale


def scale_range(instrument: Instrument, scale: Scale) -> tuple[float, float]:
    lows = [instrument.item(k).low for k in scale.items]
    highs = [instrument.item(k).high for k in scale.items]
    if scale.method is Method.MEAN:
        return min(lows), max(highs)
    return float(sum(lows)), float(sum(highs))


def series_by_instrument(
    administrations: Sequence[Answered], baselines: Baselines | None = None
) -> dict[str, tuple[Instrument, dict[str, list[ScalePoint]]]]:
    """Each instrument's scored series. Change is measured from the first score of the
    rows, or, for a window of a longer history, from the `baselines` before it."""
    out: dict[str, tuple[Instrument, dict[str, list[ScalePoint]]]] = {}
    zone = timezone.get_current_timezone()
    # A scale's scores repeat (a few whole numbers, measured from one first score), so each
    # score's band and change is worked out once per call.
    known: dict[tuple[str, str, float, float, bool], tuple[str, ClinicalChange | None]] = {}
    for adm in administrations:
        if adm.instrument not in out:
            try:
                out[adm.instrument] = (
                    get_instrument(adm.instrument, adm.version),
                    defaultdict(list),
                )
            except UnknownInstrument:
                continue
        instrument, scales = out[adm.instrument]
        for scale, raw, prorated in _scored(instrument, adm):
            points = scales[scale.key]
            baseline = (baselines or {}).get((adm.instrument, scale.key))
            if baseline is not None:
                first_id, first = baseline
                measured = adm.id != first_id
            else:
                first = points[0].raw if points else raw
                measured = bool(points)
            key = (adm.instrument, scale.key, first, raw, measured)
            if (seen := known.get(key)) is None:
                band = scale.band(raw)
                seen = known[key] = (
                    band.label if band else "",
                    clinical_change(scale, first, raw) if measured else None,
                )
            points.append(
                ScalePoint(adm.id, local_day(adm.taken_at, zone), raw, seen[0], prorated, seen[1])
            )
    return out


def _scored(instrument: Instrument, adm: Answered) -> Iterator[tuple[Scale, float, bool]]:
    """Each scored scale of an administration, with its raw score and whether it was
    prorated: as kept when it was saved, or scored now if it was saved without them."""
    kept = adm.scores
    if kept is None:
        assert adm.answers is not None, "the statement reads the answers of unscored rows"
        kept = kept_scores(score(instrument, adm.answers, checked=True))  # checked when saved
    for scale in instrument.scales:
        if found := kept.get(scale.key):
            yield scale, found[0], found[1]


def score_table(points: Sequence[ScalePoint]) -> SafeString:
    """The table rows behind a chart, built in Python: a chart may hold years of weeks.
    Dates and numbers are printed here; the band and outcome labels are escaped."""
    url = url_pattern("administration")
    prorated = ' <span class="pill">prorated</span>'
    # A row's last three cells repeat with its score (a few whole numbers): printed once.
    tails: dict[tuple[float, bool, str, str], str] = {}
    rows = []
    for p in points:
        outcome = p.change.outcome if p.change else "—"
        if (tail := tails.get(key := (p.raw, p.prorated, p.band, outcome))) is None:
            tail = tails[key] = (
                f"<td>{p.raw:g}{prorated if p.prorated else ''}</td>"
                f"<td>{escape(p.band or '—')}</td><td>{escape(outcome)}</td></tr>"
            )
        link = f'<a href="{url.format(p.administration_id)}">{day(p.on)}</a>'
        rows.append(f"<tr><td>{link}</td>{tail}")
    return mark_safe("\n".join(rows))  # noqa: S308 - every text above is escaped


def _markers(points: list[ScalePoint]) -> tuple[Marker, ...]:
    out = []
    for p in points:
        if p.change is None or not p.change.change.reliable:
            continue
        kind = "deteriorated" if p.change.outcome is Outcome.DETERIORATED else "improved"
        out.append(Marker(p.on, p.raw, kind))
    return tuple(out)


def _dated(client: int, first: date, since: datetime) -> "QuerySet[Any, Any]":
    """The days of the map reviews and sessions from `first`, and the moments of the links
    sent from `since`, in one statement: each row fills one of its three columns."""
    # Typed nulls: PostgreSQL gives an untyped one the type text, which no moment unites with.
    no_day, no_moment = Cast(Value(None), DateField()), Cast(Value(None), DateTimeField())
    reviews = (
        RelationshipAssessment.objects.filter(
            relationship__client_id=client, assessed_on__gte=first
        )
        .order_by()
        .values_list("assessed_on", no_day, no_moment)
    )
    # sessions, by the client's relation: measures sits below them
    sessions = (
        Client.therapy_sessions.rel.related_model._default_manager.filter(
            client_id=client, held_on__gte=first
        )
        .order_by()
        .values_list(no_day, "held_on", no_moment)
    )
    sent = CheckinLink.objects.filter(client_id=client, created_at__gte=since)
    links = sent.order_by().values_list(no_day, no_day, "created_at")
    return reviews.union(sessions, links, all=True)


DATED = Prepared(_dated, -1, SOMEDAY.date(), SOMEDAY)


def annotations(client: Client, since: datetime | None = None) -> tuple[tuple[date, str], ...]:
    """Dated events drawn on every chart: sessions, map reviews and new check-in links
    (from `since` only, when the charts start there)."""
    zone = timezone.get_current_timezone()
    since = since or EVER
    notes = set()
    for reviewed, met, sent in DATED.rows(client.pk, local_day(since, zone), since):
        if reviewed is not None:
            notes.add((reviewed, "map review"))
        elif met is not None:
            notes.add((met, "session"))
        else:
            notes.add((local_day(sent, zone), "check-in link sent"))
    return tuple(sorted(notes))


def scale_chart(
    instrument: Instrument,
    scale: Scale,
    points: list[ScalePoint],
    notes: tuple[tuple[date, str], ...],
) -> str:
    low, high = scale_range(instrument, scale)
    title = (
        scale.name
        if scale.name.startswith(instrument.title)
        else f"{instrument.title}: {scale.name}"
    )
    return render_chart(
        Chart(
            title=title,
            series=(Series(scale.name, tuple((p.on, p.raw) for p in points)),),
            low=low,
            high=high,
            bands=tuple((b.lower, b.label) for b in scale.bands),
            higher_is_worse=scale.higher_is_worse,
            markers=_markers(points),
            annotations=notes,
            note="higher is worse" if scale.higher_is_worse else "higher is better",
        )
    )


def item_multiples(instrument: Instrument, administrations: Sequence[Answered]) -> list[str]:
    """One small chart per item: how each of the five good things moved."""
    charts = []
    zone = timezone.get_current_timezone()
    own = [
        (local_day(a.taken_at, zone), a.answers)
        for a in administrations
        if a.instrument == instrument.key and a.answers
    ]
    for item in instrument.items:
        pts = tuple(
            (on, float(answers[item.key]))
            for on, answers in own
            if answers.get(item.key) is not None
        )
        name = item.key.replace("-", " ")
        charts.append(
            render_chart(
                Chart(
                    name.capitalize(),
                    (Series(name, pts),),
                    item.low,
                    item.high,
                    width=230,
                    height=120,
                )
            )
        )
    return charts


def paired_chart(
    client_side: list[ScalePoint], clinician_side: list[ScalePoint], high: float
) -> str:
    return render_chart(
        Chart(
            "Session Mutuality: client and clinician",
            (
                Series("client", tuple((p.on, p.raw) for p in client_side)),
                Series(
                    "clinician",
                    tuple((p.on, p.raw) for p in clinician_side),
                    colour=SECOND,
                    dashed=True,
                ),
            ),
            0,
            high,
            higher_is_worse=False,
        )
    )
