from typing import Any

from django.db import migrations

import mutuality.encryption.fields


def keep_summaries(apps: Any, schema_editor: Any) -> None:
    """Each stored transcript's summary, copied beside its content (as `save` now does)."""
    transcripts = apps.get_model("transcripts", "SessionTranscript").objects
    for t in transcripts.using(schema_editor.connection.alias).only("id", "content").iterator():
        transcripts.filter(pk=t.pk).update(summary=t.content.get("summary", {}))


class Migration(migrations.Migration):
    dependencies = [
        ("transcripts", "0003_sealed_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="sessiontranscript",
            name="summary",
            field=mutuality.encryption.fields.EncryptedJSONField(default=dict, editable=False),
        ),
        migrations.RunPython(keep_summaries, migrations.RunPython.noop),
    ]
