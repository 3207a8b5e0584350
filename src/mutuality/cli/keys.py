"""`mutuality keys new` and `mutuality keys rotate`."""

import argparse
import sys

from mutuality.cli.practice import _setup_django


def cmd_keys_new(args: argparse.Namespace) -> int:
    """Prints a fresh key, for practices that keep the key in MUTUALITY_ENCRYPTION_KEY."""
    from mutuality.encryption import encode_key, key_id, new_key

    key = new_key()
    print(encode_key(key))
    print(f"key id {key_id(key)}: keep it where the current key is kept", file=sys.stderr)
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    _setup_django()
    from django.apps import apps

    from mutuality.audit.actions import record
    from mutuality.audit.models import Action
    from mutuality.encryption import EncryptionKeyError
    from mutuality.encryption.rotation import rotate

    try:
        done = rotate(apps.get_models())
    except EncryptionKeyError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    record(
        action=Action.KEYS,
        actor="command line",
        object_type="practice key",
        object_id=done.new_key_id,
        detail=f"from {', '.join(done.old_key_ids) or '-'}; {done.values_resealed} values resealed",
    )
    print(
        f"every value is now sealed under key {done.new_key_id} "
        f"({done.values_resealed} re-sealed; old keys: {', '.join(done.old_key_ids) or 'none'})"
    )
    if done.retired_copy:
        print(f"the old key is kept in {done.retired_copy}: backups made before need it")
    if not done.key_file_updated:
        print("now set MUTUALITY_ENCRYPTION_KEY to the new key alone (the first one)")
    print("restart the server so it seals with the new key")
    return 0
