"""`mutuality audit verify` and `mutuality audit report CLIENT_ID`."""

import argparse
import sys

from mutuality.cli.practice import _setup_django


def cmd_audit_verify(args: argparse.Namespace) -> int:
    _setup_django()
    from mutuality.audit.actions import check

    verdict = check(whole=True)  # the practice's audit page shows when this last ran
    if verdict.intact:
        print(f"audit chain intact: {verdict.entries} entries; head {verdict.head}")
        return 0
    print(
        f"audit chain BROKEN at entry #{verdict.broken_at}: {verdict.reason} "
        f"({verdict.entries} entries before it verified)",
        file=sys.stderr,
    )
    return 1


def cmd_audit_report(args: argparse.Namespace) -> int:
    """The accounting of disclosures for one client, as CSV on standard output."""
    _setup_django()
    from mutuality.audit.report import write_csv
    from mutuality.clients.models import Client

    if not Client.objects.filter(pk=args.client_id).exists():
        print(f"error: no client with id {args.client_id}", file=sys.stderr)
        return 1
    write_csv(sys.stdout, args.client_id)
    return 0
