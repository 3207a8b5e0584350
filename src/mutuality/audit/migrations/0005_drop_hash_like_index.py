"""On PostgreSQL, Django gives every unique text column a second index for `LIKE 'abc%'`
(`varchar_pattern_ops`). Nothing searches the audit trail's hashes by prefix: they are
matched whole, on the unique index. Yet every page view about a client appends an entry, and
so wrote into that second index too, at a random place in it (a hash's value). On the
benchmark practice it held 24 MB for 199,000 entries, as much as the unique index, and an
append without it cost PostgreSQL 253 µs of CPU against 286 (docs/benchmarks.md, eighteenth
round). It is dropped; the unique index stays."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def _like_index(schema_editor: BaseDatabaseSchemaEditor) -> str:
    """The name Django gave the index (its PostgreSQL schema editor's own rule)."""
    return schema_editor._create_index_name("audit_auditentry", ["hash"], suffix="_like")


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        name = schema_editor.quote_name(_like_index(schema_editor))
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        name = schema_editor.quote_name(_like_index(schema_editor))
        schema_editor.execute(
            f'CREATE INDEX {name} ON "audit_auditentry" ("hash" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_checkpoint_and_account_events")]

    operations = [migrations.RunPython(drop, create, elidable=False)]
