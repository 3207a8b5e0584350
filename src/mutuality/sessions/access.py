"""The one way views fetch sessions: through the records the user may read (their own
caseload, and a supervisor's supervisees'), or only their own."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from mutuality.clients.models import readable_by, supervises
from mutuality.sessions.models import TherapySession
from mutuality.site.prepared import Prepared, ReadAhead, found_or_404


def _own_session(clinician: int, pk: int) -> "QuerySet[TherapySession]":
    sessions = TherapySession.objects.select_related("client")
    return sessions.filter(client__clinician_id=clinician, pk=pk)


OWN_SESSION = Prepared(_own_session, -1, -2)  # the lookup every page about a session makes
# The session a URL names, read by the audit wrapper before the view (site.prepared.ReadAhead).
AHEAD = ReadAhead(
    Prepared(lambda pk: TherapySession.objects.select_related("client").filter(pk=pk), -1),
    lambda s: s.client.clinician_id,
)


def get_session_for_user(user: AbstractBaseUser | AnonymousUser, session_id: int) -> TherapySession:
    if user.is_authenticated and not supervises(user):
        return AHEAD.take(session_id, user.pk) or found_or_404(
            OWN_SESSION.first(user.pk, session_id)
        )
    return get_object_or_404(
        TherapySession.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=session_id,
    )


def get_own_session_for_user(
    user: AbstractBaseUser | AnonymousUser, session_id: int
) -> TherapySession:
    """For what is the clinician's alone (private notes): never a supervisor's."""
    if not user.is_authenticated:
        raise Http404("no such session")
    return AHEAD.take(session_id, user.pk) or found_or_404(OWN_SESSION.first(user.pk, session_id))
