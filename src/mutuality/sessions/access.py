"""The one way views fetch sessions: through the records the user may read (their own
caseload, and a supervisor's supervisees'), or only their own."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from mutuality.clients.models import owned_by, readable_by
from mutuality.sessions.models import TherapySession


def get_session_for_user(user: AbstractBaseUser | AnonymousUser, session_id: int) -> TherapySession:
    return get_object_or_404(
        TherapySession.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=session_id,
    )


def get_own_session_for_user(
    user: AbstractBaseUser | AnonymousUser, session_id: int
) -> TherapySession:
    """For what is the clinician's alone (private notes): never a supervisor's."""
    return get_object_or_404(
        TherapySession.objects.select_related("client").filter(owned_by(user, "client__")),
        pk=session_id,
    )
