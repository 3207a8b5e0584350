"""Django's PostgreSQL backend, reading moments quicker (`base.UtcMomentLoader`); and what
PostgreSQL needs after many rows are written at once (`after_bulk_load`)."""

from typing import Any


def after_bulk_load(connection: Any) -> None:
    """On PostgreSQL, `VACUUM (ANALYZE)` once a bulk load (the demo practice, a restored
    backup) has committed. ANALYZE gives the query planner its statistics, which a restore
    does not bring (pg_dump leaves them out) and which autovacuum gathers only some time
    later, or never where it is off; PostgreSQL's documentation asks for it after loading
    much data. VACUUM sets the rows' hint bits and the visibility map: without it, the
    first reads of every row write its page again, and on the benchmark practice the first
    minutes of pages after a load ran up to 70% slower (docs/benchmarks.md, eighteenth
    round). It cannot run inside a transaction. SQLite needs nothing: its connections keep
    their statistics as they close (site.sqlite3), and a restore copies them with the
    file."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
