"""Re-sealing stored values under the practice's sealing key.

Used twice: by migrations that turn a plain column into a sealed one (its old plaintext is
sealed in place), and by `mutuality keys rotate` (values sealed under an older key are
opened with it and sealed again under the new one). It works on raw rows in batches of
primary keys, each batch its own transaction, and skips values already sealed under the
sealing key, so an interrupted run resumes where it stopped and a finished one is a no-op.
Raw SQL on purpose: it must not go through model guards (signed notes refuse `update`)
and must work with the historical models a migration hands it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connections, models, transaction

from mutuality.encryption import is_sealed, key_id, practice_key, seal, sealed_key_id, unseal
from mutuality.encryption.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField

SEALED = (EncryptedTextField, EncryptedJSONField, EncryptedDateField)


def sealed_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, SEALED)]


@dataclass
class Resealed:
    rows_seen: int = 0
    values_resealed: int = 0


def _needs(value: object, kid: str) -> bool:
    if value is None or value == "":
        return False
    return not (is_sealed(str(value)) and sealed_key_id(str(value)) == kid)


def reseal(model: type[models.Model], *, using: str = "default", batch: int = 500) -> Resealed:
    """Seals every value of the model's sealed columns that is plaintext or sealed under
    another key of the keyring. Returns what it saw and changed."""
    fields = sealed_fields(model)
    done = Resealed()
    if not fields or model._meta.proxy or not model._meta.managed:
        return done
    connection = connections[using]
    qn = connection.ops.quote_name
    pk_field = model._meta.pk
    assert pk_field is not None
    table, pk = qn(model._meta.db_table), qn(str(pk_field.column))
    columns = [qn(str(f.column)) for f in fields]
    kid: str | None = None
    last = -1
    while True:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {pk}, {', '.join(columns)} FROM {table} "  # noqa: S608 - quoted names
                f"WHERE {pk} > %s ORDER BY {pk} LIMIT %s",
                [last, batch],
            )
            rows = cursor.fetchall()
            if not rows:
                return done
            for row_pk, *values in rows:
                done.rows_seen += 1
                last = row_pk
                if kid is None and any(v not in (None, "") for v in values):
                    kid = key_id(practice_key())
                stale = [
                    (c, v) for c, v in zip(columns, values, strict=True) if _needs(v, kid or "")
                ]
                if not stale:
                    continue
                fresh = [seal(unseal(str(v)) if is_sealed(str(v)) else str(v)) for _, v in stale]
                cursor.execute(
                    f"UPDATE {table} SET {', '.join(f'{c} = %s' for c, _ in stale)} "  # noqa: S608
                    f"WHERE {pk} = %s",
                    [*fresh, row_pk],
                )
                done.values_resealed += len(stale)


def reseal_all(all_models: Iterable[type[models.Model]], using: str = "default") -> Resealed:
    total = Resealed()
    for model in all_models:
        one = reseal(model, using=using)
        total.rows_seen += one.rows_seen
        total.values_resealed += one.values_resealed
    return total


def migration(*labels: str) -> Any:
    """A RunPython function sealing the existing plaintext of the named models
    ("app.Model") after their columns became sealed ones."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        for label in labels:
            reseal(apps.get_model(label), using=schema_editor.connection.alias)

    return forwards
