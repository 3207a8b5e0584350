from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from mutuality.clients.models import Client
from mutuality.core.record.formulation import parse
from mutuality.formulations.models import Formulation


@transaction.atomic
def save_formulation(
    *, client: Client, by: User, content: dict[str, Any], as_of: date, shared: bool
) -> Formulation:
    """Adds a new version; earlier versions are never changed. Raises MutualityError for
    content that does not parse, before anything is written."""
    parsed = parse(content)
    Client.objects.select_for_update().filter(pk=client.pk).get()  # one writer at a time
    last = Formulation.objects.filter(client=client).aggregate(n=Max("version"))["n"] or 0
    return Formulation.objects.create(
        client=client,
        version=last + 1,
        as_of=as_of,
        content=parsed.as_dict(),
        shared_with_client=shared,
        created_by=by,
    )
