"""On PostgreSQL, an entry is appended by one call of a database function: the chain's lock,
the read of its last hash and the insert, in one round trip instead of five (begin, lock,
read, insert, commit), for every page about a client.

The function takes the entry's columns and its fields as JSON with the first `[` left off
(`actions.record` writes them, as `entry_hash` would). It takes the chain's advisory lock for
its transaction, reads the last hash and hashes `["<last hash>",` followed by that text,
which is what `entry_hash` hashes, so `verify` checks its entries as any other. A plpgsql
function marked VOLATILE (the default) reads with a snapshot taken after the lock, in
PostgreSQL's default isolation, read committed: it sees the entry of the append it waited
for. A statement that took the lock and read in one would read the snapshot taken before
it waited. SQLite appends as before (`actions.record`).
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE FUNCTION audit_append(
    lock_key bigint, new_at timestamptz, new_actor_id bigint, new_actor varchar,
    new_action varchar, new_object_type varchar, new_object_id varchar,
    new_client_id bigint, new_ip inet, new_detail varchar, fields_tail text
) RETURNS TABLE (entry_id bigint, entry_prev_hash varchar, entry_hash varchar)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    SELECT e.hash INTO entry_prev_hash FROM audit_auditentry e ORDER BY e.id DESC LIMIT 1;
    entry_prev_hash := coalesce(entry_prev_hash, repeat('0', 64));
    entry_hash := encode(
        sha256(convert_to('["' || entry_prev_hash || '",' || fields_tail, 'UTF8')), 'hex'
    );
    INSERT INTO audit_auditentry (
        at, actor_id, actor, action, object_type, object_id, client_id, ip, detail,
        prev_hash, hash
    ) VALUES (
        new_at, new_actor_id, new_actor, new_action, new_object_type, new_object_id,
        new_client_id, new_ip, new_detail, entry_prev_hash, entry_hash
    ) RETURNING id INTO entry_id;
    RETURN NEXT;
END $$
"""
DROP = """
DROP FUNCTION audit_append(
    bigint, timestamptz, bigint, varchar, varchar, varchar, varchar, bigint, inet, varchar, text
)
"""


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(create, drop)]
