"""Django's SQLite backend, with two changes: a statement's placeholders are rewritten for
SQLite once per distinct statement, not on every run; and a connection keeps the query
planner's statistics current when it closes.

Django writes SQL with `%s` placeholders and its SQLite cursor turns them into SQLite's `?`
with a regular expression each time a statement runs: about 8 µs for a page's typical
statement of 700 characters, and a page about a client runs ten to fourteen. The pages run
the same statements on every visit (site.prepared keeps them), so the rewritten text is
kept, for the latest 512 distinct statements, and reused: the same text as Django's, by
Django's own rewrite. Statements with named parameters are rewritten as before.

SQLite chooses how to run a join by the statistics `ANALYZE` keeps, and without them it
guesses. Unguided, it read a client's risk alerts by walking all of the client's answers
(some 1,200 over five years) for the one or two alerts open: 90 µs of the measures and client
pages' 220 µs in the database. SQLite's advice is to run `PRAGMA optimize` as a connection
closes: it analyses the tables that connection used whose statistics are missing or stale,
and nothing else, bounded here by `analysis_limit` (4 ms on the benchmark practice's 230,000
answers; a server closes each thread's connection at most once a minute). It never holds up
the close: if another connection is writing it waits at most 20 ms, then skips this time.
Settings name this package as the ENGINE of the SQLite database.
"""

import sqlite3
from functools import lru_cache
from typing import Any

from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX, SQLiteCursorWrapper
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper


@lru_cache(maxsize=512)
def qmark(query: str) -> str:
    """`query` with Django's `%s` placeholders as SQLite's `?` (and `%%` as `%`), as
    `SQLiteCursorWrapper.convert_query` writes it."""
    return FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class Cursor(SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: list[str] | None = None) -> str:
        if param_names is None:
            return qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(SQLiteWrapper):
    def create_cursor(self, name: Any = None) -> Cursor:
        return self.connection.cursor(factory=Cursor)  # type: ignore[no-any-return]

    def _close(self) -> None:
        if self.connection is not None and not self.connection.in_transaction:
            try:
                self.connection.execute("PRAGMA busy_timeout = 20")
                self.connection.execute("PRAGMA analysis_limit = 400")
                self.connection.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # statistics only guide the planner: a busy database skips them this time
        super()._close()  # type: ignore[misc]  # (django-stubs leave it out)
