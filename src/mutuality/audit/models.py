"""One audit entry: who did what to which object, when and from where — never content.

Entries form a hash chain: each stores the SHA-256 of its predecessor's hash and its own
fields, so a changed, removed or reordered entry breaks every hash after it. The model
refuses updates and deletes, and database triggers refuse them too (migration 0002).
"""

import hashlib
import json
from datetime import datetime
from typing import Any

from django.db import models

GENESIS = "0" * 64


class AppendOnly(Exception):
    """Audit entries are never changed or removed."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit entries cannot be removed")


class Action(models.TextChoices):
    VIEW = "view", "viewed"
    DENIED = "denied", "was refused"
    CREATE = "create", "created"
    CHANGE = "change", "changed"
    DELETE = "delete", "deleted"
    SIGN = "sign", "signed"
    EXPORT = "export", "exported"
    PRINT = "print", "printed"
    DESTROY = "destroy", "destroyed"
    LOGIN = "login", "signed in"
    LOGIN_FAILED = "login-failed", "failed to sign in"
    LOCKOUT = "lockout", "locked out"
    LOGOUT = "logout", "signed out"
    TWO_FACTOR = "two-factor", "changed two-factor sign-in"
    BACKUP = "backup", "backed up"
    RESTORE = "restore", "restored"
    KEYS = "keys", "rotated the encryption key"


# What the practice's audit page lists beside the chain: rare among the page views, so they
# have an index of their own, of them alone (a partial index: appending a view skips it).
ACCOUNT_EVENTS = (
    Action.LOGIN_FAILED,
    Action.LOCKOUT,
    Action.TWO_FACTOR,
    Action.KEYS,
    Action.BACKUP,
    Action.RESTORE,
    Action.DESTROY,
)


# An entry's fields as its hash covers them, in this order (`hashed`); `actions.record`
# writes them in the same order.
HASHED = (
    "at", "actor_id", "actor", "action", "object_type", "object_id", "client_id", "ip", "detail"
)  # fmt: skip


class AuditEntry(models.Model):
    at = models.DateTimeField()
    # Plain values, not foreign keys: an entry outlives the account or record it names.
    actor_id = models.BigIntegerField(null=True)
    actor = models.CharField(max_length=150, help_text="username, 'client link' or 'system'")
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    client_id = models.BigIntegerField(null=True, db_index=True)
    ip = models.GenericIPAddressField(null=True)
    detail = models.CharField(max_length=200, blank=True, help_text="never client content")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(
                fields=["id"],
                condition=models.Q(action__in=ACCOUNT_EVENTS),
                name="audit_account_events",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.actor} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit entries cannot be removed")

    def compute_hash(self) -> str:
        return entry_hash(self.prev_hash, self.fields())

    def fields(self) -> list[Any]:
        return hashed(*(getattr(self, name) for name in HASHED))


class Checkpoint(models.Model):
    """A verification that found the chain intact through one entry: how many entries that
    was, and that entry's hash. The practice's audit page verifies from the latest
    checkpoint on, so each visit walks only the entries written since the last one, not
    the whole trail (a busy practice writes hundreds of thousands a year). `whole`: this
    verification walked from the first entry; the page says when one last did."""

    at = models.DateTimeField()
    through_id = models.BigIntegerField()
    entries = models.BigIntegerField()
    head = models.CharField(max_length=64)
    whole = models.BooleanField()

    class Meta:
        ordering = ["through_id"]

    def __str__(self) -> str:
        return f"intact through #{self.through_id} ({self.entries} entries)"


def hashed(at: datetime, *rest: Any) -> list[Any]:
    """The values of `HASHED`, in its order, as the hash takes them: the moment as text."""
    return [at.isoformat(timespec="microseconds"), *rest]


def _json(values: list[Any]) -> str:
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, fields: list[Any]) -> str:
    return hashlib.sha256(_json([prev_hash, *fields]).encode()).hexdigest()


def fields_tail(fields: list[Any]) -> str:
    """What `entry_hash` hashes after `["<prev_hash>",`: the fields as JSON without the
    opening bracket. PostgreSQL's append function adds the predecessor's hash, which only it
    knows once it holds the chain's lock (migration 0003). A hash is hex, so it is written
    in JSON as it is, between quotes."""
    return _json(fields)[1:]
