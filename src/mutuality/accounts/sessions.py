"""Django's database sessions, each request's read being one statement built once
(site.prepared) that brings the signed-in user along, with what every signed-in page reads
of them (accounts.backends.USER): the session and its user were two statements, on every
request. Writing, expiry and clearing stay Django's (`SESSION_ENGINE` names this module)."""

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.utils import timezone

from mutuality.accounts import backends
from mutuality.accounts.models import SignedInSession
from mutuality.site.prepared import SOMEDAY, Prepared


def _session(key: str, now: Any) -> Any:
    sessions = SignedInSession.objects.select_related("user__clinician__practice")
    return sessions.annotate(has_authenticator=backends.has_authenticator("user_id")).filter(
        session_key=key, expire_date__gt=now
    )


SESSION = Prepared(_session, "(a session key)", SOMEDAY)


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls) -> Any:
        return SignedInSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        session: SignedInSession = super().create_model_instance(data)  # type: ignore[assignment]
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):  # not signed in
            session.user_id = None
        return session

    def load(self) -> dict[str, Any]:
        found = SESSION.first(self.session_key or "", timezone.now())
        if found is None:  # no such session, or it has expired: a new one is made if needed
            backends.HANDED.hold(None)
            self._session_key = None
            return {}
        user = found.user
        if user is not None:
            user.has_authenticator = found.has_authenticator
        backends.HANDED.hold(user)
        data: dict[str, Any] = self.decode(found.session_data)
        return data
