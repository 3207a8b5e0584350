"""Encryption at rest for free-text clinical fields.

Values are sealed with AES-256-GCM (an authenticated cipher from `cryptography`) under a
practice key that never enters the database: `MUTUALITY_ENCRYPTION_KEY` (URL-safe base64
of 32 bytes) or, by default, a key file generated once beside the data (see `key_path`).
A stored value reads `m1:<key id>:<base64 nonce+ciphertext>`; the key id tells which key
sealed which value, so `mutuality keys rotate` can re-seal under a new key while the old
one still opens what is not yet re-sealed. During a rotation the key file (or the
variable, comma-separated) holds several keys: the first seals, all of them open.
"""

import base64
import hashlib
import os
import secrets
from functools import cache, lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "m1"
_AAD = PREFIX.encode()


class EncryptionKeyError(Exception):
    """The practice key is missing, malformed, or not the one that sealed a value."""


def key_path() -> Path:
    from django.conf import settings

    return Path(os.environ.get("MUTUALITY_KEY_FILE", settings.DATA_DIR / "encryption.key"))


def _decode(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text.strip() + "==")
    except ValueError as e:
        raise EncryptionKeyError("the encryption key is not valid base64") from e
    if len(raw) != 32:
        raise EncryptionKeyError(f"the encryption key must be 32 bytes, not {len(raw)}")
    return raw


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode()


def new_key() -> bytes:
    return secrets.token_bytes(32)


def _parse_keys(text: str) -> tuple[bytes, ...]:
    keys = tuple(_decode(part) for part in text.replace(",", "\n").split() if part.strip())
    if not keys:
        raise EncryptionKeyError("the encryption key is empty")
    return keys


def write_key_file(path: Path, keys: tuple[bytes, ...]) -> None:
    """Replace the key file atomically (readable by its owner only), the sealing key first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(encode_key(k) for k in keys) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    practice_keys.cache_clear()


@cache
def practice_keys() -> tuple[bytes, ...]:
    """The keyring, sealing key first: from the environment, else from the key file,
    which is generated on first use."""
    if text := os.environ.get("MUTUALITY_ENCRYPTION_KEY"):
        return _parse_keys(text)
    path = key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(encode_key(new_key()))
    return _parse_keys(path.read_text())


def practice_key() -> bytes:
    """The key that seals new values."""
    return practice_keys()[0]


def existing_practice_key() -> bytes:
    """The practice key, without generating one: restoring needs the key that sealed."""
    if not os.environ.get("MUTUALITY_ENCRYPTION_KEY") and not key_path().exists():
        raise EncryptionKeyError(
            f"no practice key: set MUTUALITY_ENCRYPTION_KEY or put the key file at {key_path()}"
        )
    return practice_key()


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"mutuality key id" + key).hexdigest()[:8]


def seal(plaintext: str, key: bytes | None = None) -> str:
    key = key or practice_key()
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), PREFIX.encode())
    return f"{PREFIX}:{key_id(key)}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX + ":")


def sealed_key_id(value: str) -> str:
    return value.split(":", 2)[1]


@lru_cache(maxsize=8)
def _openers(keys: tuple[bytes, ...]) -> dict[str, AESGCM]:
    """Each key's cipher by key id, made once per keyring: pages open hundreds of values."""
    return {key_id(k): AESGCM(k) for k in keys}


def unseal(value: str, key: bytes | None = None) -> str:
    try:
        _, kid, body = value.split(":", 2)
        raw = base64.urlsafe_b64decode(body)
    except ValueError as e:
        raise EncryptionKeyError("a stored value is not in Mutuality's sealed format") from e
    cipher = _openers((key,) if key else practice_keys()).get(kid)
    if cipher is None:
        raise EncryptionKeyError(f"a stored value was sealed with key {kid}, not a key in use")
    try:
        return cipher.decrypt(raw[:12], raw[12:], _AAD).decode()
    except InvalidTag as e:
        raise EncryptionKeyError("a stored value failed its integrity check") from e
