"""The one way views fetch formulation versions: through the clinician's own caseload."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from mutuality.clients.models import readable_by
from mutuality.formulations.models import Formulation


def get_formulation_for_user(
    user: AbstractBaseUser | AnonymousUser, formulation_id: int
) -> Formulation:
    return get_object_or_404(
        Formulation.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=formulation_id,
    )
