"""The signed-in session: Django's database session with the signed-in user's id kept beside
its data, so that each request reads the session and the user it belongs to in one
statement (accounts.sessions) instead of two."""

from typing import Any

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class SignedInSession(AbstractBaseSession):
    # Who signed in, as the session's data says (`_auth_user_id`), written with the data
    # each time it is saved; empty before signing in. Django still checks the data itself
    # (and the password's hash in it) on every request: this only brings the row along.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_session"

    @classmethod
    def get_session_store_class(cls) -> Any:
        from mutuality.accounts.sessions import SessionStore

        return SessionStore
