"""Django's password backend, loading with each request's user what every signed-in page
reads: their clinician profile and its practice (the two-factor check, the page header) and
whether they have a confirmed authenticator (`twofactor.enrolled`), in one query built once
per server thread (site.prepared). A request's session read brings that user along
(accounts.sessions), and hands it here: then no query is made at all."""

from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from mutuality.site.prepared import Prepared


def _user(user_id: int) -> Any:
    authenticator = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    users = get_user_model()._default_manager.select_related("clinician__practice")
    return users.annotate(has_authenticator=Exists(authenticator)).filter(pk=user_id)


USER = Prepared(_user, -1)

# The user the session just read belongs to, for `get_user` to take once. Every session read
# sets it (to None when there is no user), so it never outlives the request that read it
# into the next that signs someone in.
_handed: ContextVar[Any] = ContextVar("user read with the session", default=None)


def hand_over(user: Any) -> None:
    _handed.set(user)


class PasswordBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):  # not an id: no one
            return None
        user = _handed.get()
        if user is not None and user.pk == pk:
            _handed.set(None)  # once: a second call reads the user again
        else:
            user = USER.first(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
