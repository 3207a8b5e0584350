"""Encrypted, checksummed backups of the practice database, and restoring them.

A backup is a consistent online snapshot — SQLite's backup API, or `pg_dump` (one MVCC
snapshot) for PostgreSQL — taken while the server keeps running, then sealed in 4 MiB
chunks with AES-256-GCM under a key derived from the practice key (HKDF-SHA256). Every
chunk authenticates the header, its own position and whether it is the last, so a changed,
reordered, dropped or truncated chunk is detected. A `.sha256` file beside it lets anyone
check the file without the key. The practice key itself is never in the backup: keep it
apart from the backups, or they cannot be read (and a stolen backup reveals nothing).
"""

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mutuality import __version__
from mutuality.encryption import EncryptionKeyError, existing_practice_key, key_id
from mutuality.site.postgresql import after_bulk_load

MAGIC = b"MUTUALITY-BACKUP-1\n"
CHUNK = 4 << 20


class BackupError(Exception):
    """A backup that cannot be made, read, trusted or restored; the message says why."""


@dataclass(frozen=True)
class Manifest:
    created: str
    vendor: str
    version: str
    payload_bytes: int
    payload_sha256: str
    audit_entries: int
    audit_head: str


def backup_key(practice_key: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"mutuality backup v1").derive(practice_key)


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">Q?", index, final)


def _write_sealed(
    write: Callable[[bytes], object], key: bytes, header: bytes, parts: Iterator[bytes]
) -> None:
    """Each chunk is written as: final flag (1 byte), length (4 bytes), sealed bytes. The
    flag is also authenticated, so a dropped last chunk cannot pass for a complete file."""
    aes, prefix = AESGCM(key), secrets.token_bytes(4)
    write(MAGIC + struct.pack(">I", len(header)) + header + prefix)
    pending, index = next(parts, b""), 0
    while True:
        following = next(parts, None)
        final = following is None
        sealed = aes.encrypt(prefix + struct.pack(">Q", index), pending, _aad(header, index, final))
        write(struct.pack(">?I", final, len(sealed)) + sealed)
        if following is None:
            return
        pending, index = following, index + 1


def _read_sealed(src: BinaryIO, key: bytes) -> Iterator[bytes]:
    header = read_header(src)[1]
    aes, prefix = AESGCM(key), src.read(4)
    index, final = 0, False
    while not final:
        head = src.read(5)
        if len(head) < 5:
            raise BackupError("the backup ends early: it was truncated or is incomplete")
        final, size = struct.unpack(">?I", head)
        nonce = prefix + struct.pack(">Q", index)
        try:
            yield aes.decrypt(nonce, src.read(size), _aad(header, index, final))
        except InvalidTag as e:
            raise BackupError(
                f"chunk {index} of the backup failed its integrity check: the file was "
                "changed, or it was sealed under another practice key"
            ) from e
        index += 1
    if src.read(1):
        raise BackupError("the backup has data after its last chunk")


def read_header(src: BinaryIO) -> tuple[dict[str, Any], bytes]:
    if src.read(len(MAGIC)) != MAGIC:
        raise BackupError("this is not a Mutuality backup (its first bytes are wrong)")
    (size,) = struct.unpack(">I", src.read(4))
    header = src.read(size)
    try:
        return json.loads(header), header
    except ValueError as e:
        raise BackupError("the backup's header is damaged") from e


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    for chunk in _file_chunks(path):
        digest.update(chunk)
    return digest.hexdigest()


