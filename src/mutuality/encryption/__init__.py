"""Encryption at rest for free-text clinical fields.

Values are sealed with AES-256-GCM (an authenticated cipher from `cryptography`) under a
practice key that never enters the database: `MUTUALITY_ENCRYPTION_KEY` (URL-safe base64
of 32 bytes) or, by default, a key file generated once beside the data (see `key_path`).
A stored value reads `m1:<key id>:<base64 nonce+ciphertext>`; the key id lets a later
rotation tell which key sealed which value.
"""

import base64
import hashlib
import os
import secrets
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "m1"


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


@cache
def practice_key() -> bytes:
    """The key from the environment, else from its file, generated there on first use."""
    if text := os.environ.get("MUTUALITY_ENCRYPTION_KEY"):
        return _decode(text)
    path = key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    return _decode(path.read_text())


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


def unseal(value: str, key: bytes | None = None) -> str:
    key = key or practice_key()
    try:
        _, kid, body = value.split(":", 2)
        raw = base64.urlsafe_b64decode(body)
    except ValueError as e:
        raise EncryptionKeyError("a stored value is not in Mutuality's sealed format") from e
    if kid != key_id(key):
        raise EncryptionKeyError(f"a stored value was sealed with key {kid}, not the key in use")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], PREFIX.encode()).decode()
    except InvalidTag as e:
        raise EncryptionKeyError("a stored value failed its integrity check") from e
