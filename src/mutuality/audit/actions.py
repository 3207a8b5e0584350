"""Writing and verifying the audit chain.

`record` is called inside the transaction of the change it records, so either both are
saved or neither. Appends are serialised: SQLite's IMMEDIATE transactions hold the write
lock from their start, and on PostgreSQL the append function (migration 0003) takes a
transaction-scoped advisory lock before it reads the last hash, so two requests never chain
onto the same predecessor.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import BooleanField, Field, QuerySet
from django.db.models.expressions import RawSQL

from mutuality.audit.models import (
    ACCOUNT_EVENTS,
    GENESIS,
    HASHED,
    Action,
    AuditEntry,
    Checkpoint,
    entry_hash,
    fields_tail,
    hashed,
)

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


@cache
def _sql() -> _Statements:
    """The append's statements, written once: every page about a client appends an entry,
    and the ORM takes ten times as long to build these statements as the database to run them."""
    quote = connection.ops.quote_name
    table = quote(AuditEntry._meta.db_table)
    by_name = {f.name: f for f in AuditEntry._meta.concrete_fields}
    columns = [by_name[name] for name in HASHED]
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
    through_id: int = 0  # the last entry verified
    since: Checkpoint | None = None  # where the walk started, when not at the first entry
    left: int = 0  # entries after `through_id` not walked: the walk stopped at its limit

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(batch: int = 2000, since: Checkpoint | None = None, limit: int | None = None) -> Verdict:
    """Walks the chain in id order, from its first entry or on from `since`, a checkpoint
    an earlier verification left; the first entry whose link or hash is wrong breaks it.
    From a checkpoint it first checks that the entry it names still has the hash it had
    and that as many entries lead up to it: an entry removed or added before it, or a
    rewrite that recomputed the hashes up to it, shows there without walking them again.
    A change that left every stored hash as it was shows only on a whole walk. With
    `limit`, it walks at most that many entries and says how many it left."""
    prev, count, last = GENESIS, 0, 0
    if since is not None:
        prev, count, last = since.head, int(since.entries), int(since.through_id)
        at_checkpoint = AuditEntry.objects.filter(id=last).values_list("hash", flat=True).first()
        if at_checkpoint != prev:
            why = "no longer matches the checkpoint an earlier verification left there"
            return Verdict(0, GENESIS, last, why, since=since)
        if AuditEntry.objects.filter(id__lte=last).count() != count:
            why = "ends a trail that has lost or gained entries since it was verified"
            return Verdict(0, GENESIS, last, why, since=since)
    walked = 0
    while limit is None or walked < limit:
        take = batch if limit is None else min(batch, limit - walked)
        rows = list(_after(last).values_list("id", *HASHED, "prev_hash", "hash")[:take])
        if not rows:
            return Verdict(count, prev, through_id=last, since=since)
        walked += len(rows)
        for pk, *fields, prev_hash, hash_ in rows:
            if prev_hash != prev:
                why = "does not follow the entry before it (one was removed, inserted or reordered)"
                return Verdict(count, prev, pk, why, through_id=last, since=since)
            if entry_hash(prev_hash, hashed(*fields)) != hash_:
                why = "its content was changed after it was written"
                return Verdict(count, prev, pk, why, through_id=last, since=since)
            prev, count, last = hash_, count + 1, pk
    return Verdict(count, prev, through_id=last, since=since, left=_after(last).count())


def _after(last: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(id__gt=last).order_by("id")


def check(*, whole: bool = False, limit: int | None = None, now: datetime | None = None) -> Verdict:
    """Verifies the chain on from the latest checkpoint (from its first entry when `whole`,
    or when there is none yet), walking at most `limit` entries, and leaves a checkpoint at
    the last entry it walked when it is intact: the next check goes on from there. A whole
    walk that stops at its limit leaves none (it is a whole walk only if it reaches the
    end). A whole walk that finds a break removes the checkpoints at or past it, so later
    visits, starting from an earlier one, find the break again."""
    since = None if whole else Checkpoint.objects.order_by("-through_id").first()
    verdict = verify(since=since, limit=limit)
    if whole and not verdict.intact:  # the checkpoints past the break vouch for nothing
        Checkpoint.objects.filter(through_id__gte=verdict.broken_at).delete()
    advanced = since is None or verdict.through_id > since.through_id
    if verdict.intact and verdict.entries and advanced and not (whole and verdict.left):
        Checkpoint.objects.create(
            at=now or datetime.now(UTC),
            through_id=verdict.through_id,
            entries=verdict.entries,
            head=verdict.head,
            whole=since is None and not verdict.left,
        )
    return verdict


def account_events(latest: int = 100) -> QuerySet[AuditEntry]:
    """The latest account events (`ACCOUNT_EVENTS`), newest first, read by their partial
    index whatever the length of the trail. The condition is the index's own, in literals:
    SQLite uses a partial index only for a query whose terms match its condition, and a
    bound parameter never does (so Django's `action__in` walked every entry)."""
    listed = ", ".join(f"'{action.value}'" for action in ACCOUNT_EVENTS)  # Action's own slugs
    quote = connection.ops.quote_name
    column = f"{quote(AuditEntry._meta.db_table)}.{quote('action')}"
    condition = RawSQL(f"{column} IN ({listed})", (), output_field=BooleanField())  # noqa: S611 - constants
    return AuditEntry.objects.filter(condition).order_by("-id")[:latest]


def last_whole() -> Checkpoint | None:
    """The latest verification that walked the trail from its first entry."""
    return Checkpoint.objects.filter(whole=True).order_by("-at").first()
