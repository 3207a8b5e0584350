"""Lookups every request makes, their SQL built by the ORM once per server thread.

Building a query's SQL costs the ORM 0.2–0.8 ms (select_related and annotations cost most),
while SQLite or PostgreSQL answer a lookup by primary key in a few hundredths of one. A
`Prepared` lookup keeps what its first build made — the SQL, the converters that turn
columns into values, how a row becomes model instances — and each call binds new values to
its placeholders. Placeholders are ints or strings, which the ORM hands to the database as
they are (a date would be adapted first, so it cannot be one); everything else in the
queryset is fixed when it is first built. Each server thread builds its own, with its own
database connection.

It turns rows into instances as Django's own ModelIterable does, with the compiler's parts
that Django 5.2 (pinned in pyproject.toml) keeps for that; every signed-in request in the
test suite goes through it, so a change in them fails the tests rather than a page.

The other statements every request runs are written once the same way, by hand where they
are not lookups of instances: the session read (accounts.sessions, whose parameter is a
moment), the audit trail's owner lookup and its append (record.audited, audit.actions).
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, models
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler
from django.http import Http404

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class _Built:
    model: type[models.Model]
    db: str
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int | None, ...]  # per parameter: which placeholder it is, or None (fixed)
    compiler: SQLCompiler
    converters: dict[int, Any]
    init_list: list[str]
    fields: slice
    populators: list[Any]


class Prepared(Generic[M]):
    """`build(*placeholders)` returns the queryset; `first(*values)` runs it with `values` in
    the placeholders' places and returns its first row as a model instance (with what it
    selects related, and its annotations), or None. The placeholders must be values no real
    call passes (negative ids, say) and must each appear among the query's parameters."""

    def __init__(self, build: Callable[..., "models.QuerySet[M]"], *placeholders: int | str):
        self._build, self._placeholders = build, placeholders
        self._local = threading.local()  # .built: this thread's

    def first(self, *values: int | str) -> M | None:
        built: _Built = getattr(self._local, "built", None) or self._prepare()
        params = [
            p if i is None else values[i] for p, i in zip(built.params, built.slots, strict=True)
        ]
        with connections[built.db].cursor() as cursor:
            cursor.execute(built.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        (row,) = built.compiler.apply_converters([row], built.converters)
        obj: M = built.model.from_db(built.db, built.init_list, row[built.fields])  # type: ignore[assignment]
        for populator in built.populators:
            populator.populate(row, obj)
        for name, position in built.compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        return obj

    def _prepare(self) -> _Built:
        queryset = self._build(*self._placeholders)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = tuple(
            next(
                (i for i, h in enumerate(self._placeholders) if p == h and type(p) is type(h)), None
            )
            for p in params
        )
        missing = set(range(len(self._placeholders))) - set(slots)
        assert not missing, f"placeholders not among the query's parameters: {missing}"
        select, klass_info = compiler.select, compiler.klass_info
        assert klass_info, "a query of model instances"
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        built = _Built(
            model=queryset.model,
            db=queryset.db,
            sql=sql,
            params=tuple(params),
            slots=slots,
            compiler=compiler,
            converters=compiler.get_converters([s[0] for s in select[: compiler.col_count]]),
            init_list=[f[0].target.attname for f in select[start:end]],
            fields=slice(start, end),
            # Django 5.2's three arguments (the stubs follow 6.x, which adds a fourth).
            populators=get_related_populators(klass_info, select, queryset.db),  # type: ignore[call-arg]
        )
        self._local.built = built
        return built


def found_or_404(found: M | None) -> M:
    """A prepared lookup's answer, or the 404 that `get_object_or_404` would raise."""
    if found is None:
        raise Http404("no such record")
    return found