def snapshot(connection: Any, to: Path) -> None:
    """A consistent copy of the live database into the file `to`."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(to)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(to)], connection)
    else:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")


def _pg_env(settings: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for var, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings.get(key):
            env[var] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    env["PGDATABASE"] = str(settings["NAME"])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (PostgreSQL's client tools)")
    return path


def _run(command: list[str], connection: Any) -> None:
    # Fixed options and paths Mutuality chose; the connection comes from the environment.
    done = subprocess.run(  # noqa: S603
        [_tool(command[0]), *command[1:]],
        env=_pg_env(connection.settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def create(path: Path, *, connection: Any, practice_key: bytes, audit: tuple[int, str]) -> Manifest:
    """Writes the encrypted backup to `path` and its checksum to `path`.sha256."""
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new file name")
    with tempfile.TemporaryDirectory(prefix="mutuality-backup-") as tmp:
        payload = Path(tmp) / "database"
        snapshot(connection, payload)
        manifest = Manifest(
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            vendor=connection.vendor,
            version=__version__,
            payload_bytes=payload.stat().st_size,
            payload_sha256=sha256_of(payload),
            audit_entries=audit[0],
            audit_head=audit[1],
        )
        header = json.dumps(
            {"format": 1, "key_id": key_id(practice_key), **manifest.__dict__}, sort_keys=True
        ).encode()
        partial = path.with_name(path.name + ".partial")
        digest = hashlib.sha256()  # of the file as written, for the checksum beside it
        with partial.open("wb") as out:

            def write(data: bytes) -> None:
                digest.update(data)
                out.write(data)

            _write_sealed(write, backup_key(practice_key), header, _file_chunks(payload))
            out.flush()
            os.fsync(out.fileno())
        partial.rename(path)  # never a half-written file under the final name
    path.with_name(path.name + ".sha256").write_text(f"{digest.hexdigest()}  {path.name}\n")
    return manifest


def open_backup(path: Path, practice_key: bytes, into: Path) -> Manifest:
    """Checks the checksum and every chunk, and writes the database snapshot to `into`."""
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    sidecar = path.with_name(path.name + ".sha256")
    if sidecar.exists() and sidecar.read_text().split()[0] != sha256_of(path):
        raise BackupError(f"{path.name} does not match its checksum in {sidecar.name}")
    with path.open("rb") as src:
        header, _ = read_header(src)
        if header.get("key_id") != key_id(practice_key):
            raise BackupError(
                f"this backup was sealed under practice key {header.get('key_id')}, "
                f"not the key in use ({key_id(practice_key)})"
            )
        src.seek(0)
        digest = hashlib.sha256()
        with into.open("wb") as out:
            for plain in _read_sealed(src, backup_key(practice_key)):
                digest.update(plain)
                out.write(plain)
    fields = {k: header[k] for k in Manifest.__dataclass_fields__}
    manifest = Manifest(**fields)
    if digest.hexdigest() != manifest.payload_sha256:
        raise BackupError("the restored snapshot does not match the checksum in the backup")
    return manifest


def check_snapshot(manifest: Manifest, payload: Path) -> None:
    """The snapshot itself opens: SQLite's integrity check, or pg_restore's table of contents."""
    if manifest.vendor == "sqlite":
        db = sqlite3.connect(f"file:{payload}?mode=ro", uri=True)
        try:
            (result,) = db.execute("PRAGMA integrity_check").fetchone()
        finally:
            db.close()
        if result != "ok":
            raise BackupError(f"the database in the backup fails its integrity check: {result}")
    else:
        listing = [_tool("pg_restore"), "--list", str(payload)]
        done = subprocess.run(listing, capture_output=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise BackupError("the PostgreSQL dump in the backup cannot be read by pg_restore")


@contextmanager
def opened(path: Path) -> Iterator[tuple[Manifest, Path]]:
    """The backup checked whole (checksum, every chunk, the snapshot itself) under the
    practice key in use, with its snapshot in a temporary file for the `with` block."""
    try:
        key = existing_practice_key()
    except EncryptionKeyError as e:
        raise BackupError(str(e)) from e
    with tempfile.TemporaryDirectory(prefix="mutuality-backup-") as tmp:
        payload = Path(tmp) / "database"
        manifest = open_backup(path, key, payload)
        check_snapshot(manifest, payload)
        yield manifest, payload


def restore_snapshot(manifest: Manifest, payload: Path, connection: Any) -> None:
    """Puts the snapshot in place of an empty database; refuses to overwrite data."""
    if manifest.vendor != connection.vendor:
        raise BackupError(
            f"this is a {manifest.vendor} backup; the configured database is {connection.vendor}"
        )
    if manifest.vendor == "sqlite":  # a new data directory may not exist yet
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if connection.introspection.table_names():
        raise BackupError(
            "the target database is not empty: restore into a new data directory "
            "(or a new PostgreSQL database) so nothing there is overwritten"
        )
    if manifest.vendor == "sqlite":
        connection.close()
        target = Path(connection.settings_dict["NAME"])
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)  # the empty file Django may have created
        shutil.copyfile(payload, target)
    else:
        _run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname",
              str(connection.settings_dict["NAME"]), str(payload)], connection)  # fmt: skip
        after_bulk_load(connection)  # a dump carries no planner statistics
