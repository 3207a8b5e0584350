from django.apps import AppConfig


class PracticesConfig(AppConfig):
    """A practice and the clinicians who work in it."""

    name = "mutuality.practices"
