"""Django's password backend, loading with each request's user what every signed-in page
reads: their clinician profile and its practice (the two-factor check, the page header) and
whether they have a confirmed authenticator (`twofactor.enrolled`), in one query built once
per server thread (site.prepared). A request's session read brings that user along
(accounts.sessions), and hands it here: then no query is made at all."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from mutuality.site.prepared import Prepared, ReadAhead


def has_authenticator(user_id: str) -> Exists:
    """Whether the user whose id is the outer query's `user_id` has a confirmed authenticator."""
    return Exists(TOTPDevice.objects.filter(user=OuterRef(user_id), confirmed=True))


def _user(user_id: int) -> Any:
    users = get_user_model()._default_manager.select_related("clinician__practice")
    return users.annotate(has_authenticator=has_authenticator("pk")).filter(pk=user_id)


USER = Prepared(_user, -1)
# The user a request's session read brought along (accounts.sessions), for `get_user` to take
# once. Every session read holds one (None when there is no user), so none outlives the
# request that read it into the next.
HANDED = ReadAhead(USER, lambda user: user.pk)


class PasswordBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):  # not an id: no one
            return None
        user = HANDED.take(pk, pk) or USER.first(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
