"""`mutuality backup create|verify PATH` and `mutuality restore PATH`."""

import argparse
import sys
from pathlib import Path

from mutuality.cli.practice import _setup_django


def cmd_backup_create(args: argparse.Namespace) -> int:
    _setup_django()
    from django.db import connection

    from mutuality.audit.actions import record, verify
    from mutuality.audit.models import Action
    from mutuality.backup import BackupError, create
    from mutuality.encryption import practice_key

    verdict = verify()
    try:
        manifest = create(
            Path(args.path),
            connection=connection,
            practice_key=practice_key(),
            audit=(verdict.entries, verdict.head),
        )
    except BackupError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    record(action=Action.BACKUP, actor="command line", detail=f"{manifest.payload_bytes} bytes")
    print(
        f"backup written to {args.path} ({manifest.vendor}, {manifest.payload_bytes} bytes, "
        f"{manifest.audit_entries} audit entries); checksum in {args.path}.sha256"
    )
    if not verdict.intact:
        print(f"warning: the audit chain is broken at entry #{verdict.broken_at}", file=sys.stderr)
    return 0


def cmd_backup_verify(args: argparse.Namespace) -> int:
    _setup_django()
    from mutuality.backup import BackupError, opened

    try:
        with opened(Path(args.path)) as (manifest, _):
            pass
    except BackupError as e:
        print(f"backup NOT usable: {e}", file=sys.stderr)
        return 1
    print(
        f"backup verified: {manifest.vendor} snapshot of {manifest.created}, "
        f"{manifest.payload_bytes} bytes, {manifest.audit_entries} audit entries"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _setup_django()
    from django.db import connection

    from mutuality.audit.actions import record, verify
    from mutuality.audit.models import Action
    from mutuality.backup import BackupError, opened, restore_snapshot

    try:
        with opened(Path(args.path)) as (manifest, payload):
            restore_snapshot(manifest, payload, connection)
    except BackupError as e:
        print(f"error: nothing was restored: {e}", file=sys.stderr)
        return 1
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)  # a backup from an older version
    verdict = verify()
    record(action=Action.RESTORE, actor="command line", detail=f"backup of {manifest.created}")
    print(f"restored the backup of {manifest.created} ({manifest.vendor})")
    if verdict.intact and verdict.entries >= manifest.audit_entries:
        print(f"audit chain intact: {verdict.entries} entries")
        return 0
    print(f"warning: the audit chain is broken at entry #{verdict.broken_at}", file=sys.stderr)
    return 1
