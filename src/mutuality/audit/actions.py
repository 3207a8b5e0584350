"""Writing and verifying the audit chain.

`record` is called inside the transaction of the change it records, so either both are
saved or neither. Appends are serialised: SQLite's IMMEDIATE transactions hold the write
lock from their start, and on PostgreSQL the append function (migration 0003) takes a
transaction-scoped advisory lock before it reads the last hash, so two requests never chain
onto the same predecessor.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import Field

from mutuality.audit.models import GENESIS, Action, AuditEntry, fields_tail

ADVISORY_LOCK = 0x4D55_5455  # any fixed number, the same for every append


def record(
    *,
    action: Action | str,
    actor: object = None,
    object_type: str = "",
    object_id: object = "",
    client_id: int | None = None,
    ip: str | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> AuditEntry:
    """Appends one entry. `actor` is a user, or a label such as 'client link' or 'system'."""
    actor_id, actor_name = _actor(actor)
    entry = AuditEntry(
        at=at or datetime.now(UTC),
        actor_id=actor_id,
        actor=actor_name,
        action=str(action),
        object_type=object_type,
        object_id=str(object_id or ""),
        client_id=client_id,
        ip=ip,
        detail=detail[:200],
    )
    sql = _sql()
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in sql.columns]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One call does the lock, the read and the insert (migration 0003): atomic as one
            # statement, or inside the transaction of the change it records.
            cursor.execute(sql.append, [ADVISORY_LOCK, *values, fields_tail(entry.fields())])
            entry.pk, entry.prev_hash, entry.hash = cursor.fetchone()
        else:
            with transaction.atomic():  # SQLite's IMMEDIATE transaction: the write lock first
                cursor.execute(sql.last)
                last = cursor.fetchone()
                entry.prev_hash = last[0] if last else GENESIS
                entry.hash = entry.compute_hash()
                cursor.execute(sql.insert, [*values, entry.prev_hash, entry.hash])
                entry.pk = cursor.fetchone()[0]
    entry._state.adding, entry._state.db = False, connection.alias
    return entry


@dataclass(frozen=True)
class _Statements:
    last: str
    insert: str
    append: str
    columns: list[Field[Any, Any]]  # what `record` is given, in the order the statements take


COLUMNS = (
    "at", "actor_id", "actor", "action", "object_type", "object_id", "client_id", "ip", "detail"
)  # fmt: skip


@cache
def _sql() -> _Statements:
    """The append's statements, written once: every page about a client appends an entry,
    and the ORM takes ten times as long to build these statements as the database to run them."""
    quote = connection.ops.quote_name
    table = quote(AuditEntry._meta.db_table)
    by_name = {f.name: f for f in AuditEntry._meta.concrete_fields}
    columns = [by_name[name] for name in COLUMNS]
    names = ", ".join(quote(str(f.column)) for f in columns)
    marks = ", ".join(["%s"] * len(columns))
    return _Statements(
        last=f"SELECT {quote('hash')} FROM {table} ORDER BY {quote('id')} DESC LIMIT 1",  # noqa: S608 - quoted names
        insert=f"INSERT INTO {table} ({names}, {quote('prev_hash')}, {quote('hash')}) "  # noqa: S608
        f"VALUES ({marks}, %s, %s) RETURNING {quote('id')}",
        append=f"SELECT entry_id, entry_prev_hash, entry_hash FROM audit_append(%s, {marks}, %s)",  # noqa: S608 - placeholders only
        columns=columns,
    )


def describe(request: Any, **facts: Any) -> None:
    """Tells the audit wrapper of the current request what a view did when the URL alone
    cannot: `action="sign"`, or the `object_type`, `object_id` and `client_id` it created."""
    request.audit_facts = {**getattr(request, "audit_facts", {}), **facts}


def _actor(actor: object) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    if isinstance(actor, str):
        return None, actor
    if isinstance(actor, AbstractBaseUser) and actor.is_authenticated:
        return int(actor.pk), actor.get_username()
    return None, "anonymous"


@dataclass(frozen=True)
class Verdict:
    entries: int
    head: str
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(batch: int = 2000) -> Verdict:
    """Walks the chain in id order; the first entry whose link or hash is wrong breaks it."""
    prev, count = GENESIS, 0
    for entry in _in_order(batch):
        if entry.prev_hash != prev:
            why = "does not follow the entry before it (one was removed, inserted or reordered)"
            return Verdict(count, prev, entry.pk, why)
        if entry.compute_hash() != entry.hash:
            return Verdict(count, prev, entry.pk, "its content was changed after it was written")
        prev, count = entry.hash, count + 1
    return Verdict(count, prev)


def _in_order(batch: int) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = list(AuditEntry.objects.filter(id__gt=last).order_by("id")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk
