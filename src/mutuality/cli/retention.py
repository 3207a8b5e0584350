"""`mutuality retention list` and `mutuality retention destroy CLIENT_ID`."""

import argparse
import sys

from mutuality.cli.practice import _setup_django


def cmd_retention_list(args: argparse.Namespace) -> int:
    """Closed records by number, with the day each may be destroyed (no names)."""
    _setup_django()
    from django.utils import timezone

    from mutuality.clients.models import Client
    from mutuality.record.retention import closed_records

    today = timezone.localdate()
    print("record\tclosed\tmay be destroyed from\tdue")
    for c, after in closed_records(Client.objects.all()):
        print(f"{c.pk}\t{c.closed_on}\t{after}\t{'yes' if after and after <= today else 'no'}")
    return 0


def cmd_retention_destroy(args: argparse.Namespace) -> int:
    _setup_django()
    from django.utils import timezone

    from mutuality.clients.models import Client
    from mutuality.record.retention import NotDueForDestruction, destroy

    if not Client.objects.filter(pk=args.client_id).exists():
        print(f"error: no record #{args.client_id}", file=sys.stderr)
        return 1
    if not args.yes:
        print("error: destruction cannot be undone; add --yes to confirm", file=sys.stderr)
        return 2
    try:
        entry = destroy(args.client_id, by="command line", today=timezone.localdate())
    except NotDueForDestruction as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"record #{args.client_id} destroyed; audit entry #{entry.pk}: {entry.detail}")
    return 0
