from django.apps import AppConfig


class MapsConfig(AppConfig):
    """The relational-cultural map: a client's relationships and their dated assessments."""

    name = "mutuality.maps"
