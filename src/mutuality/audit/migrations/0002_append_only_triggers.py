"""The database itself refuses to change an audit entry.

Deleting is refused by the model and its queryset but not by a trigger, because Django's
`flush` (used between transactional tests) empties tables. Someone with raw database
access can remove rows or drop this trigger; the hash chain is what then reveals it
(`mutuality audit verify`)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE = [
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
]
POSTGRES = [
    """CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$""",
    """CREATE TRIGGER audit_append_only BEFORE UPDATE
       ON audit_auditentry FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()""",
]
UNDO = {
    "sqlite": ["DROP TRIGGER audit_no_update"],
    "postgresql": [
        "DROP TRIGGER audit_append_only ON audit_auditentry",
        "DROP FUNCTION audit_append_only()",
    ],
}


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(sql)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for sql in UNDO.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
