"""The one way views fetch sessions: through the clinician's own caseload."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from mutuality.clients.models import Client
from mutuality.sessions.models import TherapySession


def get_session_for_user(user: AbstractBaseUser | AnonymousUser, session_id: int) -> TherapySession:
    return get_object_or_404(
        TherapySession.objects.select_related("client").filter(
            client__in=Client.objects.for_user(user)
        ),
        pk=session_id,
    )
