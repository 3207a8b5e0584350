"""Django's PostgreSQL backend, with one change: moments (`timestamptz`) that PostgreSQL
prints in UTC are read by `datetime.fromisoformat` rather than Django's loader.

Django reads every `timestamptz` with a loader of its own written in Python (a regular
expression and a dozen steps per value, then the connection's time zone put on). A page
reads hundreds of moments (the measures page about 250, the caseload 200), and reading them
cost it 0.4–0.8 ms a visit (bench/pages.py). `datetime.fromisoformat` gives the same value,
in C, for what PostgreSQL prints when the connection's zone is UTC, as Django sets it with
time zones on: ISO text ending `+00`. Anything else (another offset or date style, BC,
infinity, a year past 9999) goes to Django's loader as before, which reads it or says what
is wrong. Settings name this package as the ENGINE of a `DATABASE_URL` on PostgreSQL.
"""

from datetime import UTC, datetime
from typing import Any

from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.db.backends.postgresql.psycopg_any import BaseTzLoader


class UtcMomentLoader(BaseTzLoader):  # type: ignore[misc]  # untyped in django-stubs
    """Django's loader for a connection in UTC (its `timezone`, which Django compares
    before each cursor), with ISO text in UTC read by `fromisoformat`."""

    timezone = UTC

    def load(self, data: Any) -> datetime:
        if data[-3:] == b"+00":
            try:
                return datetime.fromisoformat(bytes(data).decode())
            except ValueError:
                pass
        return super().load(data)  # type: ignore[no-any-return]


class DatabaseWrapper(PostgresWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if self.timezone is UTC:  # else Django's loader, which puts the zone on
            connection.adapters.register_loader("timestamptz", UtcMomentLoader)
        return connection
