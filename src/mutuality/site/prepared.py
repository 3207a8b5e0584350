"""Statements a page runs on every view, their SQL built by the ORM once per server thread.

Building a query's SQL costs the ORM 0.2–0.9 ms of Python (select_related, joins and
annotations cost most), while SQLite or PostgreSQL answer a lookup by key in a few
hundredths of one: on a page of ten queries, building them was about half its time. A
`Prepared` statement keeps what its first build made — the SQL, the converters that turn
columns into values, how a row becomes model instances — and each call binds new values to
its placeholders: ids, text, days and moments (adapted as the ORM adapts them for their
field). Everything else in the queryset is fixed when it is first built, so nothing that
varies between requests may shape it but a placeholder (a `__date` lookup, whose SQL names
the current time zone, would not do). Each server thread builds its own, with its own
database connection.

Used for the lookups every request makes (the signed-in user, the clinician's own client
or session) and for the statements of the busiest pages, declared beside their views.
It turns rows into instances as Django's own ModelIterable does, with the compiler's parts
that Django 5.2 (pinned in pyproject.toml) keeps for that; every signed-in request in the
test suite goes through it, so a change in them fails the tests rather than a page.

The session read is one too (accounts.sessions), bringing the signed-in user along. The
other statements every request runs are written once by hand, as they are not lookups of
instances: the audit trail's owner lookup and its append (record.audited, audit.actions).
The client or session a page is about is read once (`ReadAhead`): by the audit wrapper,
which must know whose it is before the view runs, and then handed to the view.
"""

import json
import threading
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import connections, models
from django.db.models.lookups import In
from django.db.models.query import ValuesListIterable, get_related_populators
from django.db.models.sql.compiler import SQLCompiler
from django.http import Http404
from django.utils.dateparse import parse_datetime

M = TypeVar("M", bound=models.Model)
# A moment for a placeholder: no record is dated in 1901.
SOMEDAY = datetime(1901, 1, 1, 0, 0, 1, tzinfo=UTC)
# Days for placeholders: the first and last of a span of days.
FIRST_DAY, LAST_DAY = SOMEDAY.date(), SOMEDAY.date() + timedelta(days=1)
Placeholder = int | str | date | datetime
Adapt = Callable[[Any], Any] | None  # how a bound value becomes the parameter, as for its field


class _PageSlot(tuple[int, ...]):
    """The placeholders a page's array holds (`in_page` on PostgreSQL), in order."""


# Where a parameter comes from: a placeholder and how it is adapted; a page's placeholders,
# bound as one array; or nowhere (None: fixed when built).
Slot = tuple[int, Adapt] | _PageSlot | None


@dataclass(frozen=True)
class _Built:
    model: type[models.Model]
    db: str
    sql: str
    params: tuple[Any, ...]
    slots: tuple[Slot, ...]  # per parameter
    compiler: SQLCompiler
    converters: dict[int, Any]
    instances: bool  # model instances, or the rows of `values_list`
    own_columns: int  # how many of a values_list row's columns are its own (the first ones)
    init_list: list[str]
    fields: slice
    populators: list[Any]


