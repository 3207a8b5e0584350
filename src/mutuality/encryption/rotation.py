"""Rotating the practice key: a new key seals, every stored value is re-sealed under it,
then the old key leaves the keyring.

With a key file (the default) it takes one command, safe to repeat after an interruption:
1. the new key is put in front of the old one in the key file (atomically), and the old
   key is copied to `encryption.key.retired-<id>` for backups made before the rotation;
2. every sealed column of every model is re-sealed in batches, each its own transaction
   (`reseal`), so a crash loses nothing and a second run continues where the first stopped;
3. when no value is left under the old key, the key file is rewritten with the new key
   alone.
With the key in `MUTUALITY_ENCRYPTION_KEY` the process cannot rewrite it: the practice
sets `NEW,OLD`, runs the command, then sets `NEW`.
"""

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import connections, models

from mutuality.encryption import (
    PREFIX,
    EncryptionKeyError,
    encode_key,
    key_id,
    key_path,
    new_key,
    practice_keys,
    write_key_file,
)
from mutuality.encryption.reseal import reseal_all, sealed_fields


@dataclass(frozen=True)
class Rotation:
    new_key_id: str
    old_key_ids: tuple[str, ...]
    values_resealed: int
    retired_copy: Path | None  # where the old key was kept, for older backups
    key_file_updated: bool  # False when the key is in the environment


def stale_values(all_models: Iterable[type[models.Model]], kid: str, using: str = "default") -> int:
    """How many stored values are not sealed under the key `kid`."""
    connection = connections[using]
    qn = connection.ops.quote_name
    count = 0
    with connection.cursor() as cursor:
        for model in all_models:
            for field in sealed_fields(model):
                col = qn(str(field.column))
                cursor.execute(
                    f"SELECT COUNT(*) FROM {qn(model._meta.db_table)} "  # noqa: S608
                    f"WHERE {col} IS NOT NULL AND {col} <> '' AND {col} NOT LIKE %s",
                    [f"{PREFIX}:{kid}:%"],
                )
                count += cursor.fetchone()[0]
    return count


def _retire(old: bytes) -> Path:
    """A copy of an old key beside the key file, for backups it sealed; kept once."""
    path = key_path()
    retired = path.with_name(f"{path.name}.retired-{key_id(old)}")
    if not retired.exists():
        fd = os.open(retired, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(encode_key(old) + "\n")
    return retired


def rotate(all_models: Iterable[type[models.Model]], using: str = "default") -> Rotation:
    all_models = list(all_models)
    in_env = bool(os.environ.get("MUTUALITY_ENCRYPTION_KEY"))
    keys = practice_keys()
    if len(keys) == 1:
        if in_env:
            raise EncryptionKeyError(
                "the key is in MUTUALITY_ENCRYPTION_KEY, which Mutuality cannot rewrite: run "
                "'mutuality keys new', set MUTUALITY_ENCRYPTION_KEY=NEW,OLD, run 'mutuality "
                "keys rotate' again, then set MUTUALITY_ENCRYPTION_KEY=NEW"
            )
        _retire(keys[0])  # before the key file changes
        write_key_file(key_path(), (new_key(), keys[0]))
        keys = practice_keys()
    retired = None if in_env else _retire(keys[1])  # already there after the first run
    current = key_id(keys[0])
    done = reseal_all(all_models, using=using)
    left = stale_values(all_models, current, using=using)
    if left:
        raise EncryptionKeyError(f"{left} values are still not sealed under key {current}")
    if not in_env:
        write_key_file(key_path(), (keys[0],))
    return Rotation(
        new_key_id=current,
        old_key_ids=tuple(key_id(k) for k in keys[1:]),
        values_resealed=done.values_resealed,
        retired_copy=retired,
        key_file_updated=not in_env,
    )
