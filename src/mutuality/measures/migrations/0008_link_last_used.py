from django.db import migrations, models


def keep_latest_use(apps, schema_editor):
    """Each link's latest submission, from the submissions already saved: what the caseload
    looked up per link on every visit until now."""
    link = apps.get_model("measures", "CheckinLink")
    submission = apps.get_model("measures", "CheckinSubmission")
    latest = (
        submission.objects.filter(link=models.OuterRef("pk"))
        .order_by("-submitted_at")
        .values("submitted_at")[:1]
    )
    link.objects.update(last_used_at=models.Subquery(latest))


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0007_administration_scores"),
    ]

    operations = [
        migrations.AddField(
            model_name="checkinlink",
            name="last_used_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(keep_latest_use, migrations.RunPython.noop),
    ]
