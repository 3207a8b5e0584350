"""`mutuality export`: a client's record as one FHIR R4 Bundle."""

import argparse
import json
import sys

from mutuality.cli.practice import _setup_django


def cmd_export(args: argparse.Namespace) -> int:
    _setup_django()
    from django.utils import timezone

    from mutuality.clients.models import Client
    from mutuality.record.fhir import record_bundle

    client = Client.objects.filter(pk=args.client_id).first()
    if client is None:
        print(f"error: no client with id {args.client_id}", file=sys.stderr)
        return 1
    from mutuality.audit.actions import record
    from mutuality.audit.models import Action

    bundle = record_bundle(client, now=timezone.now(), with_details=args.with_details)
    record(
        action=Action.EXPORT,
        actor="command line",
        object_type="client",
        object_id=client.pk,
        client_id=client.pk,
        detail="mutuality export" + (" --with-details" if args.with_details else ""),
    )
    text = json.dumps(bundle, indent=2)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        print(f"wrote {len(bundle.get('entry', []))} resources to {args.output}", file=sys.stderr)
    else:
        print(text)
    return 0
