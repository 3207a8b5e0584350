"""The one way views fetch formulation versions: through the clinician's own caseload."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from mutuality.clients.models import Client
from mutuality.formulations.models import Formulation


def get_formulation_for_user(
    user: AbstractBaseUser | AnonymousUser, formulation_id: int
) -> Formulation:
    return get_object_or_404(
        Formulation.objects.select_related("client").filter(
            client__in=Client.objects.for_user(user)
        ),
        pk=formulation_id,
    )
