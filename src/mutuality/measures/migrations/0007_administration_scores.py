from django.db import migrations, models


def score_saved_answers(apps, schema_editor):
    """Keeps the scores of every administration already saved, scored by today's code: the
    same scores the pages computed from the answers on every visit until now."""
    from mutuality.measures.summary import keep_scores

    keep_scores(apps.get_model("measures", "Administration"))


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0006_administration_client_date"),
    ]

    operations = [
        migrations.AddField(
            model_name="administration",
            name="scores",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.RunPython(score_saved_answers, migrations.RunPython.noop),
    ]
