# TherapySession now belongs to the sessions app (same table); only Django's state changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("transcripts", "0001_initial"),
        ("therapy_sessions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="sessiontranscript",
                    name="session",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="transcript",
                        to="therapy_sessions.therapysession",
                    ),
                ),
                migrations.DeleteModel(name="TherapySession"),
            ],
            database_operations=[],
        ),
    ]
