from django.apps import AppConfig


class LogsConfig(AppConfig):
    """Between-session logs a client keeps through their private link."""

    name = "mutuality.logs"
