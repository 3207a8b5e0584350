# TherapySession moves here from the transcripts app. Its table stays as it was
# (transcripts_therapysession): the model is created in Django's state only, then the new
# fields are added to the existing table.

import django.db.models.deletion
from django.db import migrations, models

import mutuality.encryption.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("clients", "0001_initial"),
        ("transcripts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TherapySession",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("held_on", models.DateField(verbose_name="Date")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "client",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="therapy_sessions",
                                to="clients.client",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-held_on", "-id"],
                        "db_table": "transcripts_therapysession",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="therapysession",
            name="start_time",
            field=models.TimeField(blank=True, null=True, verbose_name="Start time"),
        ),
        migrations.AddField(
            model_name="therapysession",
            name="duration_minutes",
            field=models.PositiveSmallIntegerField(default=50, verbose_name="Minutes"),
        ),
        migrations.AddField(
            model_name="therapysession",
            name="modality",
            field=models.CharField(
                choices=[("in-person", "In person"), ("video", "Video"), ("phone", "Phone")],
                default="in-person",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="therapysession",
            name="attendees",
            field=mutuality.encryption.fields.EncryptedTextField(
                blank=True,
                help_text="Anyone besides the client and you, e.g. 'partner', 'interpreter'.",
            ),
        ),
        migrations.AddIndex(
            model_name="therapysession",
            index=models.Index(fields=["client", "held_on"], name="session_client_date"),
        ),
    ]
