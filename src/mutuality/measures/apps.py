from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    """Measures: administrations of instruments, risk alerts, check-in links, FHIR."""

    name = "mutuality.measures"
