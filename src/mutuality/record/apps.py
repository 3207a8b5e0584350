from django.apps import AppConfig


class RecordConfig(AppConfig):
    """What spans the apps: the caseload, the client page and timeline, the FHIR export."""

    name = "mutuality.record"

    def ready(self) -> None:
        from mutuality.record import activity

        activity.connect()