class Prepared(Generic[M]):
    """`build(*placeholders)` returns the queryset; a call binds values in the placeholders'
    places and runs its SQL. `first(*values)` gives its first row as a model instance (with
    what it selects related, and its annotations) or None, `all(*values)` every row, and
    `rows(*values)` the tuples of a `values_list` queryset. Placeholders must be values no
    real call passes (negative ids, dates in 1901, say), each among the query's parameters.
    What a queryset does after its rows are read (prefetch_related, the parent a related
    manager would attach) is not done: the query-count tests hold a page to its queries."""

    def __init__(self, build: Callable[..., "models.QuerySet[M, Any]"], *placeholders: Placeholder):
        self._build, self._placeholders = build, placeholders
        self._local = threading.local()  # .built: this thread's

    def first(self, *values: Placeholder) -> M | None:
        built, rows = self._run(values, limit=1)
        return self._instance(built, rows[0]) if rows else None

    def all(self, *values: Placeholder) -> list[M]:
        built, rows = self._run(values)
        return [self._instance(built, row) for row in rows]

    def rows(self, *values: Placeholder) -> list[tuple[Any, ...]]:
        built, rows = self._run(values)
        assert not built.instances, "rows() is for values_list querysets; all() for instances"
        own = built.own_columns  # not the columns added to order by
        return [tuple(row[:own]) for row in rows]

    def _run(self, values: Sequence[Placeholder], limit: int = 0) -> tuple[_Built, list[Any]]:
        built: _Built = getattr(self._local, "built", None) or self._prepare()
        params = [
            p
            if slot is None
            else _array([values[i] for i in slot])
            if isinstance(slot, _PageSlot)
            else _bind(values[slot[0]], slot[1])
            for p, slot in zip(built.params, built.slots, strict=True)
        ]
        with connections[built.db].cursor() as cursor:
            cursor.execute(built.sql, params)
            found = cursor.fetchmany(limit) if limit else cursor.fetchall()
        if built.converters:
            found = list(built.compiler.apply_converters(found, built.converters))
        return built, found

    @staticmethod
    def _instance(built: _Built, row: Sequence[Any]) -> M:
        assert built.instances, "all() and first() are for instances; rows() for values_list"
        obj: M = built.model.from_db(built.db, built.init_list, row[built.fields])  # type: ignore[assignment]
        for populator in built.populators:
            populator.populate(row, obj)
        for name, position in built.compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        return obj

    def _prepare(self) -> _Built:
        queryset = self._build(*self._placeholders)
        assert not queryset._prefetch_related_lookups, "prefetch_related is not run"  # type: ignore[attr-defined]
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        ops = connections[queryset.db].ops
        slots = tuple(self._slot(p, ops) for p in params)
        used = {i for s in slots if s for i in (s if isinstance(s, _PageSlot) else (s[0],))}
        missing = set(range(len(self._placeholders))) - used
        assert not missing, f"placeholders not among the query's parameters: {missing}"
        select, klass_info = compiler.select, compiler.klass_info
        instances = queryset._iterable_class is not ValuesListIterable
        if instances:
            assert klass_info, "a query of model instances"
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        else:
            start, end = 0, 0
        built = _Built(
            model=queryset.model,
            db=queryset.db,
            sql=sql,
            params=tuple(params),
            slots=slots,
            compiler=compiler,
            converters=_quicker(
                compiler.get_converters([s[0] for s in select[: compiler.col_count]]),
                connections[queryset.db],
            ),
            instances=instances,
            own_columns=compiler.col_count,  # first, as Django 5.2 selects them
            init_list=[f[0].target.attname for f in select[start:end]],
            fields=slice(start, end),
            # Django 5.2's three arguments (the stubs follow 6.x, which adds a fourth).
            populators=get_related_populators(klass_info, select, queryset.db)  # type: ignore[call-arg]
            if instances
            else [],
        )
        self._local.built = built
        return built

    def _slot(self, param: Any, ops: Any) -> Slot:
        """Which placeholder a parameter is, and how the database's adapter turned it into
        the parameter (a moment becomes text on SQLite, stays a datetime on PostgreSQL); or
        for an array of ids, which placeholders it holds."""
        if type(param) is PageOfIds:
            held = [self._placeholder(p, ops) for p in param]
            assert all(h and h[1] is None for h in held), "an array holds only placeholder ids"
            return _PageSlot(h[0] for h in held if h)
        return self._placeholder(param, ops)

    def _placeholder(self, param: Any, ops: Any) -> tuple[int, Adapt] | None:
        for i, held in enumerate(self._placeholders):
            for adapt in _adapters(held, ops):
                value = held if adapt is None else adapt(held)
                if param == value and type(param) is type(value):
                    return i, adapt
        return None


def _quicker(converters: dict[int, Any], connection: Any) -> dict[int, Any]:
    """The converters, with two of Django's replaced by ones that give the same values for
    less: SQLite's for a moment by `sqlite_moment`, which does not look up two settings for
    every value (a page reads hundreds of dated rows: the timeline about three hundred), and
    a JSON field's by `json_document` (the measures page decodes about three hundred kept
    scores)."""
    ops = connection.ops
    moments = connection.vendor == "sqlite" and settings.USE_TZ
    moment = sqlite_moment(connection.timezone) if moments else None

    def quicker(c: Any) -> Any:
        if moment is not None and c == ops.convert_datetimefield_value:
            return moment
        field = getattr(c, "__self__", None)
        if isinstance(field, models.JSONField) and c == field.from_db_value:
            return json_document(field)
        return c

    return {
        position: ([quicker(c) for c in found], e) for position, (found, e) in converters.items()
    }


