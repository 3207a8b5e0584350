"""Django's database sessions, with each request's read as one plain statement: the ORM takes
ten times as long to build the lookup as the database to run it, and every page reads the
session. Writing, expiry and clearing stay Django's (`SESSION_ENGINE` names this module)."""

from functools import cache
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        expires = Session._meta.get_field("expire_date")
        with connection.cursor() as cursor:
            now = expires.get_db_prep_value(timezone.now(), connection)
            cursor.execute(_read_sql(), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:  # no such session, or it has expired: a new one is made if needed
            self._session_key = None
            return {}
        data: dict[str, Any] = self.decode(row[0])
        return data


@cache
def _read_sql() -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {quote('session_data')} FROM {quote(Session._meta.db_table)} "  # noqa: S608
        f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
    )