def json_document(field: "models.JSONField[Any]") -> Callable[[Any, Any, Any], Any]:
    """What `field.from_db_value` makes of a value read: text that is one whole JSON
    document (what the field writes), decoded without `json.loads`'s steps around the
    decoder, which cost as much as decoding a small document; anything else (a field's own
    decoder, surrounding space, text that is not JSON) by the field itself."""
    document = json.JSONDecoder().raw_decode
    plain = field.decoder is None

    def convert(value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        if plain and type(value) is str:
            try:
                found, end = document(value)
            except ValueError:
                pass
            else:
                if end == len(value):
                    return found
        return field.from_db_value(value, expression, connection)

    return convert


def sqlite_moment(zone: tzinfo) -> Callable[[Any, Any, Any], datetime | None]:
    """What Django's SQLite backend makes of a stored moment, with time zones on: the text
    parsed as `parse_datetime` parses it, and if it names no offset, in the connection's
    zone (`DatabaseOperations.convert_datetimefield_value`).

    The zone is put on with `datetime.combine`, not `replace(tzinfo=…)`: the same moment, in
    a quarter of the instructions (CPython 3.11's `replace` costs about 10,000 a call,
    counted by callgrind, most of them parsing its keyword arguments; a year's measures page
    puts a zone on some 250 moments). SQLite's driver hands these moments over already
    parsed, without a zone."""
    combine = datetime.combine

    def convert(value: Any, expression: Any, connection: Any) -> datetime | None:
        if value is None:
            return None
        moment = value if isinstance(value, datetime) else parse_datetime(value)
        if moment is None:
            raise ValueError(f"not a stored moment: {value!r}")
        return moment if moment.utcoffset() is not None else combine(moment, moment.time(), zone)

    return convert


def _adapters(held: Placeholder, ops: Any) -> tuple[Adapt, ...]:
    if isinstance(held, datetime):
        return None, ops.adapt_datetimefield_value
    if isinstance(held, date):
        return None, ops.adapt_datefield_value
    return (None,)


def _bind(value: Placeholder, adapt: Adapt) -> Any:
    return value if adapt is None else adapt(value)


# A page of ids bound as a fixed number of placeholders, so a statement over "these clients"
# is built once: `page_of(ids)` pads a shorter page with 0, which no row has as its id.
# Statements name them with `in_page` (below), which PostgreSQL gets as one array.
PAGE_IDS = tuple(range(-1000, -1050, -1))  # fifty: record.caseload's page


def page_of(ids: Sequence[int]) -> tuple[int, ...]:
    assert len(ids) <= len(PAGE_IDS), "a page holds at most fifty ids"
    return (*ids, *(0 for _ in range(len(PAGE_IDS) - len(ids))))


class PageOfIds(list[Any]):
    """A page of ids as one parameter: the array `in_page` passes to PostgreSQL."""


class InPage(In):
    """`field__in_page=ids`, for a page of ids: Django's `__in`, but on PostgreSQL the ids
    go as one array (`= ANY(%s::bigint[])`). psycopg parses a statement's placeholders once
    and keeps what it found only for statements of at most 50 parameters; a page of fifty
    ids beside one more value went over that, and the parse took 126 µs a statement, three
    times on every caseload page. A prepared statement binds the array as its text, which
    psycopg passes on as it is (12 µs for fifty ids, where dumping a list of them takes
    90). SQLite has no arrays: there it is `__in`."""

    lookup_name = "in_page"

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _, rhs_params = self.process_rhs(compiler, connection)
        array = f"{self.lhs.output_field.cast_db_type(connection)}[]"
        return f"{lhs} = ANY(%s::{array})", (*lhs_params, PageOfIds(rhs_params))


def _array(ids: Sequence[Placeholder]) -> str:
    """A page of ids as PostgreSQL's text of an array."""
    return "{" + ",".join(map(str, ids)) + "}"


models.Field.register_lookup(InPage)
models.ForeignObject.register_lookup(InPage)  # a foreign key's lookups are its own


def found_or_404(found: M | None) -> M:
    """A prepared lookup's answer, or the 404 that `get_object_or_404` would raise."""
    if found is None:
        raise Http404("no such record")
    return found


class ReadAhead(Generic[M]):
    """The record a request's URL names, read whole before its view by what must first know
    whose it is (record.audited, for the audit entry and the supervisor's rule), then handed
    once to the view's access helper, only if it belongs to the user asking: one query fewer
    on every page about it. Whoever reads ahead calls `forget` when the request is done (a
    server thread's context outlives its requests)."""

    def __init__(self, lookup: Prepared[M], owner: Callable[[M], int]) -> None:
        self._lookup, self._owner = lookup, owner
        self._held: ContextVar[M | None] = ContextVar(f"read ahead {id(self)}", default=None)

    def read(self, pk: int) -> M | None:
        return self.hold(self._lookup.first(pk))

    def hold(self, found: M | None) -> M | None:
        """Holds a record read some other way (the session's user, read with the session)."""
        self._held.set(found)
        return found

    def owner(self, found: M) -> int:
        return self._owner(found)

    def take(self, pk: int, user_id: int) -> M | None:
        """What was read ahead, if it is record `pk` and `user_id`'s own; then it is gone,
        and a second call reads the record again."""
        found = self._held.get()
        if found is None:
            return None
        self._held.set(None)
        return found if found.pk == pk and self._owner(found) == user_id else None

    def forget(self) -> None:
        self._held.set(None)
